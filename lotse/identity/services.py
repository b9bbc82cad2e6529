"""Reviewing possible duplicates, merging two records without loss, and undoing a merge."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.core.text import check_length
from lotse.identity.models import DuplicatePair, DuplicateRun, Merge, RejectionReason
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.people.services import refresh_match_index

# Every table that points at a person moves with a merge — names, identifiers, cases, referrals,
# consents, status events, … — found through the model relations, so that a table added later
# moves too and identity needs to know nothing of the apps above it. These do not move: the
# merge records themselves, the merged_into link, and the duplicate-check index (rebuilt).
_NOT_MOVED = {"identity.Merge", "people.Person", "people.MatchKey", "people.MatchRecord"}


def _person_relations() -> list[tuple[str, type[models.Model], str]]:
    return [
        (f"{rel.related_model._meta.label}.{rel.field.name}", rel.related_model, rel.field.name)
        for rel in Person._meta.related_objects
        if rel.one_to_many and rel.related_model._meta.label not in _NOT_MOVED
    ]


def _move(model: type[models.Model], field: str, ids: list, target: Person) -> list:
    """Point the rows at `target`, one by one so that each move lands in the field history.

    A row that cannot move stays on the merged record, which is kept: the same nationality
    twice, a second open case at one office, a relation that would point at itself.
    """
    stamp = ["updated_at"] if any(f.name == "updated_at" for f in model._meta.fields) else []
    moved = []
    for row in model.objects.filter(pk__in=ids):  # type: ignore[attr-defined]
        setattr(row, field, target)
        try:
            with transaction.atomic():
                row.save(update_fields=[field, *stamp])
        except IntegrityError:
            continue
        moved.append(row.pk)
    return moved


@atomic_service
def person_merge(
    *, actor: User, kept: Person, merged: Person, reason: str, pair: DuplicatePair | None = None
) -> Merge:
    authorize(actor, Action.REVIEW_DUPLICATES)
    authorize(actor, Action.EDIT_PERSON, kept, purpose=Purpose.MERGE)
    authorize(actor, Action.EDIT_PERSON, merged, purpose=Purpose.MERGE)
    if kept.pk == merged.pk:
        raise ValidationError(_("Only two different, unmerged records can be merged."))
    # Both records locked (in id order) and read again: a parallel merge of either waits here
    # and then finds it merged, instead of moving the rows twice.
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update()
        .filter(pk__in=[kept.pk, merged.pk])
        .order_by("pk")
    }
    if len(locked) != 2 or any(p.merged_into_id for p in locked.values()):
        raise ValidationError(_("Only two different, unmerged records can be merged."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why these records are the same person.")})
    moved = {
        label: _move(
            model,
            field,
            list(model.objects.filter(**{field: merged}).values_list("pk", flat=True)),  # type: ignore[attr-defined]
            kept,
        )
        for label, model, field in _person_relations()
    }
    merged.merged_into = kept
    merged.save(update_fields=["merged_into", "updated_at"])
    refresh_match_index(merged)  # a merged record leaves the index
    refresh_match_index(kept)
    merge = Merge.objects.create(
        kept=kept,
        merged=merged,
        pair=pair,
        moved=moved,
        reason=check_length(reason, 300, "reason"),
        merged_by=actor,
        merged_at=timezone.now(),
    )
    if pair is not None:
        _close_pair(pair, actor, DuplicatePair.Status.MERGED, reason)
    for person in (kept, merged):
        audit_record(
            event_type=EventType.PERSON_MERGED,
            actor=actor,
            obj=merge,
            person_id=person.pk,
            reason=reason,
            categories=["identity"],
            details={"kept": str(kept.pk), "merged": str(merged.pk)},
        )
    return merge


@atomic_service
def person_unmerge(*, actor: User, merge: Merge, reason: str) -> Merge:
    authorize(actor, Action.REVIEW_DUPLICATES)
    authorize(actor, Action.EDIT_PERSON, merge.kept, purpose=Purpose.UNDO_MERGE)
    # The merge row locked and read again: of two undos at the same time, the second waits
    # here and then finds the merge undone (the caller's copy may be older).
    merge = Merge.objects.select_for_update().select_related("kept", "merged").get(pk=merge.pk)
    if merge.undone_at:
        raise ValidationError(_("This merge has been undone already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the merge is undone.")})
    merged = merge.merged
    for label, model, field in _person_relations():
        _move(model, field, merge.moved.get(label, []), merged)
    merged.merged_into = None
    merged.save(update_fields=["merged_into", "updated_at"])
    refresh_match_index(merge.kept)
    refresh_match_index(merged)
    merge.undone_by = actor
    merge.undone_at = timezone.now()
    merge.undo_reason = check_length(reason, 300, "reason")
    merge.save(update_fields=["undone_by", "undone_at", "undo_reason"])
    if merge.pair_id:
        pair = merge.pair
        assert pair is not None  # pair_id is set
        pair.status = DuplicatePair.Status.OPEN
        pair.save(update_fields=["status"])
    for person in (merge.kept, merged):
        audit_record(
            event_type=EventType.PERSON_UNMERGED,
            actor=actor,
            obj=merge,
            person_id=person.pk,
            reason=reason,
            categories=["identity"],
        )
    return merge


def _locked_pair(pair: DuplicatePair) -> DuplicatePair:
    """The pair read again under a row lock: a second decision on it waits, then sees the first."""
    return (
        DuplicatePair.objects.select_for_update()
        .select_related("person_a", "person_b")
        .get(pk=pair.pk)
    )


def _close_pair(pair: DuplicatePair, actor: User, status: str, reason: str) -> None:
    pair.status = status
    pair.reviewed_by = actor
    pair.reviewed_at = timezone.now()
    pair.review_reason = check_length(reason, 300, "reason")
    pair.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason"])


NOTE_MAX_LENGTH = 300  # DuplicatePair.review_reason


def rejection_errors(kind: str, note: str) -> dict[str, str]:
    """What is wrong with a "different persons" decision (the form shows the same)."""
    errors = {}
    if kind not in RejectionReason.values:
        errors["kind"] = _("Choose why these are different persons.")
    elif kind == RejectionReason.OTHER and not note.strip():
        errors["note"] = _("Describe the other reason.")
    if len(note.strip()) > NOTE_MAX_LENGTH:
        errors["note"] = _("At most %(count)s characters.") % {"count": NOTE_MAX_LENGTH}
    return errors


@atomic_service
def pair_reject(*, actor: User, pair: DuplicatePair, kind: str, note: str = "") -> DuplicatePair:
    """The reviewer's decision that the pair are two persons, with why (`kind`, one of
    RejectionReason, and a note, required for "another reason"). Stored with the pair: the
    batch search and the registration check never propose it again (selectors.rejected_pairs)
    until the decision is reset (match_decision_reset)."""
    authorize(actor, Action.REVIEW_DUPLICATES)
    errors = rejection_errors(kind, note)
    if errors:
        raise ValidationError(errors)
    pair = _locked_pair(pair)
    if pair.status != DuplicatePair.Status.OPEN:
        raise ValidationError(_("This pair has been reviewed already."))
    _close_pair(pair, actor, DuplicatePair.Status.REJECTED, note)
    pair.rejection_reason = kind
    pair.save(update_fields=["rejection_reason"])
    audit_record(
        event_type=EventType.DUPLICATE_REVIEWED,
        actor=actor,
        obj=pair,
        reason=note or str(RejectionReason(kind).label),
        details={
            "decision": "rejected",
            "why": kind,
            "a": str(pair.person_a_id),
            "b": str(pair.person_b_id),
        },
    )
    return pair


@atomic_service
def match_decision_reset(*, actor: User, pair: DuplicatePair, reason: str) -> DuplicatePair:
    """Take back a "different persons" decision: the pair is open for review again (back in
    the queue) and may be proposed again. The decision taken back stays in the audit trail."""
    authorize(actor, Action.REVIEW_DUPLICATES)
    reason = check_length(reason, NOTE_MAX_LENGTH, "reason")
    if not reason:
        raise ValidationError({"reason": _("Say why the decision is taken back.")})
    pair = _locked_pair(pair)
    if pair.status != DuplicatePair.Status.REJECTED:
        raise ValidationError(_('Only a decision "different persons" can be taken back.'))
    before: dict[str, object] = {"why": pair.rejection_reason, "note": pair.review_reason}
    before["by"] = pair.reviewed_by_id
    pair.status = DuplicatePair.Status.OPEN
    pair.reviewed_by = None
    pair.reviewed_at = None
    pair.review_reason = ""
    pair.rejection_reason = ""
    pair.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_reason", "rejection_reason"]
    )
    audit_record(
        event_type=EventType.DUPLICATE_REVIEWED,
        actor=actor,
        obj=pair,
        reason=reason,
        details={
            "decision": "reset",
            "was": before,
            "a": str(pair.person_a_id),
            "b": str(pair.person_b_id),
        },
    )
    return pair


@atomic_service
def pair_confirm(*, actor: User, pair: DuplicatePair, reason: str) -> Merge:
    """Confirmed pairs merge: the older record is kept, the newer one merged into it."""
    pair = _locked_pair(pair)
    if pair.status != DuplicatePair.Status.OPEN:
        raise ValidationError(_("This pair has been reviewed already."))
    a, b = pair.person_a, pair.person_b
    kept, merged = (a, b) if a.created_at <= b.created_at else (b, a)
    audit_record(
        event_type=EventType.DUPLICATE_REVIEWED,
        actor=actor,
        obj=pair,
        reason=reason,
        details={"decision": "confirmed"},
    )
    return person_merge(actor=actor, kept=kept, merged=merged, reason=reason, pair=pair)


@atomic_service
def duplicate_run_start(*, actor: User) -> DuplicateRun:
    """Queue a batch search for duplicates over the whole registry (a background task)."""
    from lotse.identity.tasks import find_duplicates_task

    authorize(actor, Action.REVIEW_DUPLICATES)
    if DuplicateRun.objects.filter(status__in=["queued", "running"]).exists():
        raise ValidationError(_("A search for duplicates is already running."))
    run = DuplicateRun.objects.create(started_by=actor)
    transaction.on_commit(lambda: find_duplicates_task.enqueue(run.pk))
    return run
