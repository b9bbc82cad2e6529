"""The reads of a request are written together: one INSERT before the response leaves.

A person's page reads several sections, each with its audit event. Outside a service's
transaction they wait in the request's batch (AuditBatchMiddleware, `audit_batch`) and are
written in one statement when the request ends; inside a transaction an event is written at
once, to commit or roll back with the change it records.
"""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.audit.services import audit_batch, audit_record
from lotse.people.tests.factories import register
from lotse.status.services import status_event_record


def _read(actor, label: str) -> None:
    audit_record(event_type=EventType.PERSON_DATA_READ, actor=actor, action=label)


def _written(label: str) -> bool:
    return AuditEvent.objects.filter(action=label).exists()


def _fail_in_transaction(actor) -> None:
    with transaction.atomic():
        _read(actor, "zurückgerollt")
        raise RuntimeError("the change failed")


def _refuse_then_fail(actor) -> None:
    with audit_batch():
        audit_record(
            event_type=EventType.ACCESS_DENIED,
            outcome=Outcome.DENIED,
            actor=actor,
            action="vor dem Fehler",
        )
        raise ValueError("the view failed")


def test_a_read_in_a_batch_is_written_when_the_batch_ends(caseworker):
    with audit_batch():
        _read(caseworker, "erste Lesung")
        _read(caseworker, "zweite Lesung")
        assert not _written("erste Lesung")
    first, second = AuditEvent.objects.filter(action__endswith="Lesung").order_by("pk")
    assert (first.action, second.action) == ("erste Lesung", "zweite Lesung")
    assert first.actor == caseworker
    assert first.office == caseworker.office


def test_an_event_inside_a_transaction_is_written_at_once_and_rolls_back_with_it(caseworker):
    with audit_batch():
        with transaction.atomic():
            _read(caseworker, "in der Transaktion")
            assert _written("in der Transaktion")
        with pytest.raises(RuntimeError, match="the change failed"):
            _fail_in_transaction(caseworker)
    assert _written("in der Transaktion")
    assert not _written("zurückgerollt")


def test_what_was_recorded_before_an_error_is_written(caseworker):
    with pytest.raises(ValueError, match="the view failed"):
        _refuse_then_fail(caseworker)
    assert _written("vor dem Fehler")


def test_without_a_batch_an_event_is_written_at_once(caseworker):
    _read(caseworker, "ohne Stapel")
    assert _written("ohne Stapel")


def test_a_person_page_writes_its_reads_in_one_statement(caseworker, client_for):
    person = register(caseworker, family_name="Stapelperson")
    # the page reads the person and the status entries: two events
    status_event_record(
        actor=caseworker,
        person=person,
        kind="entry",
        date=timezone.localdate() - timedelta(days=400),
        source="self",
    )
    client = client_for(caseworker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/persons/{person.pk}/")
    assert response.status_code == 200
    assert "Stapelperson" in response.content.decode()
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_auditevent"')]
    assert len(inserts) == 1
    events = AuditEvent.objects.filter(request_id=response["X-Request-ID"])
    assert events.count() >= 2
    assert set(events.values_list("person_id", flat=True)) == {str(person.pk)}
