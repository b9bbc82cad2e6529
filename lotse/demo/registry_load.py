"""Bulk loading of generated persons into the registry (demo region and benchmarks only).

Rows in the `match_persons` CSV format (as `lotse.identity.generate` writes them) become
persons with names, identifiers, nationality, current address, blocking keys and an open case
at one office, in batches. It bypasses the per-person services for speed, so it refuses to run
outside the demo mode and records one audit event for the whole import.
"""

import re
import uuid
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.cases.models import Case
from lotse.identity.csvio import read_row
from lotse.identity.matching import blocking_keys, prepare
from lotse.organisations.models import User
from lotse.people.models import (
    MatchKey,
    MatchRecord,
    Person,
    PersonAddress,
    PersonIdentifier,
    PersonName,
    PersonNationality,
    Script,
    Source,
)
from lotse.people.records import record_payload

BATCH = 2_000
_IDENTIFIER_TYPES = {"AZR": "azr", "BAMF": "bamf", "BA": "ba", "AKN": "akn", "ID": "id_card"}
_SCRIPTS = [
    (re.compile(r"[\u0600-\u06ff]"), Script.ARABIC),
    (re.compile(r"[\u1200-\u137f]"), Script.ETHIOPIC),
    (re.compile(r"[\u0400-\u04ff]"), Script.CYRILLIC),
    (re.compile(r"[\u10a0-\u10ff]"), Script.GEORGIAN),
]
_SEX = {"f": "f", "m": "m", "x": "d"}


def script_of(text: str) -> str:
    return next((script for pattern, script in _SCRIPTS if pattern.search(text)), Script.LATIN)


def _objects(row: dict[str, str], office) -> tuple:
    """The rows of one person. A birth date that is no valid date never drops the person: the
    record keeps what the field still tells (the year, the month if valid), as the registry
    keeps an uncertain date with its precision; `load_rows` counts such fields."""
    # The person gets an id of its own: a row without record_id is loaded all the same.
    record, not_used = read_row({**row, "record_id": row.get("record_id") or "-"})
    birth = record.birth_date
    person = Person(
        id=uuid.uuid4(),
        sex=_SEX.get(record.sex, "u"),
        birth_year=birth.year,
        birth_month=birth.month,
        birth_day=birth.day,
        birth_date_placeholder=birth.placeholder,
        birth_place=record.birth_place,
        birth_country=record.nationality,
        created_by_office=office,
    )
    name = PersonName(
        person=person,
        kind="official",
        given_names=record.given_names,
        family_name=record.family_name,
        script=script_of(record.given_names + record.family_name),
        source=Source.IMPORT,
        is_primary=True,
        recorded_by=office,
    )
    identifiers = [
        PersonIdentifier(
            person=person,
            type=_IDENTIFIER_TYPES.get(i.kind, "id_card"),
            value=i.value,
            normalized=i.value,
            recorded_by=office,
        )
        for i in record.identifiers
    ]
    nationality = (
        [
            PersonNationality(
                person=person, country=record.nationality, source=Source.IMPORT, recorded_by=office
            )
        ]
        if record.nationality
        else []
    )
    address = PersonAddress(
        person=person,
        accommodation="anschluss",
        street=record.address.split(",")[0],
        postcode=record.postcode,
        city=record.address.rpartition(",")[2].strip(),
        valid_from=date(2016, 1, 1),
        recorded_by=office,
    )
    keys = [MatchKey(person=person, key=k[:160]) for k in blocking_keys(prepare(record))]
    data = record_payload(record, address=address.street)
    match_record = [MatchRecord(person=person, data=data)]
    return person, [name], identifiers, nationality, [address], keys, match_record, not_used


def load_rows(rows: Iterable[dict[str, str]], *, office, actor: User | None = None) -> int:
    if not settings.LOTSE_DEMO:
        raise ImproperlyConfigured("Generated persons are loaded only in demo mode (LOTSE_DEMO=1).")
    total = partial = 0
    batch: list[tuple] = []
    for row in rows:
        batch.append(_objects(row, office))
        partial += len(batch[-1][7])
        if len(batch) >= BATCH:
            total += _flush(batch, office)
            batch = []
    if batch:
        total += _flush(batch, office)
    audit_record(
        event_type=EventType.PERSON_CREATED,
        actor=actor,
        purpose=Purpose.GENERATED_DATA,
        details={"imported": total, "office": office.code, "fields_not_used_in_full": partial},
    )
    return total


def _insert(model, objects: list) -> None:
    """INSERT many rows with one executemany: a few times faster than bulk_create, which
    matters for a million persons. Values go through each field's own database conversion."""
    if not objects:
        return
    # An auto-incremented primary key is left to the database.
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and getattr(objects[0], f.attname) is None)
    ]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    # Table and column names come from our own models, never from input.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def _flush(batch: list[tuple], office) -> int:
    _insert(Person, [b[0] for b in batch])
    for position, model in (
        (1, PersonName),
        (2, PersonIdentifier),
        (3, PersonNationality),
        (4, PersonAddress),
        (5, MatchKey),
        (6, MatchRecord),
    ):
        _insert(model, [obj for b in batch for obj in b[position]])
    now = timezone.now()
    _insert(
        Case,
        [Case(person=b[0], office=office, opened_at=now, opened_reason="generated") for b in batch],
    )
    return len(batch)
