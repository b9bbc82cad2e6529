from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lotse.core"
    label = "core"

    def ready(self) -> None:
        from lotse.core.db import connect_signals

        connect_signals()
