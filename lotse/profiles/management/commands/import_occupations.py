"""manage.py import_occupations --kldb FILE --isco FILE [--mapping FILE]

Load the official occupation classifications an operator provides (docs/profiles.md: where to
get them, their formats, their licences). Every line is checked first; a file with a bad line
loads nothing and each bad line is named with its number. Running it again changes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.profiles.occupations import (
    SUBSET_ISCO,
    SUBSET_KLDB,
    SUBSET_MAPPING,
    OccupationFileError,
)
from lotse.profiles.services import occupations_import


class Command(BaseCommand):
    help = (
        "Load the KldB 2010 and ISCO-08 (and the mapping between them) from CSV files. Without "
        "files: the hand-verified subset shipped with lotse."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kldb", type=Path, help="KldB 2010 positions (CSV)")
        parser.add_argument("--isco", type=Path, help="ISCO-08 groups (CSV)")
        parser.add_argument("--mapping", type=Path, help="KldB 2010 → ISCO-08 (CSV)")

    def handle(self, *args, kldb, isco, mapping, **options):
        if kldb is None and isco is None and mapping is None:
            kldb, isco, mapping = SUBSET_KLDB, SUBSET_ISCO, SUBSET_MAPPING
        if kldb is None or isco is None:
            raise CommandError("Give both --kldb and --isco (and optionally --mapping).")
        try:
            report = occupations_import(actor=None, kldb=kldb, isco=isco, mapping=mapping)
        except OccupationFileError as exc:
            raise CommandError(f"Nothing was imported.\n{exc}") from exc
        self.stdout.write(f"Occupations: {report.summary()}")
