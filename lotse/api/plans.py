"""The integration plan in the JSON API: a person's plan, new goals and steps, a step's status —
on the same selectors, services and policy as the pages."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.courses.models import Enrolment
from lotse.organisations.models import Office
from lotse.people.selectors import person_get
from lotse.plans.models import (
    GOAL_TEXT_LENGTH,
    NOTE_LENGTH,
    STEP_TEXT_LENGTH,
    Goal,
    Step,
)
from lotse.plans.selectors import ChangeView, StepView, goal_get, plan_get, step_get
from lotse.plans.services import (
    GoalInput,
    StepInput,
    goal_record,
    plan_offices,
    step_record,
    step_set_status,
)

router = Router(tags=["plans"])


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


# The input texts (as lotse.api.schemas.Text makes them, spelt out for the type checker).
OfficeCode = Annotated[str, Field(max_length=80), AfterValidator(_storable)]
GoalText = Annotated[str, Field(max_length=GOAL_TEXT_LENGTH), AfterValidator(_storable)]
StepText = Annotated[str, Field(max_length=STEP_TEXT_LENGTH), AfterValidator(_storable)]
NoteText = Annotated[str, Field(max_length=NOTE_LENGTH), AfterValidator(_storable)]
Code = Annotated[str, Field(max_length=20), AfterValidator(_storable)]


class StepOut(Schema):
    id: int
    goal: int
    text: str
    due_on: date
    status: str
    responsible: str  # office code
    responsible_name: str
    note: str
    enrolment: int | None  # the course enrolment serving the step (GET /enrolments/{id})
    recorded_by: str
    created_at: datetime

    @staticmethod
    def resolve_enrolment(obj: Step) -> int | None:
        return obj.enrolment_id

    @staticmethod
    def resolve_goal(obj: Step) -> int:
        return obj.goal_id

    @staticmethod
    def resolve_responsible(obj: Step) -> str:
        return obj.responsible.code

    @staticmethod
    def resolve_responsible_name(obj: Step) -> str:
        return obj.responsible.name

    @staticmethod
    def resolve_recorded_by(obj: Step) -> str:
        return obj.recorded_by.code


class GoalOut(Schema):
    id: int
    text: str
    area: str
    owner: str  # office code
    owner_name: str
    target_date: date | None
    status: str
    status_reason: str
    recorded_by: str
    created_at: datetime
    steps: list[StepOut] = []

    @staticmethod
    def resolve_owner(obj: Goal) -> str:
        return obj.owner.code

    @staticmethod
    def resolve_owner_name(obj: Goal) -> str:
        return obj.owner.name

    @staticmethod
    def resolve_recorded_by(obj: Goal) -> str:
        return obj.recorded_by.code

    @staticmethod
    def resolve_steps(obj: Goal) -> list[Step]:
        return list(getattr(obj, "visible_steps", []))


class ChangeOut(Schema):
    changed_at: datetime
    kind: str
    what: str
    office: str
    user: str
    fields: list[list[str]]


class PlanOut(Schema):
    person: UUID
    goals: list[GoalOut]
    # Offices whose entries exist but are not open to the caller's office (never described).
    hidden_offices: list[str]
    changes: list[ChangeOut]


class GoalIn(Schema):
    text: GoalText
    area: Code
    owner: OfficeCode | None = None  # the owning office's code (required: refused without)
    target_date: date | None = None


class StepIn(Schema):
    goal: int
    text: StepText
    due_on: date | None = None
    responsible: OfficeCode | None = None  # office code
    note: NoteText = ""
    enrolment: int | None = None  # the id of one of the person's course enrolments


class StepStatusIn(Schema):
    status: Code


def _office(actor, code: str | None, field: str) -> Office | None:
    """An office the plan may name, by its code (None for none: the service says it is
    needed); an unknown code is refused with the field's name."""
    if not code:
        return None
    office = plan_offices(actor).filter(code=code).first()
    if office is None:
        raise ValidationError({field: _("This office does not serve the Kreis of your office.")})
    return office


def _enrolment(person, enrolment_id: int | None) -> Enrolment | None:
    """One of the person's enrolments by its id (whether the office may link it, the service
    decides); an id of none of them is refused with the field's name."""
    if enrolment_id is None:
        return None
    enrolment = Enrolment.objects.filter(pk=enrolment_id, person=person).first()
    if enrolment is None:
        raise ValidationError({"enrolment": _("No course enrolment of this person has this id.")})
    return enrolment


def _change(view: ChangeView) -> dict:
    change = view.change
    return {
        "changed_at": change.changed_at,
        "kind": change.kind,
        "what": view.what,
        "office": change.office.code,
        "user": change.user.get_full_name() if change.user else "",
        "fields": [list(item) for item in view.fields],
    }


def _with_steps(goal: Goal, steps: list[StepView]) -> Goal:
    goal.visible_steps = [view.step for view in steps]  # type: ignore[attr-defined]
    return goal


@router.get("/persons/{person_id}/plan", response={200: PlanOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def plan(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN)
    found = plan_get(actor=request.user, person=person)
    return {
        "person": person.pk,
        "goals": [_with_steps(view.goal, view.steps) for view in found.goals],
        "hidden_offices": found.hidden_offices,
        "changes": [_change(view) for view in found.changes],
    }


@router.post(
    "/persons/{person_id}/plan/goals", response={201: GoalOut, **errors(404, *BODY_ERRORS)}
)
@requires(Action.EDIT_PERSON, person_data=True)
def plan_goal_create(request, person_id: UUID, payload: GoalIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN, edit=True)
    data = GoalInput(
        text=payload.text,
        area=payload.area,
        owner=_office(request.user, payload.owner, "owner"),
        target_date=payload.target_date,
    )
    goal = goal_record(actor=request.user, person=person, data=data)
    return Status(201, _with_steps(goal, []))


@router.post(
    "/persons/{person_id}/plan/steps", response={201: StepOut, **errors(404, *BODY_ERRORS)}
)
@requires(Action.EDIT_PERSON, person_data=True)
def plan_step_create(request, person_id: UUID, payload: StepIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN, edit=True)
    try:
        goal = goal_get(actor=request.user, person=person, goal_id=payload.goal)
    except Http404:
        message = _("No goal of this person that your office may see.")
        raise ValidationError({"goal": message}) from None
    data = StepInput(
        text=payload.text,
        due_on=payload.due_on,
        responsible=_office(request.user, payload.responsible, "responsible"),
        note=payload.note,
        enrolment=_enrolment(person, payload.enrolment),
    )
    return Status(201, step_record(actor=request.user, goal=goal, data=data))


@router.patch(
    "/persons/{person_id}/plan/steps/{step_id}",
    response={200: StepOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def plan_step_status(request, person_id: UUID, step_id: int, payload: StepStatusIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.PLAN, edit=True)
    step = step_get(actor=request.user, person=person, step_id=step_id)
    return step_set_status(actor=request.user, step=step, status=payload.status)
