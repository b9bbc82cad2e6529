from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusConfig(AppConfig):
    name = "lotse.status"
    label = "status"
    verbose_name = _("Residence status")

    def ready(self) -> None:
        from lotse.status import access  # noqa: F401 - registers the status rule with the policy
