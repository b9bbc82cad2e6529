from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lotse.access.services import user_create
from lotse.organisations.models import Office, Role


class Command(BaseCommand):
    help = (
        "Create a member of staff as a system action: the roles hold at once, without the second "
        "administrator an administrator's grant needs. For the first administrators of an office "
        "and the Land administrators; set the password with `manage.py changepassword USER`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--office", required=True, help="office code, e.g. land-bw")
        parser.add_argument(
            "--role", action="append", default=[], choices=Role.values, help="repeatable"
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, office, role, first_name, last_name, email, **options):
        found = Office.objects.filter(code=office).first()
        if found is None:
            raise CommandError(f"No office with the code {office!r}.")
        try:
            user = user_create(
                actor=None,
                username=username,
                office=found,
                roles=[Role(r) for r in role],
                first_name=first_name,
                last_name=last_name,
                email=email,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"Created {user.username} at {found.name} with roles {sorted(user.role_set)}. "
            f"Set a password: manage.py changepassword {user.username}"
        )
