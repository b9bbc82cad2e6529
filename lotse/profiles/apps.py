from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "lotse.profiles"
    label = "profiles"
    verbose_name = _("Profiles")

    def ready(self) -> None:
        from lotse.profiles import access  # noqa: F401 - registers the profile rule with the policy
