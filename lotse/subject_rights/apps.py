from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubjectRightsConfig(AppConfig):
    name = "lotse.subject_rights"
    label = "subject_rights"
    verbose_name = _("Rights of the person (Art. 15, 16 GDPR)")

    def ready(self) -> None:
        from lotse.subject_rights import rules  # noqa: F401 - registers the report rules
