"""Case conferences on the plan in the JSON API: a person's conferences, a new one (or the
correction of one the caller's office recorded) — on the same selectors, services and policy as
the pages."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.organisations.models import Office
from lotse.people.selectors import person_get
from lotse.plans.conferences import (
    ConferenceInput,
    ConferenceView,
    case_conference_get,
    case_conference_record,
    case_conferences_of,
)
from lotse.plans.models import (
    AGREED_LENGTH,
    INTERPRETER_LANGUAGE_LENGTH,
    OTHER_PARTICIPANTS_LENGTH,
    CaseConference,
    Goal,
    Step,
)
from lotse.plans.services import plan_offices

router = Router(tags=["plans"])


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


OfficeCode = Annotated[str, Field(max_length=80), AfterValidator(_storable)]
Others = Annotated[str, Field(max_length=OTHER_PARTICIPANTS_LENGTH), AfterValidator(_storable)]
Language = Annotated[str, Field(max_length=INTERPRETER_LANGUAGE_LENGTH), AfterValidator(_storable)]
Agreed = Annotated[str, Field(max_length=AGREED_LENGTH), AfterValidator(_storable)]


class ConferenceOut(Schema):
    id: int
    held_on: date
    offices: list[str]  # office codes
    other_participants: str
    external_consent: bool
    person_present: bool
    interpreter_language: str  # language code ("" for none)
    agreed: str
    goals: list[int]
    steps: list[int]
    replaces: list[int]  # the earlier records it corrects
    recorded_by: str
    created_at: datetime


class ConferencesOut(Schema):
    person: UUID
    conferences: list[ConferenceOut]
    # Offices whose conferences exist but are not open to the caller's office (never described).
    hidden_offices: list[str]


class ConferenceIn(Schema):
    held_on: date | None = None
    offices: list[OfficeCode] = []
    other_participants: Others = ""
    external_consent: bool = False  # the person agreed that the other participants take part
    person_present: bool = False
    interpreter_language: Language = ""
    agreed: Agreed = ""
    goals: list[int] = []
    steps: list[int] = []
    replaces: int | None = None  # the id of a record of the caller's office, to correct it


def _out(view: ConferenceView) -> dict:
    c = view.conference
    return {
        "id": c.pk,
        "held_on": c.held_on,
        "offices": [o.code for o in view.offices],
        "other_participants": c.other_participants,
        "external_consent": c.external_consent,
        "person_present": c.person_present,
        "interpreter_language": c.interpreter_language,
        "agreed": c.agreed,
        "goals": [g.pk for g in view.goals],
        "steps": [s.pk for s in view.steps],
        "replaces": [e.pk for e in view.earlier],
        "recorded_by": c.recorded_by.code,
        "created_at": c.created_at,
    }


def _offices(actor, codes: list[str]) -> list[Office]:
    found = {o.code: o for o in plan_offices(actor).filter(code__in=codes)}
    if any(code not in found for code in codes):
        raise ValidationError({"offices": _("Choose offices that serve the Kreis of your office.")})
    return [found[code] for code in codes]


@router.get("/persons/{person_id}/plan/conferences", response={200: ConferencesOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def conference_list(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CASE_CONFERENCE)
    found = case_conferences_of(actor=request.user, person=person)
    return {
        "person": person.pk,
        "conferences": [_out(view) for view in found.current],
        "hidden_offices": found.hidden_offices,
    }


@router.post(
    "/persons/{person_id}/plan/conferences",
    response={201: ConferenceOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def conference_create(request, person_id: UUID, payload: ConferenceIn):
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.CASE_CONFERENCE, edit=True
    )
    replaces = None
    if payload.replaces is not None:
        replaces = case_conference_get(
            actor=request.user, person=person, conference_id=payload.replaces
        )
    data = ConferenceInput(
        held_on=payload.held_on,
        offices=_offices(request.user, payload.offices),
        other_participants=payload.other_participants,
        external_consent=payload.external_consent,
        person_present=payload.person_present,
        interpreter_language=payload.interpreter_language,
        agreed=payload.agreed,
        goals=list(Goal.objects.filter(pk__in=payload.goals, person=person)),
        steps=list(Step.objects.filter(pk__in=payload.steps, person=person)),
    )
    if len(data.goals) != len(set(payload.goals)):
        raise ValidationError(
            {"goals": _("Choose goals of this person's plan that your office may see.")}
        )
    if len(data.steps) != len(set(payload.steps)):
        raise ValidationError(
            {"steps": _("Choose steps of this person's plan that your office may see.")}
        )
    conference = case_conference_record(
        actor=request.user, person=person, data=data, replaces=replaces
    )
    row = CaseConference.objects.prefetch_related("offices", "goals", "steps").get(pk=conference.pk)
    view = ConferenceView(
        conference=row,
        offices=sorted(row.offices.all(), key=lambda o: o.name),
        goals=list(row.goals.all()),
        steps=list(row.steps.all()),
        earlier=[replaces] if replaces else [],
        can_correct=True,
    )
    return Status(201, _out(view))
