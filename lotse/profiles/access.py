"""Profile data travel between benefit bodies by statute (lotse/access/policy.py, STATUTORY_FLOWS):
what the Agentur recorded during the asylum procedure (early intervention) reaches the Jobcenter
after the switch and the Sozialamt before it under § 69 Abs. 1 Nr. 1 SGB X, as far as the task
needs it, without a referral and without asking the person again. The rule applies only the flows
the policy's table names for the category `profile`: the Integrationsmanagement (no statutory
flow) reads another office's profile only with the person's consent (the consent rule), the
Ausländerbehörde not at all, and health restrictions (Category.HEALTH) never by statute. The
open-case rule has allowed the user to see the person before this rule is asked.
"""

from django.utils.translation import gettext_noop

from lotse.access.policy import Category, register_statutory_category_rule

register_statutory_category_rule(
    Category.PROFILE,
    name="profiles.by_statute",
    reason=gettext_noop("Profile data reach this office by statute."),
)
