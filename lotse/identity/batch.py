"""The batch search for duplicates over the whole registry (run by the task worker).

Builds the engine's plain records straight from the tables (a handful of streaming queries,
never one query per person), lets the engine find the pairs from its blocking index, and stores
each pair of *different* persons once in the review queue with its score and reasons.
"""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from lotse.identity.matching import BirthDate, Identifier, PersonRecord, find_duplicates
from lotse.identity.models import DuplicatePair, DuplicateRun
from lotse.people.models import (
    Person,
    PersonAddress,
    PersonIdentifier,
    PersonName,
    PersonNationality,
)
from lotse.people.records import SEX_CODES

CHUNK = 20_000


def _by_person(queryset, *fields) -> dict:
    grouped: dict = defaultdict(list)
    for row in queryset.values_list("person_id", *fields).iterator(chunk_size=CHUNK):
        grouped[row[0]].append(row[1:])
    return grouped


def registry_records(run: DuplicateRun | None = None) -> list[PersonRecord]:
    """One record per name of every unmerged person; record_id is the person's id."""
    persons = Person.objects.filter(merged_into__isnull=True)
    names = _by_person(
        PersonName.objects.filter(person__in=persons), "given_names", "family_name", "name_chain"
    )
    nationalities = _by_person(PersonNationality.objects.filter(person__in=persons), "country")
    addresses = _by_person(
        PersonAddress.objects.filter(person__in=persons, valid_to__isnull=True),
        "street",
        "postcode",
    )
    identifiers = _by_person(
        PersonIdentifier.objects.filter(person__in=persons), "type", "normalized"
    )
    records = []
    rows = persons.values_list(
        "id",
        "sex",
        "birth_year",
        "birth_month",
        "birth_day",
        "birth_date_placeholder",
        "birth_place",
    )
    for count, (pk, sex, year, month, day, placeholder, place) in enumerate(
        rows.iterator(chunk_size=CHUNK), 1
    ):
        street, postcode = (addresses.get(pk) or [("", "")])[0]
        common = {
            "birth_date": BirthDate(year, month, day, placeholder),
            "sex": SEX_CODES.get(sex, ""),
            "nationality": (nationalities.get(pk) or [("",)])[0][0],
            "birth_place": place,
            "address": street,
            "postcode": postcode,
            "identifiers": tuple(
                Identifier(kind.upper(), value) for kind, value in identifiers.get(pk, [])
            ),
        }
        for given, family, chain in names.get(pk, []):
            family_full = " ".join(p for p in (family, chain) if p)
            records.append(
                PersonRecord(
                    record_id=str(pk), given_names=given, family_name=family_full, **common
                )
            )
        if run is not None and count % CHUNK == 0:
            DuplicateRun.objects.filter(pk=run.pk).update(processed=count)
    return records


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def duplicate_run_execute(*, run_id: int, processes: int | None = None) -> DuplicateRun:
    run = DuplicateRun.objects.get(pk=run_id)
    DuplicateRun.objects.filter(pk=run.pk).update(
        status=DuplicateRun.Status.RUNNING,
        total=Person.objects.filter(merged_into__isnull=True).count(),
    )
    try:
        records = registry_records(run)
        DuplicateRun.objects.filter(pk=run.pk).update(processed=run.total or len(records))
        best: dict[tuple[str, str], tuple[float, list[str]]] = {}
        for pair in find_duplicates(records, processes=processes):
            if pair.record_id_1 == pair.record_id_2:
                continue  # two names of the same person
            key = _ordered(pair.record_id_1, pair.record_id_2)
            if key not in best or pair.result.score > best[key][0]:
                best[key] = (pair.result.score, list(pair.result.reasons))
        found = _store_pairs(run, best)
    except Exception as exc:  # the run must end visibly, whatever went wrong
        DuplicateRun.objects.filter(pk=run.pk).update(
            status=DuplicateRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    DuplicateRun.objects.filter(pk=run.pk).update(
        status=DuplicateRun.Status.DONE, pairs_found=found, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


@transaction.atomic
def _store_pairs(run: DuplicateRun, best: dict) -> int:
    """New pairs go into the queue; pairs reviewed before are not asked again."""
    known = set(DuplicatePair.objects.values_list("person_a_id", "person_b_id"))
    known = {(str(a), str(b)) for a, b in known}
    new = [
        DuplicatePair(person_a_id=a, person_b_id=b, score=score, reasons=reasons, run=run)
        for (a, b), (score, reasons) in best.items()
        if (a, b) not in known
    ]
    DuplicatePair.objects.bulk_create(new, batch_size=5_000)
    return len(new)
