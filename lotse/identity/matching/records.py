"""The person record the engine compares: plain data, no database."""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A birth date as precise as it is known. `placeholder` marks a 1 January that stands for
    "day and month unknown" (brief, section 9): it tells the year and nothing more."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    placeholder: bool = False

    @property
    def precision(self) -> Precision:
        if self.year is None:
            return Precision.UNKNOWN
        if self.placeholder or self.month is None:
            return Precision.YEAR
        return Precision.MONTH if self.day is None else Precision.DAY

    def __str__(self) -> str:
        if self.year is None:
            return "unknown"
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text


UNKNOWN_BIRTH = BirthDate()
EARLIEST_BIRTH_YEAR = 1880

# The forms a birth date comes in from other files: (pattern, order of the parts).
_FORMS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),  # 1956-02-03, 1956-2-3
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),  # 19560203
    (re.compile(r"^(\d{4})-?(\d{2})$"), "ym"),  # 1956-02, 195602
    (re.compile(r"^(\d{4})$"), "y"),  # 1956
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), "dmy"),  # 03.02.1956, 3.2.1956
    (re.compile(r"^(\d{2})(\d{2})(\d{4})$"), "dmy"),  # 03021956, when 0302 is no year
    (re.compile(r"^(\d{1,2})\.(\d{4})$"), "my"),  # 02.1956
]
_YEAR_ANYWHERE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


class DateProblem(StrEnum):
    """Why a birth date field was not used in full (the record is kept all the same)."""

    INVALID = "invalid"  # a known form, but no such date: 1956-02-31, month 13
    FORM = "form"  # no known form of a date: "ca. 1956", "31/02/56"
    IMPLAUSIBLE = "implausible"  # a year before EARLIEST_BIRTH_YEAR or after this year


@dataclass(frozen=True, slots=True)
class BirthReading:
    """A birth date field as read: what it still tells, and the problem if it was not used in
    full. 00 for a day or month is the common mark of "unknown" and no problem."""

    text: str
    birth: BirthDate
    problem: DateProblem | None = None


def _plausible(year: int, this_year: int | None) -> bool:
    return EARLIEST_BIRTH_YEAR <= year <= (this_year or datetime.now(UTC).year)


def read_birth_date(
    text: str, *, placeholder: bool | None = None, this_year: int | None = None
) -> BirthReading:
    """Read a birth date as far as it is one; never raises.

    Known forms: YYYY-MM-DD (also one-digit month and day), YYYYMMDD, YYYY-MM, YYYYMM, YYYY,
    DD.MM.YYYY, D.M.YYYY, MM.YYYY, and DDMMYYYY where the first four digits are no year; a day
    or month 00 is unknown. An impossible day keeps year
    and month (1956-02-31: February 1956), an impossible month keeps the year; a text in no
    known form keeps a year that stands in it alone ("ca. 1956"). A 1 January is taken for a
    placeholder unless the caller says otherwise: in this population most of them are."""
    text = text.strip()
    if not text:
        return BirthReading(text, UNKNOWN_BIRTH)
    for pattern, order in _FORMS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(part) for part in match.groups()), strict=True))
            if len(text) == 8 and order == "ymd" and not _plausible(parts["y"], this_year):
                continue  # eight digits that do not start with a year: DDMMYYYY, below
            return _from_parts(text, parts, placeholder, this_year)
    years = set(_YEAR_ANYWHERE.findall(text))
    if len(years) == 1 and _plausible(int(next(iter(years))), this_year):
        return BirthReading(text, BirthDate(int(years.pop())), DateProblem.FORM)
    return BirthReading(text, UNKNOWN_BIRTH, DateProblem.FORM)


def _from_parts(
    text: str, parts: dict[str, int], placeholder: bool | None, this_year: int | None
) -> BirthReading:
    year, month, day = parts["y"], parts.get("m") or None, parts.get("d") or None
    if year == 0:  # 0000: the year unknown as well
        return BirthReading(text, UNKNOWN_BIRTH)
    if not _plausible(year, this_year):
        return BirthReading(text, UNKNOWN_BIRTH, DateProblem.IMPLAUSIBLE)
    if month is None:  # a day without its month tells nothing
        return BirthReading(text, BirthDate(year))
    if month > 12:
        return BirthReading(text, BirthDate(year), DateProblem.INVALID)
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return BirthReading(text, BirthDate(year, month), DateProblem.INVALID)
    if placeholder is None:
        placeholder = month == 1 and day == 1
    return BirthReading(text, BirthDate(year, month, day, placeholder))


def parse_birth_date(text: str, *, placeholder: bool | None = None) -> BirthDate:
    """The strict reading: a birth date in one of the forms of `read_birth_date`, or a
    ValueError saying why not (for callers that must refuse what is not a date)."""
    reading = read_birth_date(text, placeholder=placeholder)
    if reading.problem is DateProblem.INVALID:
        raise ValueError(f"birth date {text.strip()!r} is no valid date (month or day)")
    if reading.problem is DateProblem.IMPLAUSIBLE:
        raise ValueError(f"birth year in {text.strip()!r} is not plausible")
    if reading.problem is DateProblem.FORM:
        raise ValueError(f"birth date {text.strip()!r} is in no known form (YYYY-MM-DD, …)")
    return reading.birth


@dataclass(frozen=True, slots=True)
class Identifier:
    """A typed identifier, e.g. AZR:123456789012. Untyped values get the type "ID"."""

    kind: str
    value: str

    @classmethod
    def parse(cls, text: str) -> "Identifier":
        kind, _, value = text.strip().rpartition(":")
        value = re.sub(r"[\s\-/.]", "", value).upper()
        return cls((kind.strip().upper() or "ID"), value)

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"


@dataclass(frozen=True, slots=True)
class PersonRecord:
    record_id: str
    given_names: str = ""
    family_name: str = ""
    birth_date: BirthDate = UNKNOWN_BIRTH
    sex: str = ""  # "f", "m", "x" (divers) or "" (unknown)
    nationality: str = ""  # ISO 3166 alpha-3, "XXA" stateless, "" unknown
    birth_place: str = ""
    address: str = ""
    postcode: str = ""
    identifiers: tuple[Identifier, ...] = field(default_factory=tuple)
    # Parents' given names, as Syrian, Iraqi and Afghan documents and many files carry them:
    # they tell namesakes apart, and siblings and twins share them.
    father_name: str = ""
    mother_name: str = ""
