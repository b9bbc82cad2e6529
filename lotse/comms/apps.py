from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommsConfig(AppConfig):
    name = "lotse.comms"
    label = "comms"
    verbose_name = _("Letters and messages")

    def ready(self) -> None:
        from lotse.comms import access  # noqa: F401 - registers the office rules with the policy
