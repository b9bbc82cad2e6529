from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "lotse.jobs"
    label = "jobs"
    verbose_name = _("Work and training")

    def ready(self) -> None:
        from lotse.jobs import (
            access,  # noqa: F401 - registers the vacancies' scope with the policy
            youth_stages,  # noqa: F401 - placements as stages of the youth list
        )
