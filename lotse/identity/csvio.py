"""Person rows in CSV (the format of `manage.py match_persons`) and the pairs it writes."""

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lotse.identity.matching import Identifier, Pair, PersonRecord, parse_birth_date

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
)
PAIR_COLUMNS = ("record_id_1", "record_id_2", "score", "reasons")
IDENTIFIER_SEPARATOR = ";"


class InputError(Exception):
    """The file as a whole cannot be used (missing, no record_id column, duplicate ids)."""


@dataclass
class ReadResult:
    records: list[PersonRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 7: …", one per bad row


def record_from_row(row: dict[str, str]) -> PersonRecord:
    def value(column: str) -> str:
        return (row.get(column) or "").strip()

    if not value("record_id"):
        raise ValueError("record_id is empty")
    identifiers = tuple(
        Identifier.parse(part)
        for part in value("identifier").split(IDENTIFIER_SEPARATOR)
        if part.strip()
    )
    return PersonRecord(
        record_id=value("record_id"),
        given_names=value("given_names"),
        family_name=value("family_name"),
        birth_date=parse_birth_date(value("birth_date")),
        sex=value("sex"),
        nationality=value("nationality"),
        birth_place=value("birth_place"),
        address=value("address"),
        postcode=value("postcode"),
        identifiers=identifiers,
    )


def read_records(path: Path) -> ReadResult:
    """Every good row as a record; every bad row as a problem with its line number."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    result = ReadResult()
    seen: dict[str, int] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        # strict: a quote left open is an error, not a field that swallows the rows after it
        reader = csv.DictReader(handle, strict=True)
        for line, row in _rows(reader, path):
            try:
                record = record_from_row(row)
            except ValueError as exc:
                result.problems.append(f"{path.name} line {line}: {exc}")
                continue
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
