"""A scenario as plain data: the person's facts, dated events, the household, the Kreis.

`parse_scenario` turns the JSON shape of `manage.py evaluate_rules` (docs/rules.md) into these
frozen objects and refuses anything it cannot read: unknown keys, unknown event types or values,
impossible dates. Nothing here knows the law; it only knows what a fact looks like.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.utils.translation import gettext_noop

from lotse.status.rules.errors import ScenarioError, said
from lotse.status.rules.fact import Fact

OUTCOMES = {
    "asylberechtigung": "Asylberechtigung (Art. 16a GG)",
    "fluechtlingsschutz": "Flüchtlingsschutz (§ 3 AsylG)",
    "subsidiaerer_schutz": "subsidiärer Schutz (§ 4 AsylG)",
    "abschiebungsverbot": "Abschiebungsverbot (§ 60 Abs. 5/7 AufenthG)",
    "rejected_unfounded": "rejection as unfounded",
    "rejected_manifestly_unfounded": "rejection as manifestly unfounded (§ 30 AsylG)",
    "inadmissible": "rejection as inadmissible (§ 29 AsylG)",
    "discontinued": "discontinuation of the procedure (§§ 32, 33 AsylG)",
}
PROTECTION = ("asylberechtigung", "fluechtlingsschutz", "subsidiaerer_schutz", "abschiebungsverbot")

TITLES = {
    "25_1": "AE § 25 Abs. 1 AufenthG (Asylberechtigte)",
    "25_2_refugee": "AE § 25 Abs. 2 S. 1 Alt. 1 AufenthG (Flüchtlinge)",
    "25_2_subsidiary": "AE § 25 Abs. 2 S. 1 Alt. 2 AufenthG (subsidiär Schutzberechtigte)",
    "25_3": "AE § 25 Abs. 3 AufenthG (Abschiebungsverbot)",
    "25_4": "AE § 25 Abs. 4 S. 1 AufenthG (temporary stay)",
    "25_5": "AE § 25 Abs. 5 AufenthG (departure impossible)",
    "23_1": "AE § 23 Abs. 1 AufenthG (Land admission)",
    "23_2": "AE § 23 Abs. 2 AufenthG (federal admission)",
    "23_4": "AE § 23 Abs. 4 AufenthG (resettlement)",
    "24": "AE § 24 AufenthG (temporary protection)",
    "25a": "AE § 25a AufenthG (well-integrated young people)",
    "25b": "AE § 25b AufenthG (sustainable integration)",
    "104c": "AE § 104c AufenthG (Chancen-Aufenthaltsrecht)",
    "niederlassungserlaubnis": "Niederlassungserlaubnis (§§ 9, 26 Abs. 3 AufenthG)",
}
DULDUNG_VARIANTS = {
    "60a": "Duldung § 60a Abs. 2 S. 1 AufenthG (removal impossible)",
    "60a_2_3": "Duldung § 60a Abs. 2 S. 3 AufenthG (urgent personal or humanitarian reasons)",
    "60a_ausbildung": "Ausbildungsduldung § 60a Abs. 2 S. 4 AufenthG (2016–2019)",
    "60b": "Duldung § 60b AufenthG (Personen mit ungeklärter Identität)",
    "60c": "Ausbildungsduldung § 60c AufenthG",
    "60d": "Beschäftigungsduldung § 60d AufenthG",
}
RELATIONS = ("spouse", "partner", "parent", "child")

# type → (required fields, optional fields with their defaults)
EVENT_FIELDS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "buema": ((), {}),
    "ankunftsnachweis": ((), {}),
    "asylum_application": ((), {"kind": "first"}),
    "hearing": ((), {}),
    "decision": (
        ("outcome",),
        {"by": "bamf", "dublin": True, "transfer_possible": None},
    ),
    "appeal": ((), {"suspensive": None}),
    "finality": ((), {}),
    "aufenthaltsgestattung": ((), {"valid_until": None}),
    "duldung": ((), {"variant": "60a", "valid_until": None, "identity_obstruction": False}),
    "residence_title": (
        ("title",),
        {
            "valid_until": None,
            "first_issue": True,
            "because_of_war": None,
            "deportation_suspended_since": None,
        },
    ),
    "fiktionsbescheinigung": (("for_title",), {"valid_until": None}),
    "wohnsitzregelung": ((), {"kreis": None, "valid_until": None}),
    "wohnsitzregelung_lifted": ((), {}),
    "employment_start": ((), {"hours_per_week": None, "vocational_training": False}),
    "employment_end": ((), {}),
    "integration_course_obligation": (("by",), {}),
    "abuse_finding": ((), {}),
    "departure": ((), {}),
}
CHOICES = {
    "kind": ("first", "follow_up", "second"),
    "outcome": tuple(OUTCOMES),
    "by": ("bamf", "court", "abh", "jobcenter"),
    "variant": tuple(DULDUNG_VARIANTS),
    "title": tuple(TITLES),
    "for_title": tuple(TITLES),
}
DATE_FIELDS = ("valid_until", "deportation_suspended_since")
BOOL_FIELDS = (
    "dublin",
    "transfer_possible",
    "suspensive",
    "identity_obstruction",
    "first_issue",
    "because_of_war",
    "vocational_training",
)
PERSON_REQUIRED = ("nationality", "birth_date", "entry_date", "in_reception_centre")
PERSON_OPTIONAL = {
    "able_to_work": True,
    "in_youth_welfare": False,
    "labour_market_close": None,
}
# How exactly the birth date is known: "day", or only the "month" or the "year" (the date then
# is the day the record takes, e.g. the 1st of January).
BIRTH_PRECISIONS = ("day", "month", "year")
# Kosovo has no ISO alpha-3 code; lotse.people.countries uses KOS.
NATIONALITY_ALIASES = {"XKX": "KOS", "RKS": "KOS"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KREIS = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Person:
    nationality: str
    birth_date: date
    entry_date: date
    in_reception_centre: bool
    able_to_work: bool = True
    in_youth_welfare: bool = False
    labour_market_close: bool | None = None
    birth_precision: str = "day"


@dataclass(frozen=True)
class Event:
    date: date
    type: str
    index: int  # position in the input, to keep same-day events in the given order
    fields: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def describe(self) -> Fact:
        defaults = EVENT_FIELDS[self.type][1]
        fields = {
            k: v
            for k, v in self.fields.items()
            if v is not None and (k not in defaults or v != defaults[k])
        }
        shown = ", ".join(
            f"{k}={v.isoformat() if isinstance(v, date) else v}" for k, v in fields.items()
        )
        text = f"{self.type} {self.date.isoformat()}" + (f" ({shown})" if shown else "")
        return Fact("event", text, type=self.type, day=self.date, fields=fields)


@dataclass(frozen=True)
class Member:
    relation: str
    person: Person
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Scenario:
    as_of: date
    kreis: str
    person: Person
    events: tuple[Event, ...]
    household: tuple[Member, ...] | None = None

    def on(self, day: date) -> "Scenario":
        """The same scenario as of `day`: what `parse_scenario` gives for the same data with
        that as-of day (the as-of day is all it reads of it), without parsing again."""
        _as_of_checked(day, self.person)
        return replace(self, as_of=day)

    def events_until(self, day: date) -> list[Event]:
        return [e for e in self.events if e.date <= day]

    def of_type(self, *types: str, until: date | None = None) -> list[Event]:
        last = until or self.as_of
        return [e for e in self.events if e.type in types and e.date <= last]


def parse_date(value: Any, where: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ScenarioError(f"{where}: expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ScenarioError(f"{where}: {value!r} is not a real date ({exc})") from exc


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ScenarioError(f"{where}: expected a JSON object, got {type(value).__name__}")
    return value


def _no_unknown(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ScenarioError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(f"{where}: expected true or false, got {value!r}")
    return value


def parse_person(data: Any, where: str = "person") -> Person:
    data = _object(data, where)
    _no_unknown(data, {*PERSON_REQUIRED, *PERSON_OPTIONAL, "birth_precision"}, where)
    for name in PERSON_REQUIRED:
        if name not in data:
            raise ScenarioError(f"{where}.{name} is missing")
    nationality = data["nationality"]
    if not isinstance(nationality, str) or not re.fullmatch(r"[A-Za-z]{3}", nationality):
        raise ScenarioError(
            f"{where}.nationality: expected ISO 3166-1 alpha-3, got {nationality!r}"
        )
    nationality = NATIONALITY_ALIASES.get(nationality.upper(), nationality.upper())
    options: dict[str, Any] = {}
    for name, default in PERSON_OPTIONAL.items():
        value = data.get(name, default)
        options[name] = value if value is None else _bool(value, f"{where}.{name}")
    precision = data.get("birth_precision", "day")
    if precision not in BIRTH_PRECISIONS:
        raise ScenarioError(
            f"{where}.birth_precision: expected one of {', '.join(BIRTH_PRECISIONS)}, "
            f"got {precision!r}"
        )
    person = Person(
        nationality=nationality,
        birth_precision=precision,
        birth_date=parse_date(data["birth_date"], f"{where}.birth_date"),
        entry_date=parse_date(data["entry_date"], f"{where}.entry_date"),
        in_reception_centre=_bool(data["in_reception_centre"], f"{where}.in_reception_centre"),
        **options,
    )
    if person.entry_date < person.birth_date:
        raise ScenarioError(f"{where}.entry_date {person.entry_date} lies before the birth date")
    return person


def _field_value(name: str, value: Any, where: str) -> Any:
    if value is None:
        return None
    if name in DATE_FIELDS:
        return parse_date(value, where)
    if name in BOOL_FIELDS:
        return _bool(value, where)
    if name in CHOICES and value not in CHOICES[name]:
        raise ScenarioError(f"{where}: {value!r} is not one of {', '.join(CHOICES[name])}")
    if name == "kreis" and not (isinstance(value, str) and _KREIS.match(value)):
        raise ScenarioError(f"{where}: expected a 5-digit Kreisschlüssel, got {value!r}")
    if name == "hours_per_week" and not (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 80
    ):
        raise ScenarioError(f"{where}: expected hours between 0 and 80, got {value!r}")
    return value


def parse_event(data: Any, index: int, where: str) -> Event:
    data = _object(data, where)
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in EVENT_FIELDS:
        raise ScenarioError(
            f"{where}.type: unknown event type {kind!r}; known: {', '.join(EVENT_FIELDS)}"
        )
    required, optional = EVENT_FIELDS[kind]
    _no_unknown(data, {"type", "date", *required, *optional}, f"{where} ({kind})")
    if "date" not in data:
        raise ScenarioError(f"{where} ({kind}).date is missing")
    fields = {}
    for name in required:
        if name not in data:
            raise ScenarioError(f"{where} ({kind}).{name} is missing")
        fields[name] = _field_value(name, data[name], f"{where}.{name}")
    for name, default in optional.items():
        fields[name] = _field_value(name, data.get(name, default), f"{where}.{name}")
    day = parse_date(data["date"], f"{where}.date")
    if fields.get("valid_until") and fields["valid_until"] < day:
        raise ScenarioError(f"{where} ({kind}): valid_until lies before the date of issue")
    return Event(date=day, type=kind, index=index, fields=fields)


def parse_events(data: Any, person: Person, where: str) -> tuple[Event, ...]:
    if not isinstance(data, list):
        raise ScenarioError(f"{where}: expected a list of events")
    events = [parse_event(item, i, f"{where}[{i}]") for i, item in enumerate(data)]
    for event in events:
        if event.date < person.entry_date:
            raise ScenarioError(
                f"{where}: {event.type} on {event.date} lies before the entry date "
                f"{person.entry_date} (record a re-entry as the entry date)",
                reader=said(
                    gettext_noop(
                        "%(event)s lies before the entry into Germany on %(entry)s: correct the "
                        "date of entry (after a re-entry, the last one)."
                    ),
                    event=event.describe(),
                    entry=person.entry_date,
                ),
            )
    return tuple(sorted(events, key=lambda e: (e.date, e.index)))


def parse_member(data: Any, where: str) -> Member:
    data = _object(data, where)
    _no_unknown(data, {"relation", "person", "events"}, where)
    if data.get("relation") not in RELATIONS:
        raise ScenarioError(f"{where}.relation: expected one of {', '.join(RELATIONS)}")
    person = parse_person(data.get("person"), f"{where}.person")
    return Member(
        relation=data["relation"],
        person=person,
        events=parse_events(data.get("events", []), person, f"{where}.events"),
    )


def _as_of_checked(as_of: date, person: Person) -> date:
    if as_of < person.entry_date:
        raise ScenarioError(f"as_of {as_of} lies before the entry date {person.entry_date}")
    return as_of


def parse_scenario(data: Any) -> Scenario:
    data = _object(data, "scenario")
    _no_unknown(data, {"as_of", "kreis", "person", "events", "household"}, "scenario")
    for name in ("as_of", "kreis", "person", "events"):
        if name not in data:
            raise ScenarioError(f"scenario.{name} is missing")
    kreis = data["kreis"]
    if not (isinstance(kreis, str) and _KREIS.match(kreis)):
        raise ScenarioError(f"scenario.kreis: expected a 5-digit Kreisschlüssel, got {kreis!r}")
    person = parse_person(data["person"])
    as_of = _as_of_checked(parse_date(data["as_of"], "scenario.as_of"), person)
    household = data.get("household")
    if household is not None and not isinstance(household, list):
        raise ScenarioError("scenario.household: expected a list of members")
    return Scenario(
        as_of=as_of,
        kreis=kreis,
        person=person,
        events=parse_events(data["events"], person, "events"),
        household=None
        if household is None
        else tuple(parse_member(m, f"household[{i}]") for i, m in enumerate(household)),
    )
