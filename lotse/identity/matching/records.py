"""The person record the engine compares: plain data, no database."""

import re
from dataclasses import dataclass, field
from datetime import date
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
_DATE = re.compile(r"^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$")


def parse_birth_date(text: str, *, placeholder: bool | None = None) -> BirthDate:
    """YYYY-MM-DD, YYYY-MM or YYYY (also without hyphens). A 1 January is taken for a
    placeholder unless the caller says otherwise: in this population most of them are.
    Raises ValueError for anything else, so that the caller can report the row."""
    text = text.strip()
    if not text:
        return UNKNOWN_BIRTH
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"birth date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(part) if part else None for part in match.groups())
    # date() validates month and day, including 29 February; a 00 is no unknown month or day.
    if month == 0 or day == 0:
        raise ValueError(f"birth date {text!r} has a month or day 00")
    date(year, month or 1, day or 1)
    if year < 1880:
        raise ValueError(f"birth year {year} is not plausible")
    if placeholder is None:
        placeholder = month == 1 and day == 1
    return BirthDate(year, month, day, placeholder)


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
