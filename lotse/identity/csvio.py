"""Person rows in CSV (the format of `manage.py match_persons`) and the pairs it writes."""

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from lotse.identity.matching import (
    BirthReading,
    DateProblem,
    Identifier,
    Pair,
    PersonRecord,
    read_birth_date,
)

COLUMNS = (
    "record_id",
    "given_names",
    "family_name",
    "birth_date",
    "sex",
    "nationality",
    "birth_place",
    "address",
    "postcode",
    "identifier",
    "father_name",
    "mother_name",
)
PAIR_COLUMNS = ("record_id_1", "record_id_2", "score", "reasons")
IDENTIFIER_SEPARATOR = ";"


class InputError(Exception):
    """The file as a whole cannot be used (missing, no record_id column, duplicate ids)."""


@dataclass(frozen=True)
class FieldReport:
    """A field not used in full; its row is kept with what the field still tells."""

    file: str
    line: int
    column: str
    reading: BirthReading

    def __str__(self) -> str:
        where = {"file": self.file, "line": self.line, "value": self.reading.text}
        if self.reading.problem is DateProblem.INVALID:
            text = _("%(file)s, line %(line)s: date of birth “%(value)s” is not a valid date")
        elif self.reading.problem is DateProblem.IMPLAUSIBLE:
            text = _(
                "%(file)s, line %(line)s: year of birth in “%(value)s” is not plausible "
                "(before 1880 or in the future)"
            )
        else:
            text = _(
                "%(file)s, line %(line)s: date of birth “%(value)s” is in no known form "
                "(such as DD.MM.YYYY, YYYY-MM-DD, YYYYMMDD, MM.YYYY or YYYY)"
            )
        return _("%(problem)s; used: %(kept)s") % {
            "problem": text % where,
            "kept": kept_text(self.reading),
        }


def kept_text(reading: BirthReading) -> str:
    """What of a birth date field the record keeps, in words."""
    birth = reading.birth
    if birth.year is None:
        return _("nothing (date of birth unknown)")
    if birth.month is None:
        return _("year %(year)s") % {"year": f"{birth.year:04d}"}
    return _("year %(year)s, month %(month)s") % {
        "year": f"{birth.year:04d}",
        "month": f"{birth.month:02d}",
    }


@dataclass
class ReadResult:
    records: list[PersonRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "in.csv, line 7: …", one per row skipped
    fields: list[FieldReport] = field(default_factory=list)  # fields not used in full


def record_from_row(row: dict[str, str]) -> PersonRecord:
    """The row as a record; a field that is not what it should be gives what it still tells
    (see `read_row` for what was not used). Raises ValueError only without a record_id."""
    return read_row(row)[0]


def read_row(row: dict[str, str]) -> tuple[PersonRecord, list[tuple[str, BirthReading]]]:
    """The row as a record, and (column, reading) of each field not used in full."""

    def value(column: str) -> str:
        return (row.get(column) or "").strip()

    if not value("record_id"):
        raise ValueError(_("record_id is empty; row skipped"))
    birth = read_birth_date(value("birth_date"))
    not_used = [("birth_date", birth)] if birth.problem else []
    identifiers = tuple(
        Identifier.parse(part)
        for part in value("identifier").split(IDENTIFIER_SEPARATOR)
        if part.strip()
    )
    record = PersonRecord(
        record_id=value("record_id"),
        given_names=value("given_names"),
        family_name=value("family_name"),
        birth_date=birth.birth,
        sex=value("sex"),
        nationality=value("nationality"),
        birth_place=value("birth_place"),
        father_name=value("father_name"),
        mother_name=value("mother_name"),
        address=value("address"),
        postcode=value("postcode"),
        identifiers=identifiers,
    )
    return record, not_used


def read_records(path: Path) -> ReadResult:
    """Every row as a record, each field not used in full reported with its line; only a row
    without record_id is skipped (as a problem with its line)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    result = ReadResult()
    seen: dict[str, int] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        # strict: a quote left open is an error, not a field that swallows the rows after it
        reader = csv.DictReader(handle, strict=True)
        for line, row in _rows(reader, path):
            try:
                record, not_used = read_row(row)
            except ValueError as exc:
                result.problems.append(
                    _("%(file)s, line %(line)s: %(problem)s")
                    % {"file": path.name, "line": line, "problem": exc}
                )
                continue
            result.fields += [
                FieldReport(path.name, line, column, reading) for column, reading in not_used
            ]
            if record.record_id in seen:
                raise InputError(
                    f"{path}: record_id {record.record_id!r} on line {line} "
                    f"is already on line {seen[record.record_id]}"
                )
            seen[record.record_id] = line
            result.records.append(record)
    return result


def _rows(reader: csv.DictReader, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line where the row starts, row); a row the csv module cannot read stops the file with
    its line: going on would misread every row after it."""
    start = 1
    try:
        if "record_id" not in (reader.fieldnames or []):
            raise InputError(f"{path}: no record_id column (columns: {reader.fieldnames})")
        start = reader.line_num + 1
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            why = f"a field is longer than {csv.field_size_limit() // 1024} KiB"
        elif "unexpected end of data" in str(exc):
            why = 'a quote (") is opened and never closed'
        else:
            why = f"not readable as CSV ({exc})"
        raise InputError(
            f"{path} line {start}: {why}; nothing was matched, correct the file and run again"
        ) from None


def write_pairs(path: Path, pairs: Iterable[Pair]) -> int:
    """Write into a new file next to `path` and move it in place only when complete: an
    error half-way leaves whatever was at `path` as it was."""
    count = 0
    handle = tempfile.NamedTemporaryFile(
        "w",
        newline="",
        encoding="utf-8",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".part",
        delete=False,
    )
    try:
        with handle:
            writer = csv.writer(handle)
            writer.writerow(PAIR_COLUMNS)
            for pair in pairs:
                reasons = "; ".join(pair.result.reasons)
                writer.writerow((pair.record_id_1, pair.record_id_2, pair.result.score, reasons))
                count += 1
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count
