"""`gather` with `Records` (what a list reads once for all its rows) finds the same facts as
reading each person alone — the household, the Gemeinde or town of the address, a missing
nationality — and asks the database nothing more."""

from datetime import date

import pytest

from lotse.cases.services import FamilyMemberInput, family_register
from lotse.courses.tests.factories import place
from lotse.organisations.tests.personas import TUEBINGEN
from lotse.people.models import HouseholdRole, PersonAddress, PersonNationality
from lotse.people.selectors import family_persons
from lotse.people.tests.factories import person_input, register
from lotse.status import facts as status_facts
from lotse.status.models import StatusEvent
from lotse.status.rules import ScenarioError
from lotse.status.services import status_event_record

pytestmark = pytest.mark.django_db


def _member(role, given, birth):
    return FamilyMemberInput(
        role=role,
        data=person_input("Al-Hassan", given, original=None, birth=birth, placeholder=False),
    )


def _entries(caseworker, person, *events):
    for kind, day in events:
        status_event_record(
            actor=caseworker,
            person=person,
            kind=kind,
            date=date.fromisoformat(day),
            source="document",
        )


def _gathered(person, **kwargs):
    entries = StatusEvent.objects.filter(person=person).select_related("recorded_by_office__kreis")
    try:
        return status_facts.gather(person, list(entries), **kwargs)
    except ScenarioError as exc:
        return str(exc)


def test_records_give_the_same_facts_as_reading_each_person(caseworker, django_assert_num_queries):
    place(TUEBINGEN, "Tübingen")
    reutlingen = place("08415", "Reutlingen")
    case = family_register(
        actor=caseworker,
        data=person_input(),
        candidates=[],
        decision="new",
        members=[
            _member(HouseholdRole.PARTNER, "Karim", (1986, 3, 4)),
            _member(HouseholdRole.CHILD, "Lina", (2011, 6, 2)),
            _member(HouseholdRole.CHILD, "Omar", (None, None, None)),  # not counted
        ],
    )
    family = [case.person, *family_persons(case.person)]
    for person in family[:3]:  # Omar without a year of birth takes no entry
        _entries(caseworker, person, ("entry", "2015-10-12"), ("buema", "2015-10-12"))
    at_gemeinde = register(caseworker, family_name="Gemeinde", original=None)
    PersonAddress.objects.filter(person=at_gemeinde).update(gemeinde=reutlingen)
    nowhere = register(caseworker, family_name="Nirgendwo", original=None)
    PersonAddress.objects.filter(person=nowhere).update(city="Nirgendwo")
    stateless = register(caseworker, family_name="Ohne", original=None)
    PersonNationality.objects.filter(person=stateless).delete()
    for person in (at_gemeinde, nowhere, stateless):
        _entries(caseworker, person, ("duldung", "2024-02-01"))
    persons = [family[0], family[2], at_gemeinde, nowhere, stateless]  # Amal and Lina, others

    alone = [_gathered(person) for person in persons]
    records = status_facts.Records(persons)
    entries = {
        p.pk: list(StatusEvent.objects.filter(person=p).select_related("recorded_by_office__kreis"))
        for p in persons
    }
    with django_assert_num_queries(0):
        together = []
        for person in persons:
            try:
                together.append(status_facts.gather(person, entries[person.pk], records=records))
            except ScenarioError as exc:
                together.append(str(exc))
    assert together == alone
    amal, lina = alone[0], alone[1]
    assert isinstance(amal, status_facts.Facts)
    assert isinstance(lina, status_facts.Facts)
    assert [m["relation"] for m in amal.household or []] == ["partner", "child"]
    assert [m["relation"] for m in lina.household or []] == ["parent", "parent"]
    assert any("Bedarfsgemeinschaft" in a for a in amal.assumptions)  # Omar is not counted
    assert isinstance(alone[2], status_facts.Facts)
    assert alone[2].kreis == reutlingen.kreis.code
    assert isinstance(alone[3], status_facts.Facts)  # the Kreis of the recording office
    assert isinstance(alone[4], str)  # no nationality
