"""The read of a list page is one audit event naming every person the page showed.

A caseload of 200 cases writes one PERSON_DATA_READ event, not 200; the event carries the ids of
the persons shown (`persons`), and every search by person (the data-protection officer's search,
the person's own report) finds it for each of them. A read of one record keeps its own event.
Runs on SQLite (json_each) and on PostgreSQL (`?|`, GIN index): `make test-postgres`.
"""

import pytest
from django.db import connection

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.selectors import AuditFilters, audit_event_search
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import ListRead
from lotse.people.tests.factories import register

SHOWN = 4


@pytest.fixture
def shown(caseworker):
    """Persons with an open case of the caseworker's office: what the caseload lists."""
    return [
        register(caseworker, family_name=f"Listenperson {i:02d}", given_names="Mira", original=None)
        for i in range(SHOWN)
    ]


def list_reads():
    return AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ, action=ListRead.CASES)


def test_a_caseload_page_writes_one_event_naming_every_person_shown(shown, caseworker, client_for):
    before = AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ).count()
    response = client_for(caseworker).get("/cases/")
    assert response.status_code == 200
    assert all(f"Listenperson {i:02d}" in response.content.decode() for i in range(SHOWN))
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ).count() == before + 1
    (event,) = list_reads()
    assert sorted(event.persons) == sorted(str(person.pk) for person in shown)
    assert event.person_id == ""
    assert event.actor == caseworker
    assert event.office == caseworker.office
    assert event.object_type == "cases.Case"
    assert event.purpose_code == "caseload"


def test_each_person_shown_finds_the_list_event(shown, caseworker, client_for, make_persona):
    client_for(caseworker).get("/cases/")
    (event,) = list_reads()
    for person in shown:
        assert event in AuditEvent.objects.about_person(person.pk)
    assert event in AuditEvent.objects.about_persons([shown[0].pk, "no-such-person"])
    elsewhere = register(make_persona("other_caseworker"), family_name="Fremdperson")
    assert event not in AuditEvent.objects.about_person(elsewhere.pk)
    assert not AuditEvent.objects.about_persons([]).exists()


def test_an_events_own_person_is_found_as_before(caseworker):
    person = register(caseworker)
    own = audit_record(
        event_type=EventType.PERSON_DATA_READ, actor=caseworker, obj=person, person_id=person.pk
    )
    assert own.persons is None
    assert own in AuditEvent.objects.about_person(person.pk)
    assert own in AuditEvent.objects.about_person(str(person.pk))


def test_a_single_read_keeps_its_own_event(shown, caseworker, client_for):
    person = shown[0]
    response = client_for(caseworker).get(f"/persons/{person.pk}/")
    assert response.status_code == 200
    reads = AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, person_id=str(person.pk)
    )
    assert reads.exists()
    assert all(event.persons is None for event in reads)
    assert not list_reads().exists()


def test_an_empty_list_writes_nothing(caseworker, client_for):
    before = AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ).count()
    client_for(caseworker).get("/cases/")
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ).count() == before


def test_the_dpos_search_by_person_finds_the_list_event(shown, caseworker, dpo, client_for):
    client_for(caseworker).get("/cases/")
    (event,) = list_reads()
    by_id = audit_event_search(actor=dpo, filters=AuditFilters(person_id=str(shown[1].pk)))
    assert event in by_id
    by_ids = audit_event_search(
        actor=dpo, filters=AuditFilters(person_id="x", person_ids=(str(shown[2].pk),))
    )
    assert event in by_ids
    # the page: searched by the person's name, the list event is among the results
    client = client_for(dpo)
    html = client.get("/audit/", {"person": "Listenperson 03"}).content.decode()
    assert f"/audit/{event.pk}/" in html
    detail = client.get(f"/audit/{event.pk}/").content.decode()
    assert f"{SHOWN} in der Liste angezeigte Personen" in detail
    assert str(shown[3].pk) in detail


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgresql_searches_the_persons_with_a_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_auditevent' "
            "AND indexname = 'audit_persons_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower()
    assert "persons" in definition
