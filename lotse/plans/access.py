"""Plan data travel by statute between the benefit bodies (lotse/access/policy.py,
STATUTORY_FLOWS: § 69 Abs. 1 Nr. 1 SGB X), as status data do (lotse/status/access.py).

The Sozialamt, the Jobcenter and the Agentur with an open case read one another's goals and
steps without a referral or a consent, as far as their statutory task needs it. The
Integrationsmanagement is no benefit body: it reads another office's plan entries, and another
office reads its entries, only with the person's consent (the consent rule). The
Ausländerbehörde has no flow for the category `plan`, so it reads no other office's plan entries.
The open-case rule has allowed the user to see the person before this rule is asked.
"""

from django.utils.translation import gettext_noop

from lotse.access.policy import Category, register_statutory_category_rule

register_statutory_category_rule(
    Category.PLAN,
    name="plans.by_statute",
    reason=gettext_noop("Plan data reach this office by statute."),
)
