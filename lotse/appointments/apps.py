from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "lotse.appointments"
    label = "appointments"
    verbose_name = _("Appointments")

    def ready(self) -> None:
        from lotse.appointments import access  # noqa: F401 - registers the scopes with the policy
