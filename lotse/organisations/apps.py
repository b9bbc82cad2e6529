from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "lotse.organisations"
    label = "organisations"
