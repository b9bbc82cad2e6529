"""The audit trail is append-only: not the ORM, not raw SQL can change or remove an event.

Runs on SQLite and on PostgreSQL (`make test` runs the suite on both): the triggers of
migration audit.0003 differ per database.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import audit_record


@pytest.fixture
def event(caseworker):
    return audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=caseworker, reason="original")


def _unchanged(event: AuditEvent) -> None:
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.reason == "original"
    assert stored.event_type == EventType.LOGIN_SUCCEEDED


def test_events_can_be_added(caseworker):
    before = AuditEvent.objects.count()
    audit_record(event_type=EventType.LOGOUT, actor=caseworker)
    assert AuditEvent.objects.count() == before + 1


def test_the_queryset_refuses_update_and_delete(event):
    with pytest.raises(PermissionError, match="append-only"):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(PermissionError, match="append-only"):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError, match="append-only"):
        AuditEvent.objects.all().delete()
    _unchanged(event)


def test_saving_a_changed_event_is_refused_by_the_database(event):
    event.reason = "rewritten"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    _unchanged(event)


def test_deleting_an_event_is_refused_by_the_database(event):
    # Model.delete() goes around the queryset's delete(); the trigger still refuses.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.delete()
    _unchanged(event)


RAW_STATEMENTS = [
    "UPDATE audit_auditevent SET reason = 'rewritten'",
    "UPDATE audit_auditevent SET actor_id = NULL, actor_label = 'nobody'",
    "DELETE FROM audit_auditevent",
    "DELETE FROM audit_auditevent WHERE id = %(pk)s",
]


@pytest.mark.parametrize("statement", RAW_STATEMENTS)
def test_raw_sql_cannot_change_or_remove_events(event, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement.replace("%(pk)s", str(event.pk)))
    _unchanged(event)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
@pytest.mark.django_db(transaction=True)
def test_truncate_is_refused_on_postgresql(caseworker):
    # TRUNCATE goes around row triggers; a trigger of its own refuses it. (Committed rows: in
    # the transaction that inserted them, PostgreSQL refuses TRUNCATE for another reason.)
    audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=caseworker, reason="original")
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.filter(reason="original").count() == 1


@pytest.mark.django_db(transaction=True)
def test_committed_events_stay(caseworker):
    event = audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=caseworker, reason="original")
    for statement in RAW_STATEMENTS:
        with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
            cursor.execute(statement.replace("%(pk)s", str(event.pk)))
    _unchanged(event)


@pytest.mark.django_db
def test_the_triggers_are_installed():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_auditevent'"
            )
            expected = {
                "audit_auditevent_no_update",
                "audit_auditevent_no_delete",
                "audit_auditevent_no_overwrite",
            }
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass "
                "AND NOT tgisinternal"
            )
            expected = {"audit_auditevent_no_change", "audit_auditevent_no_truncate"}
        assert {row[0] for row in cursor.fetchall()} == expected


_COLUMNS = (
    "id, occurred_at, event_type, outcome, actor_label, action, purpose, basis, reason, "
    "object_type, object_id, person_id, categories, details, request_id"
)
_REWRITTEN = _COLUMNS.replace("reason,", "'rewritten',")
_FROM = " FROM audit_auditevent WHERE id = %(pk)s"
OVERWRITES = {
    # SQLite deletes the old row for REPLACE without firing DELETE triggers, unless
    # recursive_triggers is on (lotse.core.db) — and audit.0010 refuses a taken id anyway.
    "replace": "REPLACE INTO audit_auditevent (" + _COLUMNS + ") SELECT " + _REWRITTEN + _FROM,
    "insert-or-replace": (
        "INSERT OR REPLACE INTO audit_auditevent (" + _COLUMNS + ") SELECT " + _REWRITTEN + _FROM
    ),
    "upsert": (
        "INSERT INTO audit_auditevent ("
        + _COLUMNS
        + ") SELECT "
        + _COLUMNS
        + _FROM
        + " ON CONFLICT (id) DO UPDATE SET reason = 'rewritten'"
    ),
}


@pytest.mark.parametrize("statement", OVERWRITES.values(), ids=OVERWRITES.keys())
def test_an_insert_cannot_overwrite_an_event(event, statement):
    if connection.vendor == "postgresql" and "REPLACE" in statement:
        pytest.skip("PostgreSQL has no REPLACE")
    count = AuditEvent.objects.count()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement.replace("%(pk)s", str(event.pk)))
    _unchanged(event)
    assert AuditEvent.objects.count() == count


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a pragma of SQLite")
def test_replace_fires_the_delete_trigger_on_every_sqlite_connection(event):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA recursive_triggers")
        assert cursor.fetchone()[0] == 1
    # Without the insert trigger of audit.0010, the DELETE trigger still refuses REPLACE.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER audit_auditevent_no_overwrite")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute(OVERWRITES["replace"].replace("%(pk)s", str(event.pk)))
        transaction.set_rollback(True)  # the trigger comes back
    _unchanged(event)
