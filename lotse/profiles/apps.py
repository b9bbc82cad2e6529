from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "lotse.profiles"
    label = "profiles"
    verbose_name = _("Profiles")

    def ready(self) -> None:
        from django.apps import apps

        from lotse.organisations.reference import register_reference_loader
        from lotse.profiles import access  # noqa: F401 - registers the profile rule with the policy

        def occupations() -> str:
            # The shipped subset into an empty table only: official files an operator imported
            # with `manage.py import_occupations` are never overwritten by it.
            if apps.get_model("profiles", "Occupation").objects.exists():
                return "already present, left as they are"
            from lotse.profiles.occupations import load_subset

            return load_subset(apps).summary()

        register_reference_loader("Occupations", occupations, name="profiles.occupations")
