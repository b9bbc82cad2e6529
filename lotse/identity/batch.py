"""The batch search for duplicates over the whole registry (run by the task worker).

Builds the engine's plain records straight from the tables (a handful of streaming queries,
never one query per person), lets the engine find the pairs from its blocking index, and stores
each pair of *different* persons once in the review queue with its score and reasons.
"""

from django.db import transaction
from django.utils import timezone

from lotse.identity.matching import PersonRecord, find_duplicates
from lotse.identity.models import DuplicatePair, DuplicateRun
from lotse.identity.selectors import rejected_keys
from lotse.people.models import Person
from lotse.people.records import records_by_person


def registry_records(run: DuplicateRun | None = None) -> list[PersonRecord]:
    """One record per name of every unmerged person; record_id is the person's id."""

    def progress(count: int) -> None:
        if run is not None:
            DuplicateRun.objects.filter(pk=run.pk).update(processed=count)

    by_person = records_by_person(None, progress=progress)
    return [record for records in by_person.values() for record in records]


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
    """New pairs go into the queue; pairs in it or reviewed before are not asked again, and a
    pair decided "different persons" never (until the decision is taken back)."""
    stored = DuplicatePair.objects.values_list("person_a_id", "person_b_id")
    known = {(str(a), str(b)) for a, b in set(stored)}
    different = rejected_keys()
    new = [
        DuplicatePair(person_a_id=a, person_b_id=b, score=score, reasons=reasons, run=run)
        for (a, b), (score, reasons) in best.items()
        if (a, b) not in known and frozenset((a, b)) not in different
    ]
    DuplicatePair.objects.bulk_create(new, batch_size=5_000)
    return len(new)
