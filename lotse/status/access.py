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

from django.utils.translation import gettext_noop

from lotse.access.policy import (
    Category,
    register_party_rule,
    register_statutory_category_rule,
)

# --- the Rechtskreiswechsel: seen by the two offices of the switch ------------------------------


register_party_rule(
    "status.BenefitSwitch",
    "from_office",
    "to_office",
    name="status.switch_party",
    refusal=gettext_noop("This Rechtskreiswechsel concerns other offices."),
)


register_statutory_category_rule(
    Category.STATUS,
    name="status.by_statute",
    reason=gettext_noop("Status data reach this office by statute."),
)
