"""The review queue of possible duplicates, as far as the reviewer may see both records."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize
from lotse.audit.models import EventType, Outcome
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.identity.models import DuplicatePair, DuplicateRun, Merge
from lotse.people.selectors import primary_family_name


def _visible_to(office, prefix: str) -> Q:
    return Q(**{f"{prefix}__cases__office": office, f"{prefix}__cases__status": "open"})


def pair_queue(*, actor) -> QuerySet[DuplicatePair]:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return (
        DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN)
        .filter(_visible_to(actor.office, "person_a"))
        .filter(_visible_to(actor.office, "person_b"))
        .distinct()
        .annotate(person_a_name=primary_family_name("person_a"))
        .select_related("person_a", "person_b")
        .prefetch_related("person_a__names", "person_b__names")
        .order_by("-score")
    )


def pairs_elsewhere_count(*, actor) -> int:
    """Open pairs with one record at the actor's office and the other only elsewhere: counted,
    not shown (their review needs both offices)."""
    authorize(actor, Action.REVIEW_DUPLICATES)
    mine = DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).filter(
        _visible_to(actor.office, "person_a") | _visible_to(actor.office, "person_b")
    )
    return mine.distinct().count() - pair_queue(actor=actor).count()


def pair_get(*, actor, pair_id: int) -> DuplicatePair:
    pair = pair_queue(actor=actor).filter(pk=pair_id).first()
    if pair is None:
        if DuplicatePair.objects.filter(pk=pair_id).exists():
            # A pair the reviewer may not see both records of: refused as if it did not exist,
            # and recorded like every refusal.
            audit_record(
                event_type=EventType.ACCESS_DENIED,
                actor=actor,
                outcome=Outcome.DENIED,
                action=Action.REVIEW_DUPLICATES,
                reason=_("Both records of the pair need an open case of your office."),
                obj=DuplicatePair(pk=pair_id),
            )
        raise Http404
    return pair


def latest_run(*, actor) -> DuplicateRun | None:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return DuplicateRun.objects.first()


def run_get(*, actor, run_id: int) -> DuplicateRun:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return get_object_or_404(DuplicateRun, pk=run_id)


def merge_list(*, actor) -> QuerySet[Merge]:
    authorize(actor, Action.REVIEW_DUPLICATES)
    return (
        Merge.objects.filter(kept__cases__office=actor.office, kept__cases__status="open")
        .select_related("kept", "merged", "merged_by", "undone_by")
        .prefetch_related("kept__names", "merged__names")
        .distinct()
        .order_by("-merged_at")
    )


def merge_get(*, actor, merge_id: int) -> Merge:
    merge = get_object_or_404(Merge.objects.select_related("kept", "merged"), pk=merge_id)
    authorize(actor, Action.EDIT_PERSON, merge.kept, purpose=Purpose.UNDO_MERGE)
    return merge
