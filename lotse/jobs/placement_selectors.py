"""Reading placements: the office's board, a person's placements with their history, the
follow-ups due. The policy scopes every list: the placements of the Kreise the actor's office
serves (Action.RECORD_PLACEMENTS, scoped by the vacancy's Gemeinde), of persons the actor may
see (Action.VIEW_PERSON). A page that shows persons logs one list read (ListRead.PLACEMENTS)."""

from collections.abc import Iterable

from django.db.models import Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.access.policy import Action, authorize, decide, scope
from lotse.audit.services import audit_reads
from lotse.audit.vocabulary import Basis, LegalBasis, ListRead, Purpose
from lotse.jobs.models import Vacancy, VacancyStatus
from lotse.jobs.placement_models import (
    CLOSED_STAGES,
    Placement,
    PlacementFollowUp,
    PlacementStage,
)
from lotse.organisations.models import User
from lotse.people.models import Person


def may_record_placements(actor: User) -> bool:
    return bool(decide(actor, Action.RECORD_PLACEMENTS)) and bool(decide(actor, Action.VIEW_PERSON))


def _visible(actor: User) -> QuerySet[Placement]:
    persons = scope(actor, Action.VIEW_PERSON, Person.objects.all(), purpose=Purpose.PLACEMENT)
    return scope(
        actor, Action.RECORD_PLACEMENTS, Placement.objects.all(), purpose=Purpose.PLACEMENT
    ).filter(person__in=persons)


def placement_board(
    *, actor: User, stage: str = "", follow_up_due: bool = False
) -> QuerySet[Placement]:
    """The placements of the actor's office's Kreise, with `next_follow_up` (the earliest
    follow-up not yet done); `stage`: only those at that stage; `follow_up_due`: only those
    with a follow-up due today or earlier."""
    today = timezone.localdate()
    rows = _visible(actor).annotate(
        next_follow_up=Min("follow_ups__due_on", filter=Q(follow_ups__done_on__isnull=True))
    )
    if stage in PlacementStage.values:
        rows = rows.filter(stage=stage)
    if follow_up_due:
        rows = rows.filter(stage=PlacementStage.HIRED, next_follow_up__lte=today)
    return rows.select_related("vacancy__employer", "person").prefetch_related("person__names")


def placements_listed(*, actor: User, placements: Iterable[Placement]) -> list[Placement]:
    """The placements a page shows, logged as one list read of their persons."""
    shown = list(placements)
    audit_reads(
        actor=actor,
        objects=shown,
        person_of=lambda placement: placement.person_id,
        purpose=Purpose.PLACEMENT,
        basis=LegalBasis(Basis.OWN_CASE),
        action=ListRead.PLACEMENTS,
    )
    return shown


def placements_of_person(*, actor: User, person: Person) -> list[Placement]:
    """The person's placements the actor's office may see, newest first, with their steps
    and follow-ups (the caller has read the person through person_get)."""
    return list(
        _visible(actor)
        .filter(person=person)
        .select_related("vacancy__employer", "vacancy__gemeinde", "recorded_by")
        .prefetch_related("steps__recorded_by", "follow_ups")
        .order_by("-created_at", "-pk")
    )


def placement_get(*, actor: User, placement_id: object) -> Placement:
    """One placement the actor's office may see: the policy asks for the placement (the Kreis of
    its vacancy) and for its person; a refusal is recorded and answers 404."""
    if not str(placement_id).isdigit():
        raise Http404
    found = (
        Placement.objects.select_related("vacancy__employer", "vacancy__gemeinde", "person")
        .filter(pk=int(str(placement_id)))
        .first()
    )
    if found is None:
        raise Http404
    authorize(actor, Action.RECORD_PLACEMENTS, found, purpose=Purpose.PLACEMENT)
    authorize(actor, Action.VIEW_PERSON, found.person, purpose=Purpose.PLACEMENT)
    return found


def follow_up_get(*, placement: Placement, follow_up_id: object) -> PlacementFollowUp:
    if not str(follow_up_id).isdigit():
        raise Http404
    found = placement.follow_ups.filter(pk=int(str(follow_up_id))).first()
    if found is None:
        raise Http404
    return found


def follow_ups_due(*, actor: User) -> QuerySet[PlacementFollowUp]:
    """The follow-ups not yet done of the placements at work, earliest first."""
    return (
        PlacementFollowUp.objects.filter(
            placement__in=_visible(actor).filter(stage=PlacementStage.HIRED),
            done_on__isnull=True,
        )
        .select_related("placement__vacancy__employer", "placement__person")
        .order_by("due_on", "pk")
    )


def vacancies_to_place(*, actor: User, person: Person) -> QuerySet[Vacancy]:
    """The open vacancies of the actor's Kreise for which the person has no open placement."""
    taken = Placement.objects.filter(person=person).exclude(stage__in=CLOSED_STAGES)
    return (
        scope(actor, Action.RECORD_PLACEMENTS, Vacancy.objects.filter(status=VacancyStatus.OPEN))
        .exclude(pk__in=taken.values("vacancy_id"))
        .select_related("employer")
        .order_by("title", "pk")
    )
