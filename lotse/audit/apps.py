from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lotse.audit"
    label = "audit"

    def ready(self) -> None:
        from lotse.audit import checks  # noqa: F401 - registers the deployment check
