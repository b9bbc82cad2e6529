from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "lotse.identity"
    label = "identity"
    verbose_name = "Identity"
