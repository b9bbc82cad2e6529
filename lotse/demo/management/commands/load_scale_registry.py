from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from lotse.demo.scale import scale_region_load


class Command(BaseCommand):
    help = (
        "Add generated persons with cases, status events, referrals and consents to the demo "
        "region, and caseworker logins at every demo office (the load benchmark's registry; "
        "demo mode only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--caseworkers", type=int, default=5, help="caseworker logins per demo office"
        )

    def handle(self, *args, persons: int, seed: int, caseworkers: int, **options):
        if persons < 1:
            raise CommandError("--persons must be at least 1")
        if not 1 <= caseworkers <= 99:
            raise CommandError("--caseworkers must lie between 1 and 99")

        def progress(done: int) -> None:
            if done % 50_000 < 2_000 or done == persons:
                self.stderr.write(f"  {done:,} of {persons:,} persons")

        try:
            summary = scale_region_load(
                persons=persons, seed=seed, caseworkers_per_office=caseworkers, progress=progress
            )
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Loaded {summary.persons:,} persons ({summary.open_cases:,} open cases), "
            f"{summary.status_events:,} status events, {summary.referrals:,} referrals, "
            f"{summary.consents:,} consents; {len(summary.caseworkers)} caseworker logins."
        )
