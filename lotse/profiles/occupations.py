"""Reading the occupation classifications (KldB 2010, ISCO-08 and the mapping between them) from
CSV files and loading them.

Used by `manage.py import_occupations` (through the service `occupations_import`) and by the
data migration that loads the shipped subset (lotse/profiles/data), so it takes the app registry
instead of importing models. Every line is checked before anything is written; a file with a bad
line loads nothing and says which lines are bad (docs/profiles.md describes the formats).
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
SUBSET_KLDB = DATA_DIR / "kldb2010_subset.csv"
SUBSET_ISCO = DATA_DIR / "isco08_subset.csv"
SUBSET_MAPPING = DATA_DIR / "kldb_isco_subset.csv"

# The headers each column is known by (compared lower-case, spaces squeezed): lotse's own and
# those of the official downloads (docs/profiles.md says which are assumed).
KLDB_CODE = (
    "kldb_code",
    "schlüssel kldb 2010",
    "schlüssel kldb 2010, v. 2020",
    "kldb 2010",
    "code",
)
KLDB_TITLE = ("title_de", "titel", "bezeichnung", "berufsbezeichnung")
KLDB_TITLE_EN = ("title_en",)
KLDB_TERMS = ("search_terms", "berufsbenennungen")
ISCO_CODE = ("isco_code", "isco 08 code", "isco-08 code", "isco-08", "code")
ISCO_TITLE = ("title_en", "title en", "title")
MAP_KLDB = ("kldb_code", "kldb 2010", "schlüssel kldb 2010", "kldb 2010 (5-steller)")
MAP_ISCO = ("isco_code", "isco-08", "isco 08", "isco-08 (4-steller)")
MAP_PRIMARY = ("primary", "schwerpunkt")
TRUE_WORDS = frozenset({"1", "x", "ja", "yes", "true", "j"})

_DIGITS = re.compile(r"^\d+$")


class OccupationFileError(ValueError):
    """A file that cannot be loaded, with every bad line: [(file, line number, message)]."""

    def __init__(self, problems: list[tuple[str, int, str]]):
        self.problems = problems
        super().__init__(
            "\n".join(f"{name}, line {line}: {message}" for name, line, message in problems)
        )


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, what: str) -> None:
        counts = getattr(self, bucket)
        counts[what] = counts.get(what, 0) + 1

    def summary(self) -> str:
        parts = []
        for what in ("KldB", "ISCO"):
            parts.append(
                f"{what}: {self.created.get(what, 0)} new, {self.updated.get(what, 0)} changed, "
                f"{self.unchanged.get(what, 0)} unchanged"
            )
        if "mapping" in self.created:
            parts.append(f"mapping: {self.created['mapping']} KldB positions with an ISCO-08 group")
        return "; ".join(parts)


@dataclass(frozen=True)
class KldbRow:
    line: int
    code: str
    title_de: str
    title_en: str = ""
    search_terms: str = ""


@dataclass(frozen=True)
class IscoRow:
    line: int
    code: str
    title_en: str


@dataclass(frozen=True)
class MappingRow:
    line: int
    kldb_code: str
    isco_code: str
    primary: bool


def _read(source: Path | str | io.StringIO) -> tuple[str, list[dict[str, str]], list[int]]:
    """The rows of a CSV file as dicts keyed by normalised header, with their line numbers.
    The delimiter (; , or tab) is detected; UTF-8 with or without BOM."""
    if isinstance(source, io.StringIO):
        name, text = "input", source.getvalue()
    else:
        path = Path(source)
        name = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise OccupationFileError([(name, 0, "not UTF-8 text; save it as CSV UTF-8")]) from exc
        except OSError as exc:
            raise OccupationFileError([(name, 0, f"cannot read the file: {exc.strerror}")]) from exc
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=first.count) if first else ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if header is None:
            header = [" ".join(v.lower().split()) for v in values]
            continue
        rows.append(
            {key: (values[i].strip() if i < len(values) else "") for i, key in enumerate(header)}
        )
        lines.append(reader.line_num)
    if header is None:
        raise OccupationFileError([(name, 0, "the file is empty")])
    return name, rows, lines


def _column(name: str, rows: list[dict[str, str]], known: Iterable[str], required: bool) -> str:
    keys = rows[0].keys() if rows else ()
    for candidate in known:
        if candidate in keys:
            return candidate
    if required:
        raise OccupationFileError(
            [(name, 1, f"no column {' / '.join(repr(k) for k in known)} in the header")]
        )
    return ""


def read_kldb(source: Path | str | io.StringIO) -> list[KldbRow]:
    name, rows, lines = _read(source)
    if not rows:
        raise OccupationFileError([(name, 1, "no occupations in the file")])
    code_col = _column(name, rows, KLDB_CODE, True)
    title_col = _column(name, rows, KLDB_TITLE, True)
    en_col = _column(name, rows, KLDB_TITLE_EN, False)
    terms_col = _column(name, rows, KLDB_TERMS, False)
    problems: list[tuple[str, int, str]] = []
    result: dict[str, KldbRow] = {}
    for row, line in zip(rows, lines, strict=True):
        code, title = row[code_col], row[title_col]
        if not _DIGITS.match(code) or not 1 <= len(code) <= 5:
            problems.append((name, line, f"{code!r} is not a KldB 2010 code (1 to 5 digits)"))
            continue
        if len(code) == 5 and code[4] not in "1234":
            problems.append(
                (name, line, f"{code}: the fifth digit (Anforderungsniveau) must be 1 to 4")
            )
            continue
        if not title:
            problems.append((name, line, f"{code}: the title is empty"))
            continue
        if len(title) > 300:
            problems.append((name, line, f"{code}: the title is longer than 300 characters"))
            continue
        if code in result and result[code].title_de != title:
            problems.append(
                (
                    name,
                    line,
                    f"{code} appears twice with different titles (line {result[code].line})",
                )
            )
            continue
        result[code] = KldbRow(
            line,
            code,
            title,
            row.get(en_col, "") if en_col else "",
            row.get(terms_col, "") if terms_col else "",
        )
    problems.extend(_missing_parents(name, result))
    if problems:
        raise OccupationFileError(problems)
    return sorted(result.values(), key=lambda r: (len(r.code), r.code))


def _missing_parents(name: str, rows: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [
        (name, row.line, f"{code}: the level above it ({code[:-1]}) is missing from the file")
        for code, row in rows.items()
        if len(code) > 1 and code[:-1] not in rows
    ]


def read_isco(source: Path | str | io.StringIO) -> list[IscoRow]:
    name, rows, lines = _read(source)
    if not rows:
        raise OccupationFileError([(name, 1, "no ISCO-08 groups in the file")])
    code_col = _column(name, rows, ISCO_CODE, True)
    title_col = _column(name, rows, ISCO_TITLE, True)
    problems: list[tuple[str, int, str]] = []
    result: dict[str, IscoRow] = {}
    for row, line in zip(rows, lines, strict=True):
        code, title = row[code_col], row[title_col]
        if not _DIGITS.match(code) or not 1 <= len(code) <= 4:
            problems.append((name, line, f"{code!r} is not an ISCO-08 code (1 to 4 digits)"))
            continue
        if not title:
            problems.append((name, line, f"{code}: the title is empty"))
            continue
        if len(title) > 300:
            problems.append((name, line, f"{code}: the title is longer than 300 characters"))
            continue
        if code in result and result[code].title_en != title:
            problems.append(
                (
                    name,
                    line,
                    f"{code} appears twice with different titles (line {result[code].line})",
                )
            )
            continue
        result[code] = IscoRow(line, code, title)
    problems.extend(_missing_parents(name, result))
    if problems:
        raise OccupationFileError(problems)
    return sorted(result.values(), key=lambda r: (len(r.code), r.code))


def read_mapping(
    source: Path | str | io.StringIO, *, kldb_codes: set[str], isco_codes: set[str]
) -> list[MappingRow]:
    name, rows, lines = _read(source)
    kldb_col = _column(name, rows, MAP_KLDB, True)
    isco_col = _column(name, rows, MAP_ISCO, True)
    primary_col = _column(name, rows, MAP_PRIMARY, False)
    problems: list[tuple[str, int, str]] = []
    result = []
    for row, line in zip(rows, lines, strict=True):
        kldb, isco = row[kldb_col], row[isco_col]
        if kldb not in kldb_codes:
            problems.append((name, line, f"{kldb!r} is not a KldB 2010 code of the KldB file"))
            continue
        if len(isco) != 4 or isco not in isco_codes:
            problems.append((name, line, f"{isco!r} is not an ISCO-08 unit group of the ISCO file"))
            continue
        primary = bool(primary_col) and row.get(primary_col, "").lower() in TRUE_WORDS
        result.append(MappingRow(line, kldb, isco, primary))
    if problems:
        raise OccupationFileError(problems)
    return result


def search_key(*texts: str) -> str:
    """What the occupation search compares with: the texts case-folded, dashes and slashes as
    spaces, so that "elektroniker" finds "Elektroniker/in – Energie- und Gebäudetechnik"."""
    joined = " ".join(texts).casefold()
    return " ".join(re.sub(r"[–—/|()]", " ", joined).split())


def main_isco(mapping: list[MappingRow]) -> dict[str, str]:
    """The ISCO-08 unit group of each KldB code: the one marked primary, else the first."""
    chosen: dict[str, MappingRow] = {}
    for row in mapping:
        if row.kldb_code not in chosen or (row.primary and not chosen[row.kldb_code].primary):
            chosen[row.kldb_code] = row
    return {code: row.isco_code for code, row in chosen.items()}


def load_occupations(
    apps: Any,
    *,
    kldb: list[KldbRow],
    isco: list[IscoRow],
    mapping: list[MappingRow] | None = None,
) -> ImportReport:
    """Create or update the rows read (parents first); nothing is deleted (entries refer to
    occupations). Loading the same files twice changes nothing the second time."""
    IscoGroup = apps.get_model("profiles", "IscoGroup")
    Occupation = apps.get_model("profiles", "Occupation")
    report = ImportReport()
    groups = {group.code: group for group in IscoGroup.objects.all()}
    for group in isco:
        parent = groups.get(group.code[:-1])
        values = {
            "level": len(group.code),
            "title_en": group.title_en,
            "parent_id": parent.pk if parent else None,
        }
        groups[group.code] = _upsert(
            IscoGroup, groups.get(group.code), {"code": group.code}, values, report, "ISCO"
        )
    main = main_isco(mapping or [])
    occupations = {occupation.kldb_code: occupation for occupation in Occupation.objects.all()}
    for row in kldb:
        current = occupations.get(row.code)
        wanted = {
            "level": len(row.code),
            "title_de": row.title_de,
            "parent_id": parent.pk if (parent := occupations.get(row.code[:-1])) else None,
            # A file without English titles or job titles keeps those loaded before.
            "title_en": row.title_en or (current.title_en if current else ""),
            "search_terms": row.search_terms or (current.search_terms if current else ""),
        }
        wanted["search_key"] = search_key(
            row.code, row.title_de, str(wanted["title_en"]), str(wanted["search_terms"])
        )
        if mapping is not None:
            wanted["isco_code"] = main.get(row.code, current.isco_code if current else "")
        occupations[row.code] = _upsert(
            Occupation, current, {"kldb_code": row.code}, wanted, report, "KldB"
        )
    if mapping is not None:
        report.created["mapping"] = len(main)
    return report


def _upsert(
    model: Any, current: Any, key: dict, wanted: dict, report: ImportReport, what: str
) -> Any:
    if current is None:
        report.count("created", what)
        return model.objects.create(**key, **wanted)
    changed = [name for name, value in wanted.items() if getattr(current, name) != value]
    if not changed:
        report.count("unchanged", what)
        return current
    for name in changed:
        setattr(current, name, wanted[name])
    current.save(update_fields=changed)
    report.count("updated", what)
    return current


def load_subset(apps: Any) -> ImportReport:
    """The hand-verified subset shipped in lotse/profiles/data (the data migration's load)."""
    kldb = read_kldb(SUBSET_KLDB)
    isco = read_isco(SUBSET_ISCO)
    mapping = read_mapping(
        SUBSET_MAPPING, kldb_codes={r.code for r in kldb}, isco_codes={r.code for r in isco}
    )
    return load_occupations(apps, kldb=kldb, isco=isco, mapping=mapping)
