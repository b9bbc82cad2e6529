"""manage.py generate_persons --count N --seed S --duplicates RATE --out FILE.csv"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.identity.generate import write_csv


class Command(BaseCommand):
    help = (
        "Write a generated population of refugee households with planted duplicates as CSV in "
        "the input format of match_persons, plus the truth column true_person_id."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="rows to write")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--duplicates", type=float, default=0.2, help="share of rows that are duplicates"
        )
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, **options):
        if options["count"] < 0:
            raise CommandError("--count must not be negative")
        started = time.perf_counter()
        try:
            written = write_csv(
                options["out"], options["count"], options["seed"], options["duplicates"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"cannot write {options['out']}: {exc}") from exc
        seconds = time.perf_counter() - started
        self.stdout.write(f"{written} rows written to {options['out']} in {seconds:.1f} s")
