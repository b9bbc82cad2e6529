from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "lotse.cases"
    label = "cases"

    def ready(self) -> None:
        from lotse.cases import rules  # noqa: F401 - registers the open-case rule with the policy
