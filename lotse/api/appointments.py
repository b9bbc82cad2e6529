"""Appointments in the JSON API: a person's appointments and a new one, my calendar (a week),
the attendance of an appointment — on the same selectors, services and policy as the pages."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action, scope_offices
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.appointments.models import PLACE_LENGTH, REASON_LENGTH, TITLE_LENGTH, Appointment
from lotse.appointments.selectors import (
    appointment_get,
    interpreter_pool,
    my_calendar,
    person_appointments,
)
from lotse.appointments.services import (
    AppointmentInput,
    appointment_record_attendance,
    appointment_schedule,
)
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.people.selectors import person_get

router = Router(tags=["appointments"])


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


Short = Annotated[str, Field(max_length=80), AfterValidator(_storable)]
Place = Annotated[str, Field(max_length=PLACE_LENGTH), AfterValidator(_storable)]
Title = Annotated[str, Field(max_length=TITLE_LENGTH), AfterValidator(_storable)]
Reason = Annotated[str, Field(max_length=REASON_LENGTH), AfterValidator(_storable)]
Url = Annotated[str, Field(max_length=500), AfterValidator(_storable)]


class InterpreterOut(Schema):
    language: str
    interpreter: int | None  # None: needed, not booked yet
    status: str


class AppointmentOut(Schema):
    id: int
    person: UUID
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    mode: str
    place: str
    video_url: str
    office: str  # the organising office's code
    offices: list[str]  # the other offices at the table
    interpreter: InterpreterOut | None
    status: str
    status_reason: str
    replaces: int | None


class AppointmentIn(Schema):
    kind: Short = "counselling"
    title: Title = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    mode: Short = "in_person"
    place: Place = ""
    video_url: Url = ""
    offices: list[Short] = []  # codes of the other offices at the table
    interpreter_language: Short = ""
    interpreter: int | None = None  # an interpreter of the pool


class AttendanceIn(Schema):
    attended: bool
    reason: Reason = ""


class WeekOut(Schema):
    week: date
    count: int
    appointments: list[AppointmentOut]


def _out(row: Appointment) -> dict:
    bookings = getattr(row, "current_bookings", None)
    if bookings is None:
        bookings = list(row.interpreter_bookings.exclude(status="cancelled"))
    booking = bookings[0] if bookings else None
    return {
        "id": row.pk,
        "person": row.person_id,
        "kind": row.kind,
        "title": row.title,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "mode": row.mode,
        "place": row.place,
        "video_url": row.video_url,
        "office": row.office.code,
        "offices": sorted(o.office.code for o in row.other_offices.select_related("office")),
        "interpreter": {
            "language": booking.language,
            "interpreter": booking.interpreter_id,
            "status": booking.status,
        }
        if booking
        else None,
        "status": row.status,
        "status_reason": row.status_reason,
        "replaces": row.replaces_id,
    }


@router.get(
    "/persons/{person_id}/appointments", response={200: list[AppointmentOut], **errors(404)}
)
@requires(Action.VIEW_PERSON, person_data=True)
def person_appointment_list(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CASE_WORK)
    return [_out(row) for row in person_appointments(actor=request.user, person=person)]


@router.post(
    "/persons/{person_id}/appointments",
    response={201: AppointmentOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def person_appointment_create(request, person_id: UUID, payload: AppointmentIn):
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.CASE_WORK, edit=True
    )
    offices = {o.code: o for o in scope_offices(request.user).filter(code__in=payload.offices)}
    if any(code not in offices for code in payload.offices):
        raise ValidationError({"offices": _("Choose offices that serve the Kreis of your office.")})
    interpreter = None
    if payload.interpreter is not None:
        interpreter = interpreter_pool(actor=request.user).filter(pk=payload.interpreter).first()
        if interpreter is None:
            raise ValidationError({"interpreter": _("Choose an interpreter of your pool.")})
    row = appointment_schedule(
        actor=request.user,
        person=person,
        data=AppointmentInput(
            kind=payload.kind,
            title=payload.title,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            mode=payload.mode,
            place=payload.place,
            video_url=payload.video_url,
            offices=list(offices.values()),
            interpreter_language=payload.interpreter_language,
            interpreter=interpreter,
        ),
    )
    return 201, _out(row)


@router.get("/appointments", response={200: WeekOut, **errors()})
@requires(Action.WORK_ON_CASE)
def appointment_week(request, week: date | None = None, mode: str = ""):
    """My calendar: the week (from its Monday) of the appointments I organise."""
    found = my_calendar(actor=request.user, start=week or timezone.localdate(), mode=mode)
    rows = [row for day in found.days for row in day.appointments]
    return {"week": found.start, "count": found.count, "appointments": [_out(r) for r in rows]}


@router.post(
    "/appointments/{appointment_id}/attendance",
    response={200: AppointmentOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def appointment_attendance(request, appointment_id: int, payload: AttendanceIn):
    row = appointment_get(actor=request.user, appointment_id=appointment_id)
    updated = appointment_record_attendance(
        actor=request.user, appointment=row, attended=payload.attended, reason=payload.reason
    )
    return _out(appointment_get(actor=request.user, appointment_id=updated.pk))
