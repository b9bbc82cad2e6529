"""Plan data travel by statute between the benefit bodies (lotse/access/policy.py,
STATUTORY_FLOWS: § 69 Abs. 1 Nr. 1 SGB X), as status data do (lotse/status/access.py).

The Sozialamt, the Jobcenter and the Agentur with an open case read one another's goals and
steps without a referral or a consent, as far as their statutory task needs it. The
Integrationsmanagement is no benefit body: it reads another office's plan entries, and another
office reads its entries, only with the person's consent (the consent rule). The
Ausländerbehörde has no flow for the category `plan`, so it reads no other office's plan entries.
The open-case rule has allowed the user to see the person before this rule is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from lotse.access.policy import (
    Action,
    Category,
    Decision,
    register_category_rule,
    statutory_basis,
)

if TYPE_CHECKING:
    from lotse.organisations.models import Office, User
    from lotse.people.models import Person


def plan_by_statute(
    *, user: User, person: Person, category: str, owner_office: Office | None, purpose: str
) -> Decision | None:
    if str(category) != Category.PLAN or owner_office is None or user.office is None:
        return None
    basis = statutory_basis(owner_office.kind, user.office.kind, Category.PLAN)
    if not basis:
        return None
    return Decision(
        True,
        Action.VIEW_PERSON,
        _("Plan data reach this office by statute."),
        basis=basis,
        categories=(Category.PLAN,),
    )


def _plan_by_statute_admits(
    *, user: User, category: str, owner_office: Office | None, purpose: str
) -> Q | None:
    if str(category) != Category.PLAN or owner_office is None or user.office is None:
        return None
    return Q() if statutory_basis(owner_office.kind, user.office.kind, Category.PLAN) else None


register_category_rule(plan_by_statute, name="plans.by_statute", admits=_plan_by_statute_admits)
