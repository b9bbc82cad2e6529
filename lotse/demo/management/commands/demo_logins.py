from itertools import groupby

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from lotse.demo.region import DEMO_PASSWORD, DEMO_TOTP_SECRET, current_demo_code, demo_region_seed


class Command(BaseCommand):
    help = "Print the demo logins, the demo password and the current second-factor code."

    def add_arguments(self, parser):
        parser.add_argument("--code", action="store_true", help="print only the current code")

    def handle(self, *args, code: bool, **options):
        try:
            if code:
                self.stdout.write(current_demo_code())
                return
            logins = demo_region_seed()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("\nlotse demo logins (sb = Sachbearbeitung/caseworker, tl = team lead,")
        self.stdout.write(
            "dsb = data-protection officer, plan = regional planner, admin = administrator)\n"
        )
        for office, group in groupby(logins, key=lambda login: login.office):
            names = "  ".join(login.username for login in group)
            self.stdout.write(f"  {office}\n      {names}")
        self.stdout.write(f"\nPassword for every demo login: {DEMO_PASSWORD}")
        self.stdout.write(
            "Second factor: the 6-digit code from `make demo-code` (or `python manage.py "
            f"demo_logins --code`), or add the secret {DEMO_TOTP_SECRET} to any authenticator app."
        )
        self.stdout.write(f"Current code: {current_demo_code()} (changes every 30 seconds)\n")
