"""manage.py match_persons INPUT.csv [--link OTHER.csv] --out PAIRS.csv

Finds the persons that may be one within a file, or across two files, for data from elsewhere.
Reads and writes files only; never touches the database.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import ngettext

from lotse.identity.csvio import COLUMNS, InputError, ReadResult, read_records, write_pairs
from lotse.identity.matching import LIKELY, POSSIBLE, find_duplicates, link


def _same_file(one: Path, other: Path) -> bool:
    if one.resolve() == other.resolve():
        return True
    try:
        return one.exists() and other.exists() and one.samefile(other)  # a hard link
    except OSError:
        return False


class Command(BaseCommand):
    help = (
        "Find duplicate persons in a CSV file, or link two files, and write the pairs with "
        f"score and reasons. Columns (all optional but record_id): {', '.join(COLUMNS)}; "
        "birth_date as YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY, DDMMYYYY, YYYY-MM, MM.YYYY or YYYY "
        "(00 for an unknown day or month); a birth date that is no valid date keeps what it "
        "still tells (the year, the month if valid), the row is kept and the field reported "
        "on stderr; "
        "identifier as TYPE:VALUE, several separated by ';'. Extra columns are ignored."
    )
    requires_system_checks = []  # a file tool: no database, no checks
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("input", type=Path)
        parser.add_argument("--link", type=Path, help="a second file: link INPUT to it")
        parser.add_argument("--out", type=Path, required=True, help="where to write the pairs")
        parser.add_argument(
            "--min-score",
            type=float,
            default=POSSIBLE,
            help=f"lowest score written (default {POSSIBLE}, 'possible'; 'likely' is {LIKELY})",
        )
        parser.add_argument("--processes", type=int, default=None, help="default: all cores")

    def handle(self, *args, **options):
        out = options["out"]
        for source in filter(None, (options["input"], options["link"])):
            if _same_file(out, source):
                raise CommandError(
                    f"--out {out} is the input file {source}: the pairs would overwrite it; "
                    "choose another name"
                )
        if not out.parent.is_dir():
            raise CommandError(f"cannot write {out}: the folder {out.parent} does not exist")
        left = self._read(options["input"])
        right = self._read(options["link"]) if options["link"] else None
        if right is None:
            pairs = find_duplicates(left.records, options["min_score"], options["processes"])
        else:
            pairs = link(left.records, right.records, options["min_score"], options["processes"])
        try:
            count = write_pairs(options["out"], pairs)
        except OSError as exc:
            raise CommandError(f"cannot write {options['out']}: {exc}") from exc
        records = len(left.records) + (len(right.records) if right else 0)
        self.stdout.write(f"{count} pairs from {records} records written to {options['out']}")

    def _read(self, path: Path) -> ReadResult:
        # The report is for the operator, in the installation's language (a command runs
        # without one otherwise).
        with translation.override(settings.LANGUAGE_CODE):
            return self._read_and_report(path)

    def _read_and_report(self, path: Path) -> ReadResult:
        try:
            result = read_records(path)
        except InputError as exc:
            raise CommandError(str(exc)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        for report in result.fields:
            self.stderr.write(str(report))
        for problem in result.problems:
            self.stderr.write(problem)
        if result.fields:
            count = len(result.fields)
            self.stderr.write(
                ngettext(
                    "%(file)s: %(count)s field not used in full (see above); its row is kept.",
                    "%(file)s: %(count)s fields not used in full (see above); their rows are kept.",
                    count,
                )
                % {"file": path.name, "count": count}
            )
        if result.problems:
            count = len(result.problems)
            self.stderr.write(
                ngettext(
                    "%(file)s: %(count)s row without record_id skipped (see above).",
                    "%(file)s: %(count)s rows without record_id skipped (see above).",
                    count,
                )
                % {"file": path.name, "count": count}
            )
        return result
