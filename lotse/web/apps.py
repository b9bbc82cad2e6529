from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lotse.web"
    label = "web"
