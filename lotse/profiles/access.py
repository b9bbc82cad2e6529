"""Profile data travel between benefit bodies by statute (lotse/access/policy.py, STATUTORY_FLOWS):
what the Agentur recorded during the asylum procedure (early intervention) reaches the Jobcenter
after the switch and the Sozialamt before it under § 69 Abs. 1 Nr. 1 SGB X, as far as the task
needs it, without a referral and without asking the person again. The rule applies only the flows
the policy's table names for the category `profile`: the Integrationsmanagement (no statutory
flow) reads another office's profile only with the person's consent (the consent rule), the
Ausländerbehörde not at all, and health restrictions (Category.HEALTH) never by statute. The
open-case rule has allowed the user to see the person before this rule is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, Decision, register_category_rule, statutory_basis

if TYPE_CHECKING:
    from lotse.organisations.models import Office, User
    from lotse.people.models import Person


def profile_by_statute(
    *, user: User, person: Person, category: str, owner_office: Office | None, purpose: str
) -> Decision | None:
    if str(category) != Category.PROFILE or owner_office is None or user.office is None:
        return None
    basis = statutory_basis(owner_office.kind, user.office.kind, Category.PROFILE)
    if not basis:
        return None
    return Decision(
        True,
        Action.VIEW_PERSON,
        _("Profile data reach this office by statute."),
        basis=basis,
        categories=(Category.PROFILE,),
    )


def _profile_by_statute_admits(
    *, user: User, category: str, owner_office: Office | None, purpose: str
) -> Q | None:
    if str(category) != Category.PROFILE or owner_office is None or user.office is None:
        return None
    return Q() if statutory_basis(owner_office.kind, user.office.kind, Category.PROFILE) else None


register_category_rule(
    profile_by_statute, name="profiles.by_statute", admits=_profile_by_statute_admits
)
