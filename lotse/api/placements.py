"""Placements into work or training in the JSON API, on the same selectors, services and policy
as the pages: the office's board (a page of it, the persons on it logged as read), a person's
placements with their history and follow-ups, recording one, moving one on and recording a
follow-up. A refusal of a service is a 422 with one item per field."""

from datetime import date
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.pagination import MAX_LIMIT, MAX_OFFSET
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.jobs.placement_models import NOTE_MAX, Placement, PlacementFollowUp, PlacementStep
from lotse.jobs.placement_selectors import (
    follow_up_get,
    placement_board,
    placement_get,
    placements_listed,
    placements_of_person,
    vacancies_to_place,
)
from lotse.jobs.placements import placement_create, placement_follow_up_record, placement_move
from lotse.people.selectors import person_get

router = Router(tags=["placements"])

Limit = Query(100, ge=1, le=MAX_LIMIT, description="rows of the page")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="rows skipped")


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


ShortCode = Annotated[str, Field(max_length=20), AfterValidator(_storable)]
Note = Annotated[str, Field(max_length=NOTE_MAX * 2), AfterValidator(_storable)]


class StepOut(Schema):
    stage: str
    stage_label: str
    on: date
    reason: str
    reason_label: str
    note: str
    recorded_by: str

    @staticmethod
    def resolve_stage_label(obj: PlacementStep) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_reason_label(obj: PlacementStep) -> str:
        return str(obj.get_reason_display()) if obj.reason else ""

    @staticmethod
    def resolve_recorded_by(obj: PlacementStep) -> str:
        return obj.recorded_by.name


class FollowUpOut(Schema):
    id: int
    months: int
    due_on: date
    done_on: date | None
    outcome: str
    outcome_label: str
    note: str

    @staticmethod
    def resolve_outcome_label(obj: PlacementFollowUp) -> str:
        return str(obj.get_outcome_display()) if obj.outcome else ""


class PlacementOut(Schema):
    id: int
    person: str
    vacancy: int
    vacancy_title: str
    employer: str
    source: str
    stage: str
    stage_label: str
    since: date
    start_date: date | None
    contract_type: str
    recorded_by: str
    steps: list[StepOut]
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_person(obj: Placement) -> str:
        return str(obj.person_id)

    @staticmethod
    def resolve_vacancy(obj: Placement) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_vacancy_title(obj: Placement) -> str:
        return obj.vacancy.title

    @staticmethod
    def resolve_employer(obj: Placement) -> str:
        return obj.vacancy.employer.name

    @staticmethod
    def resolve_stage_label(obj: Placement) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_since(obj: Placement) -> date:
        return obj.stage_since

    @staticmethod
    def resolve_recorded_by(obj: Placement) -> str:
        return obj.recorded_by.name

    @staticmethod
    def resolve_steps(obj: Placement) -> list[PlacementStep]:
        return list(obj.steps.all())

    @staticmethod
    def resolve_follow_ups(obj: Placement) -> list[PlacementFollowUp]:
        return list(obj.follow_ups.all())


class BoardRowOut(Schema):
    id: int
    person: str
    person_name: str
    vacancy: int
    vacancy_title: str
    employer: str
    stage: str
    stage_label: str
    since: date
    next_follow_up: date | None

    @staticmethod
    def resolve_person(obj: Placement) -> str:
        return str(obj.person_id)

    @staticmethod
    def resolve_vacancy(obj: Placement) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_vacancy_title(obj: Placement) -> str:
        return obj.vacancy.title

    @staticmethod
    def resolve_employer(obj: Placement) -> str:
        return obj.vacancy.employer.name

    @staticmethod
    def resolve_stage_label(obj: Placement) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_since(obj: Placement) -> date:
        return obj.stage_since

    @staticmethod
    def resolve_person_name(obj: Placement) -> str:
        return str(obj.person)


class BoardPageOut(Schema):
    count: int
    items: list[BoardRowOut]


class PlacementIn(Schema):
    vacancy: int
    note: Note = ""


class StepIn(Schema):
    stage: ShortCode
    on: date | None = None
    reason: ShortCode = ""
    note: Note = ""
    start_date: date | None = None
    contract_type: ShortCode = ""


class FollowUpIn(Schema):
    done_on: date | None = None
    outcome: ShortCode
    reason: ShortCode = ""
    note: Note = ""


def _full(placement_id: int) -> Placement:
    return (
        Placement.objects.select_related("vacancy__employer", "recorded_by")
        .prefetch_related("steps__recorded_by", "follow_ups")
        .get(pk=placement_id)
    )


@router.get("/placements", response={200: BoardPageOut, **errors()})
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def placements(
    request,
    stage: ShortCode = "",
    follow_up_due: bool = False,
    limit: int = Limit,
    offset: int = Offset,
):
    """The placement board of the caller's office (newest stage first), a page of it (`count`:
    all rows); `stage` filters by stage, `follow_up_due` keeps those with a follow-up due. The
    persons on the page are logged as read."""
    rows = placement_board(actor=request.user, stage=stage, follow_up_due=follow_up_due).order_by(
        "-stage_since", "-pk"
    )
    page = placements_listed(actor=request.user, placements=rows[offset : offset + limit])
    return {"count": rows.count(), "items": page}


@router.get("/persons/{person_id}/placements", response={200: list[PlacementOut], **errors(404)})
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def person_placements(request, person_id: str):
    """The person's placements the caller's office may see, with their steps and follow-ups."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLACEMENT)
    return placements_of_person(actor=request.user, person=person)


@router.post(
    "/persons/{person_id}/placements",
    response={201: PlacementOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def person_placement_create(request, person_id: str, payload: PlacementIn):
    """Record a placement directly for an open `vacancy` of the caller's Kreise."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.PLACEMENT, edit=True
    )
    vacancy = vacancies_to_place(actor=request.user, person=person).filter(pk=payload.vacancy)
    found = vacancy.first()
    if found is None:
        raise ValidationError(
            {"vacancy": _("Choose an open vacancy of your Kreise without an open placement.")}
        )
    made = placement_create(
        actor=request.user, person=person, vacancy=found, source="direct", note=payload.note
    )
    return Status(201, _full(made.pk))


@router.post(
    "/placements/{placement_id}/steps",
    response={201: PlacementOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def placement_step_create(request, placement_id: int, payload: StepIn):
    """Move the placement on: `stage` (applied, interview, offer, hired, rejected, ended) on the
    day `on`; `reason` for rejected and ended; `start_date` and `contract_type` for hired."""
    placement = placement_get(actor=request.user, placement_id=placement_id)
    person_get(
        actor=request.user, person_id=placement.person_id, purpose=Purpose.PLACEMENT, edit=True
    )
    moved = placement_move(
        actor=request.user,
        placement=placement,
        stage=payload.stage,
        on=payload.on,
        reason=payload.reason,
        note=payload.note,
        start_date=payload.start_date,
        contract_type=payload.contract_type,
    )
    return Status(201, _full(moved.placement.pk))


@router.post(
    "/placements/{placement_id}/follow-ups/{placement_follow_up_id}",
    response={200: FollowUpOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.RECORD_PLACEMENTS, person_data=True)
def placement_follow_up(
    request, placement_id: int, placement_follow_up_id: int, payload: FollowUpIn
):
    """Record a follow-up: `outcome` going_well, at_risk or ended (with a `reason`: the
    placement ends)."""
    placement = placement_get(actor=request.user, placement_id=placement_id)
    person_get(
        actor=request.user, person_id=placement.person_id, purpose=Purpose.PLACEMENT, edit=True
    )
    follow_up = follow_up_get(placement=placement, follow_up_id=placement_follow_up_id)
    done = placement_follow_up_record(
        actor=request.user,
        follow_up=follow_up,
        done_on=payload.done_on,
        outcome=payload.outcome,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(200, done)
