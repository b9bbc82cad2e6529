from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.access.services import reference_data_load
from lotse.organisations.reference import DEFAULT_CSV, ReferenceDataError, reference_loaders


class Command(BaseCommand):
    help = (
        "Load the Kreise, Agenturen and Jobcenter of Baden-Württemberg. Adds what is missing and "
        "keeps rows that administrators have edited."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="reference CSV file")

    def handle(self, *args, csv: Path, **options):
        try:
            report = reference_data_load(actor=None, path=csv)
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Reference data: {report.summary()}")
        # The reference data of the apps above (the course catalogue, …), each from its file.
        for label, loader in reference_loaders():
            try:
                self.stdout.write(f"{label}: {loader()}")
            except ValueError as exc:
                raise CommandError(f"{label}: {exc}") from exc
