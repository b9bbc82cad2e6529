"""The review queue of possible duplicates, as far as the reviewer may see both records."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize, scope
from lotse.audit.services import audit_refusal
from lotse.audit.vocabulary import Purpose
from lotse.identity.models import DuplicatePair, DuplicateRun, Merge
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.people.selectors import primary_family_name


def _visible_to(actor: User, prefix: str) -> Q:
    """The rows whose person at `prefix` the actor may work on (the policy's scope)."""
    return Q(**{f"{prefix}__in": scope(actor, Action.EDIT_PERSON, Person.objects.all())})


def pair_queue(*, actor: User) -> QuerySet[DuplicatePair]:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return (
        DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN)
        .filter(_visible_to(actor, "person_a"))
        .filter(_visible_to(actor, "person_b"))
        .distinct()
        .annotate(person_a_name=primary_family_name("person_a"))
        .select_related("person_a", "person_b")
        .prefetch_related("person_a__names", "person_b__names")
        .order_by("-score")
    )


def pairs_elsewhere_count(*, actor: User) -> int:
    """Open pairs with one record at the actor's office and the other only elsewhere: counted,
    not shown (their review needs both offices)."""
    authorize(actor, Action.REVIEW_DUPLICATES)
    mine = DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).filter(
        _visible_to(actor, "person_a") | _visible_to(actor, "person_b")
    )
    return mine.distinct().count() - pair_queue(actor=actor).count()


def pair_get(*, actor: User, pair_id: int) -> DuplicatePair:
    pair = pair_queue(actor=actor).filter(pk=pair_id).first()
    if pair is None:
        if DuplicatePair.objects.filter(pk=pair_id).exists():
            # A pair the reviewer may not see both records of: refused as if it did not exist,
            # and recorded like every refusal.
            audit_refusal(
                actor=actor,
                action=Action.REVIEW_DUPLICATES,
                reason=_("Both records of the pair need an open case of your office."),
                obj=DuplicatePair(pk=pair_id),
            )
        raise Http404
    return pair


def latest_run(*, actor: User) -> DuplicateRun | None:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return DuplicateRun.objects.first()


def run_get(*, actor: User, run_id: int) -> DuplicateRun:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return get_object_or_404(DuplicateRun, pk=run_id)


def merge_list(*, actor: User) -> QuerySet[Merge]:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return (
        Merge.objects.filter(_visible_to(actor, "kept"))
        .select_related("kept", "merged", "merged_by", "undone_by")
        .prefetch_related("kept__names", "merged__names")
        .distinct()
        .order_by("-merged_at")
    )


def merge_get(*, actor: User, merge_id: int) -> Merge:
    merge = get_object_or_404(Merge.objects.select_related("kept", "merged"), pk=merge_id)
    authorize(actor, Action.EDIT_PERSON, merge.kept, purpose=Purpose.UNDO_MERGE)
    return merge


def rejected_pairs(*, person_ids: Iterable[object] | None = None) -> QuerySet[DuplicatePair]:
    """The pairs a reviewer decided are two different persons, with why (`rejection_reason`,
    one of RejectionReason; `review_reason` the note) and when: what the engine remembers.

    The batch search and the registration check never propose such a pair again; a decision
    taken back (services.match_decision_reset) is open again and no longer listed. Also a
    signal for tuning the scoring: these pairs scored high and were two persons. A read of the
    engine itself, without an acting user: it shows nothing to anyone (the review pages list
    decisions through `decided_pairs`, which asks the policy). `person_ids`: only pairs of
    these persons (both or either: a pair is listed if one of its persons is among them)."""
    pairs = DuplicatePair.objects.filter(status=DuplicatePair.Status.REJECTED)
    if person_ids is not None:
        ids = list(person_ids)
        pairs = pairs.filter(Q(person_a_id__in=ids) | Q(person_b_id__in=ids))
    return pairs.order_by("pk")


def rejected_keys(*, person_ids: Iterable[object] | None = None) -> set[frozenset[str]]:
    """`rejected_pairs` as a set of {person id, person id} (as strings), for lookups."""
    return {
        frozenset((str(a), str(b)))
        for a, b in rejected_pairs(person_ids=person_ids).values_list("person_a_id", "person_b_id")
    }


def decided_pairs(*, actor: User) -> QuerySet[DuplicatePair]:
    """Pairs decided "different persons" whose two records the reviewer may both see (the
    decision can be taken back from the review page)."""
    authorize(actor, Action.REVIEW_DUPLICATES)
    return (
        DuplicatePair.objects.filter(status=DuplicatePair.Status.REJECTED)
        .filter(_visible_to(actor, "person_a"))
        .filter(_visible_to(actor, "person_b"))
        .distinct()
        .select_related("person_a", "person_b", "reviewed_by")
        .prefetch_related("person_a__names", "person_b__names")
        .order_by("-reviewed_at")
    )


def decided_pair_get(*, actor: User, pair_id: int) -> DuplicatePair:
    """A pair of the reviewer's office, whatever its status (the service says whether its
    decision can be taken back); refused like `pair_get` otherwise."""
    authorize(actor, Action.REVIEW_DUPLICATES)
    pair = (
        DuplicatePair.objects.filter(pk=pair_id)
        .filter(_visible_to(actor, "person_a"))
        .filter(_visible_to(actor, "person_b"))
        .first()
    )
    if pair is None:
        return pair_get(actor=actor, pair_id=pair_id)  # refused (and recorded) there
    return pair


def explain_pairs(pairs: Iterable[DuplicatePair]) -> None:
    """Set `explanation` (matching.explain.Explanation: why the pair was proposed, field by
    field, in words) on each pair, from the duplicate-check index in one query. For pairs a
    selector above has already let the reviewer see."""
    from lotse.identity.matching.explain import explain
    from lotse.people.records import records_by_person

    pairs = list(pairs)
    ids = {p.person_a_id for p in pairs} | {p.person_b_id for p in pairs}
    records = records_by_person(ids) if ids else {}
    for pair in pairs:
        pair.explanation = explain(  # type: ignore[attr-defined]  # set for the page only
            records.get(pair.person_a_id, []), records.get(pair.person_b_id, []), pair.score
        )
