"""Appointments in the JSON API: a person's appointments and a new one, an information event
for many persons (all stored or none), my calendar (a week), the attendance of an appointment,
the interpreters free for it and booking or changing its interpreter — on the same selectors,
services and policy as the pages."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action, scope_offices
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.appointments.models import (
    PLACE_LENGTH,
    REASON_LENGTH,
    TITLE_LENGTH,
    Appointment,
)
from lotse.appointments.selectors import (
    appointment_get,
    appointments_with_details,
    interpreter_availability,
    interpreter_pool,
    my_calendar,
    person_appointments,
)
from lotse.appointments.services import (
    INFORMATION_EVENT_MAX,
    AppointmentInput,
    appointment_record_attendance,
    appointment_schedule,
    appointments_bulk_create,
    interpreter_book,
    too_many_invited,
)
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.people.models import Person
from lotse.people.selectors import person_get, visible_person_ids

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


class InformationEventIn(Schema):
    """One appointment each for the persons invited (ids), with the same time and place."""

    # More than INFORMATION_EVENT_MAX are refused with the service's message; far more by the
    # schema itself.
    persons: list[UUID] = Field(..., max_length=10 * INFORMATION_EVENT_MAX)
    kind: Short = "information_event"
    title: Title = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    mode: Short = "in_person"
    place: Place = ""
    video_url: Url = ""
    interpreter_language: Short = ""  # needed by every person; booked one by one


class InformationEventOut(Schema):
    event: UUID  # the key the appointments of the event share
    count: int
    appointments: list[AppointmentOut]


class InterpreterIn(Schema):
    interpreter: int  # an interpreter of the pool


class AvailabilityOut(Schema):
    interpreter: int
    name: str
    languages: list[str]
    free: bool  # false: booked for another appointment at this time


class AvailabilityListOut(Schema):
    language: str  # the language the appointment needs; "" when it needs no interpreter
    interpreters: list[AvailabilityOut]


class AttendanceIn(Schema):
    attended: bool
    reason: Reason = ""


class WeekOut(Schema):
    week: date
    count: int
    appointments: list[AppointmentOut]


def _input(payload: "AppointmentIn | InformationEventIn", **more: Any) -> AppointmentInput:
    """The service's input from the fields an appointment and an information event share."""
    return AppointmentInput(
        kind=payload.kind,
        title=payload.title,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        mode=payload.mode,
        place=payload.place,
        video_url=payload.video_url,
        interpreter_language=payload.interpreter_language,
        **more,
    )


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
        data=_input(payload, offices=list(offices.values()), interpreter=interpreter),
    )
    return Status(201, _out(row))


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


@router.post(
    "/information-events",
    response={201: InformationEventOut, **errors(*BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON_REGISTRY)
def information_event_create(request, payload: InformationEventIn):
    """An information event for many persons of my office at once: one appointment each, all
    stored or none. A person the office may not make appointments for is refused at its
    place in `persons` (422), without saying whom the id belongs to."""
    ids = list(dict.fromkeys(payload.persons))
    if len(ids) > INFORMATION_EVENT_MAX:
        raise ValidationError({"persons": too_many_invited(len(ids))})
    may = visible_person_ids(request.user, ids, action=Action.EDIT_PERSON)
    persons = {p.pk: p for p in Person.objects.filter(pk__in=may, merged_into__isnull=True)}
    unknown = [index for index, pk in enumerate(payload.persons) if pk not in persons]
    if unknown:
        message = _(
            "Not stored: no person with this id whom your office may make appointments for."
        )
        return Status(
            422,
            {
                "detail": [
                    {"loc": ["body", "persons", i], "msg": message, "type": "refused"}
                    for i in unknown
                ]
            },
        )
    rows = appointments_bulk_create(
        actor=request.user,
        persons=[persons[pk] for pk in ids],
        data=_input(payload),
    )
    shown = appointments_with_details(actor=request.user, appointments=rows)
    return Status(
        201,
        {
            "event": rows[0].event_key,
            "count": len(rows),
            "appointments": [_out(row) for row in shown],
        },
    )


@router.get(
    "/appointments/{appointment_id}/interpreters",
    response={200: AvailabilityListOut, **errors(404)},
)
@requires(Action.VIEW_INTERPRETERS)
def appointment_interpreters(request, appointment_id: int):
    """The interpreters of my pools for the language the appointment needs, each free or not
    at its time."""
    row = appointment_get(actor=request.user, appointment_id=appointment_id)
    booking = next(iter(row.current_bookings), None)  # type: ignore[attr-defined]
    if booking is None:
        return {"language": "", "interpreters": []}
    found = interpreter_availability(
        actor=request.user,
        language=booking.language,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
    )
    return {
        "language": booking.language,
        "interpreters": [
            {
                "interpreter": a.interpreter.pk,
                "name": a.interpreter.name,
                "languages": a.interpreter.languages,
                "free": a.free,
            }
            for a in sorted(found, key=lambda a: (a.interpreter.name, a.interpreter.pk))
        ],
    }


@router.put(
    "/appointments/{appointment_id}/interpreter",
    response={200: AppointmentOut, **errors(404, 409, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def appointment_interpreter_put(request, appointment_id: int, payload: InterpreterIn):
    """Book an interpreter of my pools for the appointment, or another in place of the one
    booked. 409 with the reason when the interpreter is booked elsewhere at this time; 403
    for an office at the table that does not organise it."""
    row = appointment_get(actor=request.user, appointment_id=appointment_id)
    interpreter = interpreter_pool(actor=request.user).filter(pk=payload.interpreter).first()
    if interpreter is None:
        raise ValidationError({"interpreter": _("Choose an interpreter of your pool.")})
    interpreter_book(actor=request.user, appointment=row, interpreter=interpreter)
    return _out(appointment_get(actor=request.user, appointment_id=row.pk))
