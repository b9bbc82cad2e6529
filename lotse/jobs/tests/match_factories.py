"""Persons to match, recorded through the services: an electrician with six years of
experience in Tübingen (free access after the BAMF's protection) and a Duldung holder who may
not work (identity obstruction), both in the Jobcenter Tübingen's case load; the status
entries recorded by the Ausländerbehörde Tübingen."""

from datetime import date
from typing import Any

from lotse.cases.services import case_open
from lotse.organisations.models import Role, User
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import ABH_TUEBINGEN
from lotse.people.models import Person
from lotse.people.tests.factories import register
from lotse.profiles.models import EntryKind
from lotse.profiles.tests.factories import occupation, record_entry, record_language
from lotse.status.services import status_event_record

PROTECTED = [
    ("entry", "2015-10-12", {}),
    ("asylum_application", "2015-11-16", {"kind": "first"}),
    ("decision", "2016-04-14", {"outcome": "fluechtlingsschutz", "by": "bamf"}),
    ("finality", "2016-05-03", {}),
]
DULDUNG_NO_WORK = [
    ("entry", "2016-02-20", {}),
    ("asylum_application", "2016-03-01", {"kind": "first"}),
    ("decision", "2017-01-10", {"outcome": "rejected_unfounded", "by": "bamf"}),
    ("finality", "2017-02-01", {}),
    ("duldung", "2017-02-05", {"identity_obstruction": True}),
]


def abh_staff() -> User:
    return UserFactory(office=reference_office(ABH_TUEBINGEN), roles=[Role.CASEWORKER])


def record_status(person: Person, events: list[tuple[str, str, dict[str, Any]]], abh=None) -> None:
    abh = abh or abh_staff()
    case_open(actor=abh, person=person, reason="residence")
    for kind, day, details in events:
        status_event_record(
            actor=abh,
            person=person,
            kind=kind,
            date=date.fromisoformat(day),
            details=details,
            source="document",
        )


def electrician(actor: User, *, years: int = 6, status=PROTECTED, **names: Any) -> Person:
    """A person in the actor's case load, an electrician (KldB 26212) in Tübingen."""
    values = {"family_name": "Al-Hassan", "given_names": "Yusuf", "sex": "m", **names}
    person = register(actor, **values)
    record_entry(actor, person, EntryKind.WORK, occupation=occupation("26212"), years=years)
    record_entry(actor, person, EntryKind.MOBILITY, max_distance_km=30, means=["public"])
    record_entry(actor, person, EntryKind.DRIVING_LICENCE, classes=["B"])
    record_language(actor, person, listening="B1", speaking="B1", reading="A2", writing="A2")
    if status:
        record_status(person, status)
    return person
