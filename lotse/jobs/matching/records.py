"""The engine's inputs: a candidate and a vacancy as frozen values, and the codes they use.

The app builds these from its tables (profile, rules engine, vacancy); the engine knows nothing
of where they came from. Occupations are KldB 2010 five-digit codes (Klassifikation der Berufe:
digits 1-2 Berufshauptgruppe, 3 Berufsgruppe, 4 Berufsuntergruppe, 5 Anforderungsniveau
1 Helfer, 2 Fachkraft, 3 Spezialist, 4 Experte).
"""

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum


class Access(StrEnum):
    """The rules engine's labour-market answer (lotse.status.rules.labour) on a day."""

    FREE = "free"
    PERMIT_WITH_BA_CONSENT = "permit_with_ba_consent"
    PERMIT_WITHOUT_BA_CONSENT = "permit_without_ba_consent"
    NO_ACCESS = "no_access"

    @classmethod
    def from_rules(cls, answer: str) -> "Access":
        """The rules engine writes "none" for no access; the other answers are the same words."""
        return cls.NO_ACCESS if answer == "none" else cls(answer)


class Kind(StrEnum):
    JOB = "job"
    APPRENTICESHIP = "apprenticeship"  # Ausbildung (dual)
    EQ = "eq"  # Einstiegsqualifizierung (§ 54a SGB III)


class Status(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    WITHDRAWN = "withdrawn"


class Skill(StrEnum):
    LISTENING = "listening"
    READING = "reading"
    SPEAKING = "speaking"
    WRITING = "writing"


class Level(IntEnum):
    """German by the Common European Framework of Reference; NONE: no German yet."""

    NONE = 0
    A1 = 1
    A2 = 2
    B1 = 3
    B2 = 4
    C1 = 5
    C2 = 6


class Recognition(StrEnum):
    """State of the recognition procedure (BQFG) for one German reference occupation."""

    NOT_APPLIED = "not_applied"
    PENDING = "pending"
    PARTIAL = "partial"  # teilweise Gleichwertigkeit, no adaptation measure
    PARTIAL_WITH_MEASURE = "partial_with_measure"  # … with an Anpassungsmaßnahme under way
    FULL = "full"  # volle Gleichwertigkeit
    REFUSED = "refused"


class Means(StrEnum):
    FOOT = "foot"
    BICYCLE = "bicycle"
    PUBLIC_TRANSPORT = "public_transport"
    CAR = "car"


class Source(StrEnum):
    """Where an occupation of the candidate comes from."""

    WORK = "work"  # work experience
    TRAINING = "training"  # a vocational qualification or degree
    TARGET = "target"  # Zielberuf: what the person wants to do (no years)


def check_kldb(code: str) -> str:
    if len(code) != 5 or not code.isdigit() or code[4] not in "1234":
        raise ValueError(f"not a KldB 2010 five-digit code: {code!r}")
    return code


@dataclass(frozen=True, slots=True)
class Place:
    """Latitude and longitude of the Gemeinde, in degrees."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str
    years: float = 0.0
    source: Source = Source.WORK

    def __post_init__(self) -> None:
        check_kldb(self.code)
        if self.years < 0:
            raise ValueError("years must not be negative")


@dataclass(frozen=True, slots=True)
class RecognitionState:
    reference: str  # the German reference occupation (KldB)
    state: Recognition

    def __post_init__(self) -> None:
        check_kldb(self.reference)


@dataclass(frozen=True, slots=True)
class AccessAnswer:
    """The rules engine's answer from `day` on, with its reasons' codes passed through."""

    answer: Access
    day: date
    reasons: tuple[str, ...] = ()
    duldung: bool = False  # the person holds a Duldung (for § 60c / § 60d)


@dataclass(frozen=True, slots=True)
class Mobility:
    max_km: float
    means: Means = Means.PUBLIC_TRANSPORT

    def __post_init__(self) -> None:
        if self.max_km <= 0:
            raise ValueError("max_km must be positive")


@dataclass(frozen=True, slots=True)
class Availability:
    """What hours the person can work; `childcare` says the limit is due to childcare."""

    max_hours: int = 40
    shifts: bool = True
    childcare: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person looking for work or training, as the engine sees them.

    `access` is the rules engine's answer over time: each entry holds from its day on, the first
    from today (the app evaluates the engine today and on each day the answer will change, e.g.
    at the end of a waiting period). A vacancy is judged by the answer on its start date.
    """

    id: str
    home: Place
    mobility: Mobility
    access: tuple[AccessAnswer, ...]
    occupations: tuple[Occupation, ...] = ()
    recognitions: tuple[RecognitionState, ...] = ()
    german: tuple[tuple[Skill, Level], ...] = ()
    licences: frozenset[str] = field(default_factory=frozenset)
    availability: Availability = field(default_factory=Availability)

    def __post_init__(self) -> None:
        if not self.access:
            raise ValueError("a candidate needs the rules engine's answer for today")
        days = [answer.day for answer in self.access]
        if days != sorted(days):
            raise ValueError("access answers must be sorted by day")

    def access_on(self, day: date | None) -> AccessAnswer:
        """The answer on `day` (None: as soon as possible, i.e. today's answer)."""
        found = self.access[0]
        if day is None:
            return found
        for answer in self.access[1:]:
            if answer.day > day:
                break
            found = answer
        return found

    def level(self, skill: Skill) -> Level:
        for known, level in self.german:
            if known is skill:
                return level
        return Level.NONE


@dataclass(frozen=True, slots=True)
class LanguageRequirement:
    skill: Skill
    level: Level
    hard: bool = False  # hard: a candidate below it is not proposed; else it is desirable


@dataclass(frozen=True, slots=True)
class Vacancy:
    id: str
    kind: Kind
    code: str  # KldB 2010
    place: Place
    hours: int = 40
    start: date | None = None  # None: as soon as possible
    german: tuple[LanguageRequirement, ...] = ()
    licence: str | None = None  # a class such as "B", "C", "CE", "D"
    shifts: bool = False
    recognition_required: bool = False
    status: Status = Status.OPEN

    def __post_init__(self) -> None:
        check_kldb(self.code)
        if self.hours <= 0:
            raise ValueError("hours must be positive")


# Driving licence classes a class includes (Fahrerlaubnis-Verordnung § 6 Abs. 3, simplified to
# the classes that matter for vacancies).
LICENCE_INCLUDES: dict[str, frozenset[str]] = {
    "B": frozenset({"B", "AM", "L"}),
    "BE": frozenset({"B", "BE", "AM", "L"}),
    "C1": frozenset({"C1"}),
    "C1E": frozenset({"C1", "C1E", "BE"}),
    "C": frozenset({"C", "C1"}),
    "CE": frozenset({"C", "C1", "CE", "C1E", "BE", "T"}),
    "D1": frozenset({"D1"}),
    "D": frozenset({"D", "D1"}),
    "DE": frozenset({"D", "D1", "DE", "D1E", "BE"}),
    "T": frozenset({"T", "L", "AM"}),
}


def licences_held(classes: frozenset[str]) -> frozenset[str]:
    held = set(classes)
    for licence in classes:
        held |= LICENCE_INCLUDES.get(licence, frozenset())
    return frozenset(held)
