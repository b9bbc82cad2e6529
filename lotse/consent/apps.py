from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "lotse.consent"
    label = "consent"
    verbose_name = _("Consent")

    def ready(self) -> None:
        from lotse.consent import rules  # noqa: F401 - registers the consent rule with the policy
