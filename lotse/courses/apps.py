from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "lotse.courses"
    label = "courses"
    verbose_name = _("Courses and measures")

    def ready(self) -> None:
        from django.apps import apps

        from lotse.courses import access  # noqa: F401 - registers the course scope with the policy
        from lotse.courses.catalogue import load_catalogue
        from lotse.organisations.reference import register_reference_loader

        register_reference_loader(
            "Course catalogue", lambda: load_catalogue(apps).summary(), name="courses.catalogue"
        )
