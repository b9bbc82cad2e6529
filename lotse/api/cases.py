"""Cases and referrals in the JSON API: the same selectors and services as the pages."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.pagination import MAX_LIMIT, MAX_OFFSET
from lotse.api.schemas import BODY_ERRORS, ErrorOut, Text, errors
from lotse.cases import referrals as referral_services
from lotse.cases.models import FollowUp, NoteVisibility, Referral, ReferralKind
from lotse.cases.selectors import (
    CaseloadFilters,
    case_get,
    caseload,
    cases_listed,
    referral_get,
    referrals_incoming,
    referrals_listed,
    referrals_outgoing,
)
from lotse.cases.services import EditConflict, case_update, follow_up_add, note_add
from lotse.organisations.models import Office, User


def _length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


router = Router(tags=["cases"])


class CaseOut(Schema):
    id: int
    person: UUID
    person_name: str
    office: str
    status: str
    responsible: str | None
    summary: str
    version: int
    opened_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_person(obj) -> UUID:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_office(obj) -> str:
        return obj.office.code

    @staticmethod
    def resolve_responsible(obj) -> str | None:
        return obj.responsible.username if obj.responsible_id else None


class CaseUpdateIn(Schema):
    """Only the fields sent are changed: leave out `summary` to keep it, send `responsible`
    null to unassign the case."""

    version: int
    summary: Text() = ""
    responsible: Text(_length(User, "username")) | None = None  # user name


class ConflictOut(ErrorOut):
    detail: str
    current: CaseOut


class NoteIn(Schema):
    text: Text()
    visibility: Literal[tuple(NoteVisibility.values)] = NoteVisibility.OFFICE


class FollowUpIn(Schema):
    due_on: date
    title: Text(_length(FollowUp, "title"))


class ReferralOut(Schema):
    id: int
    person: UUID
    kind: str
    state: str
    from_office: str
    to_office: str
    purpose: str
    shared: dict[str, str]
    respond_by: date
    due_by: date | None
    outcome: str

    @staticmethod
    def resolve_person(obj) -> UUID:
        return obj.person_id

    @staticmethod
    def resolve_from_office(obj) -> str:
        return obj.from_office.code

    @staticmethod
    def resolve_to_office(obj) -> str:
        return obj.to_office.code


class ReferralListsOut(Schema):
    """Both lists, each cut to the page asked for; the counts are those of the whole lists."""

    incoming: list[ReferralOut]
    incoming_count: int
    outgoing: list[ReferralOut]
    outgoing_count: int


class CasePageOut(Schema):
    count: int
    items: list[CaseOut]


# The pages of a list (as `BoundedLimitOffset`, which cannot be used where the listed rows are
# logged as read: only the rows of the page are).
Limit = Query(100, ge=1, le=MAX_LIMIT, description="rows of the page")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="rows skipped")


class ReferralIn(Schema):
    case: int
    to_office: Text(_length(Office, "code"))  # office code
    kind: Literal[tuple(ReferralKind.values)]
    purpose: Text(_length(Referral, "purpose"))
    categories: list[Text(20)] = []
    respond_by: date
    due_by: date | None = None


class StepIn(Schema):
    text: Text() = ""


@router.get("/cases", response={200: CasePageOut, **errors()})
@requires(Action.WORK_ON_CASE, person_data=True)
def cases(
    request,
    mine: bool = False,
    due: bool = False,
    closed: bool = False,
    q: Text(100) = "",
    limit: int = Limit,
    offset: int = Offset,
):
    """The caseload, a page of it (`count`: all cases of the list); the persons listed on the
    page are logged as read."""
    filters = CaseloadFilters(mine=mine, due=due, closed=closed, query=q)
    listed = caseload(actor=request.user, filters=filters)
    page = cases_listed(actor=request.user, cases=listed[offset : offset + limit])
    return {"count": listed.count(), "items": page}


@router.get("/cases/{case_id}", response={200: CaseOut, **errors(404)})
@requires(Action.WORK_ON_CASE, person_data=True)
def case(request, case_id: int):
    return case_get(actor=request.user, case_id=case_id)


def _responsible(current, payload: CaseUpdateIn, sent: set[str]):
    if "responsible" not in sent:
        return current.responsible
    if not payload.responsible:
        return None
    responsible = User.objects.filter(username=User.normalize_username(payload.responsible)).first()
    if responsible is None:
        # As for a colleague of another office (case_update checks that): a field refused.
        raise ValidationError(
            {"responsible": _("The responsible caseworker must work at this office.")}
        )
    return responsible


@router.patch(
    "/cases/{case_id}", response={200: CaseOut, 409: ConflictOut, **errors(404, *BODY_ERRORS)}
)
@requires(Action.WORK_ON_CASE, person_data=True)
def case_change(request, case_id: int, payload: CaseUpdateIn):
    current = case_get(actor=request.user, case_id=case_id)
    sent = payload.model_fields_set
    try:
        return case_update(
            actor=request.user,
            case=current,
            expected_version=payload.version,
            summary=payload.summary if "summary" in sent else current.summary,
            responsible=_responsible(current, payload, sent),
            team=current.team,
        )
    except EditConflict as exc:
        return Status(409, {"detail": exc.messages[0], "current": exc.current})


def _office(code: str) -> Office:
    office = Office.objects.filter(code=code).first()
    if office is None:
        raise ValidationError({"to_office": _("Choose an office that serves your Kreis.")})
    return office


class CreatedOut(Schema):
    id: int


@router.post("/cases/{case_id}/notes", response={201: CreatedOut, **errors(404, 409, *BODY_ERRORS)})
@requires(Action.WORK_ON_CASE, person_data=True)
def case_note(request, case_id: int, payload: NoteIn):
    note = note_add(
        actor=request.user,
        case=case_get(actor=request.user, case_id=case_id),
        text=payload.text,
        visibility=payload.visibility,
    )
    return Status(201, {"id": note.pk})


@router.post(
    "/cases/{case_id}/follow-ups", response={201: CreatedOut, **errors(404, 409, *BODY_ERRORS)}
)
@requires(Action.WORK_ON_CASE, person_data=True)
def case_follow_up(request, case_id: int, payload: FollowUpIn):
    follow_up = follow_up_add(
        actor=request.user,
        case=case_get(actor=request.user, case_id=case_id),
        due_on=payload.due_on,
        title=payload.title,
    )
    return Status(201, {"id": follow_up.pk})


@router.get("/referrals", response={200: ReferralListsOut, **errors()}, tags=["referrals"])
@requires(Action.HANDLE_REFERRAL, person_data=True)
def referrals(request, limit: int = Limit, offset: int = Offset):
    """Incoming and outgoing referrals, the same page of each; the persons shown are logged as
    read."""
    incoming = referrals_incoming(actor=request.user)
    outgoing = referrals_outgoing(actor=request.user)
    return {
        "incoming": referrals_listed(
            actor=request.user, referrals=incoming[offset : offset + limit]
        ),
        "incoming_count": incoming.count(),
        "outgoing": referrals_listed(
            actor=request.user, referrals=outgoing[offset : offset + limit]
        ),
        "outgoing_count": outgoing.count(),
    }


@router.post(
    "/referrals", response={201: ReferralOut, **errors(404, *BODY_ERRORS)}, tags=["referrals"]
)
@requires(Action.HANDLE_REFERRAL, person_data=True)
def referral_create(request, payload: ReferralIn):
    source = case_get(actor=request.user, case_id=payload.case)
    referral = referral_services.referral_request(
        actor=request.user,
        case=source,
        to_office=_office(payload.to_office),
        kind=payload.kind,
        purpose=payload.purpose,
        categories=payload.categories,
        respond_by=payload.respond_by,
        due_by=payload.due_by,
    )
    return Status(201, referral)


@router.get(
    "/referrals/{referral_id}", response={200: ReferralOut, **errors(404)}, tags=["referrals"]
)
@requires(Action.HANDLE_REFERRAL, person_data=True)
def referral(request, referral_id: int):
    return referral_get(actor=request.user, referral_id=referral_id)


@router.post(
    "/referrals/{referral_id}/{step}",
    response={200: ReferralOut, **errors(404, 409, *BODY_ERRORS)},
    tags=["referrals"],
)
@requires(Action.HANDLE_REFERRAL, person_data=True)
def referral_step(request, referral_id: int, step: str, payload: StepIn):
    """Move a referral on: accept, decline, withdraw, start, give-back or close."""
    found = referral_get(actor=request.user, referral_id=referral_id)
    step = step.replace("-", "_")
    if step not in referral_services.REFERRAL_STEPS:
        steps = sorted(name.replace("_", "-") for name in referral_services.REFERRAL_STEPS)
        return Status(404, {"detail": f"Unknown step; use one of {steps}"})
    return referral_services.referral_step(
        actor=request.user, referral=found, step=step, text=payload.text
    )
