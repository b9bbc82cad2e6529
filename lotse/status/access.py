"""Status data travel by statute (lotse/access/policy.py, STATUTORY_FLOWS).

The residence status recorded by the Ausländerbehörde decides which benefit body pays and whether
the person may work, so the benefit bodies with an open case see it without a referral or a
consent (§ 87 AufenthG; § 8 AsylG; § 71 SGB X); between benefit bodies status data travel under
§ 69 Abs. 1 Nr. 1 SGB X. The rule only applies the flows the policy's table names for the
category `status`: the Integrationsmanagement (no statutory flow) sees status data of another
office only with the person's consent (the consent rule), and blocked flows stay blocked (the
policy checks them before any rule). The open-case rule has allowed the user to see the person
before this rule is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lotse.access.policy import (
    Action,
    Category,
    Decision,
    register_category_rule,
    register_party_rule,
    statutory_basis,
)

if TYPE_CHECKING:
    from lotse.organisations.models import Office, User
    from lotse.people.models import Person


def status_by_statute(
    *, user: User, person: Person, category: str, owner_office: Office | None, purpose: str
) -> Decision | None:
    if str(category) != Category.STATUS or owner_office is None or user.office is None:
        return None
    basis = statutory_basis(owner_office.kind, user.office.kind, Category.STATUS)
    if not basis:
        return None
    return Decision(
        True,
        Action.VIEW_PERSON,
        _("Status data reach this office by statute."),
        basis=basis,
        categories=(Category.STATUS,),
    )


def _status_by_statute_admits(
    *, user: User, category: str, owner_office: Office | None, purpose: str
) -> Q | None:
    if str(category) != Category.STATUS or owner_office is None or user.office is None:
        return None
    return Q() if statutory_basis(owner_office.kind, user.office.kind, Category.STATUS) else None


# --- the Rechtskreiswechsel: seen by the two offices of the switch ------------------------------


register_party_rule(
    "status.BenefitSwitch",
    "from_office",
    "to_office",
    name="status.switch_party",
    refusal=gettext_noop("This Rechtskreiswechsel concerns other offices."),
)


register_category_rule(
    status_by_statute, name="status.by_statute", admits=_status_by_statute_admits
)
