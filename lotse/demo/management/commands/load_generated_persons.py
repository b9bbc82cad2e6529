from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from lotse.demo.registry_load import load_rows
from lotse.identity.generate import Generator
from lotse.organisations.models import Office


class Command(BaseCommand):
    help = (
        "Load generated persons (with planted duplicates) into the registry, with an open case "
        "at one office. Demo mode only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--duplicates", type=float, default=0.1, help="share of planted duplicates"
        )
        parser.add_argument("--office", default="sozialamt-tubingen-08416", help="office code")

    def handle(self, *args, count, seed, duplicates, office, **options):
        if count < 1:
            raise CommandError("--count must be at least 1")
        if not 0 <= duplicates <= 1:
            raise CommandError("--duplicates must lie between 0 and 1")
        target = Office.objects.filter(code=office).first()
        if target is None:
            raise CommandError(f"No office with the code {office!r}")
        rows = Generator(seed=seed, duplicates=duplicates).rows(count)
        try:
            loaded = load_rows(rows, office=target)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Loaded {loaded} generated persons into {target}.")
