from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommsConfig(AppConfig):
    name = "lotse.comms"
    label = "comms"
    verbose_name = _("Letters and messages")

    def ready(self) -> None:
        from lotse.comms import access  # noqa: F401 - registers the office rules with the policy
        from lotse.organisations.reference import register_reference_loader

        def letter_texts() -> str:
            from lotse.comms.templates import letter_templates_load

            counts = letter_templates_load()
            return "{created} created, {unchanged} unchanged".format(**counts)

        # `manage.py load_reference_data` loads the shipped letter texts that are missing.
        register_reference_loader("Letter texts", letter_texts, name="comms.letters")
