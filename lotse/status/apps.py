from django.apps import AppConfig


class StatusConfig(AppConfig):
    name = "lotse.status"
    label = "status"
