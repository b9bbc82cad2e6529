from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "lotse.access"
    label = "access"

    def ready(self) -> None:
        from lotse.access import receivers  # noqa: F401
