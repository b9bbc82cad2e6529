"""Writing appointments and interpreter bookings (docs/appointments.md).

Every service asks the policy itself and writes its audit event in the same transaction. An
appointment on a Sunday or a public holiday of Baden-Württemberg is refused; the other offices
at the table of a joint appointment must serve the Kreis and hold an open case for the person
(as the offices at a case conference); an interpreter is never booked twice at the same time:
the service locks the interpreter's row and looks for an overlapping booking before it books.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize, decide, scope_offices
from lotse.appointments.holidays_bw import holiday_name
from lotse.appointments.models import (
    PLACE_LENGTH,
    REASON_LENGTH,
    TITLE_LENGTH,
    Appointment,
    AppointmentKind,
    AppointmentMode,
    AppointmentOffice,
    AppointmentStatus,
    BookingStatus,
    Interpreter,
    InterpreterBooking,
)
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.cases.models import Case, CaseStatus
from lotse.cases.services import follow_up_add
from lotse.organisations.models import Gemeinde, Kreis, Office, User
from lotse.people.countries import LANGUAGE_NAMES
from lotse.people.models import Person

MISSED_FOLLOW_UP_TITLE = "Termin versäumt – neuen Termin anbieten"
MISSED_FOLLOW_UP_DAYS = 3
LONGEST = timedelta(hours=10)
INFORMATION_EVENT_MAX = 100  # persons invited to one information event in one go


class InterpreterTaken(ValidationError):
    """The interpreter is booked for another appointment at this time: nothing was booked.
    The pages show it at the field, the API answers 409."""


@dataclass
class AppointmentInput:
    kind: str = AppointmentKind.COUNSELLING
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    mode: str = AppointmentMode.IN_PERSON
    video_url: str = ""
    place: str = ""
    gemeinde: Gemeinde | None = None
    title: str = ""
    offices: list[Office] = field(default_factory=list)  # the other offices at the table
    interpreter_language: str = ""
    interpreter: Interpreter | None = None


def _length_error(value: str, limit: int) -> str:
    return _("At most %(limit)s characters (%(count)s typed).") % {
        "limit": limit,
        "count": len(value),
    }


def day_refusal(starts_at: datetime) -> str:
    """Why no appointment can be made on the day of `starts_at` (a Sunday or a public holiday
    of Baden-Württemberg), or ""."""
    day = timezone.localtime(starts_at).date()
    name = holiday_name(day)
    if name:
        return _("Am %(date)s ist %(holiday)s – ein Feiertag in Baden-Württemberg.") % {
            "date": f"{day:%d.%m.%Y}",
            "holiday": name,
        }
    if day.weekday() == 6:
        return _("Am %(date)s ist Sonntag: an einem Sonntag werden keine Termine vergeben.") % {
            "date": f"{day:%d.%m.%Y}"
        }
    return ""


def _time_errors(starts_at: datetime | None, ends_at: datetime | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if starts_at is None:
        errors["starts_at"] = _("Say when the appointment begins.")
        return errors
    if timezone.is_naive(starts_at):
        errors["starts_at"] = _("Give the time with its time zone.")
        return errors
    if refusal := day_refusal(starts_at):
        errors["starts_at"] = refusal
    elif starts_at < timezone.now() - timedelta(minutes=5):
        errors["starts_at"] = _("An appointment is made for the future.")
    if ends_at is None:
        errors["ends_at"] = _("Say when the appointment ends.")
    elif ends_at <= starts_at:
        errors["ends_at"] = _("The end lies after the beginning.")
    elif ends_at - starts_at > LONGEST:
        errors["ends_at"] = _("An appointment lasts at most ten hours.")
    return errors


def joint_office_errors(actor: User, person: Person, offices: list[Office]) -> str:
    """The other offices at the table must serve the Kreis of the actor's office and hold an
    open case for the person: only then may they see the person (the policy's open-case rule),
    as the offices at a case conference."""
    others = [office for office in offices if office.pk != actor.office_id]
    if not others:
        return ""
    serving = set(scope_offices(actor).values_list("pk", flat=True))
    if any(office.pk not in serving for office in others):
        return _("Choose offices that serve the Kreis of your office.")
    holding = set(
        Case.objects.filter(
            person=person, status=CaseStatus.OPEN, office__in=[o.pk for o in others]
        ).values_list("office_id", flat=True)
    )
    missing = sorted(office.name for office in others if office.pk not in holding)
    if missing:
        return _(
            "%(offices)s has no open case for this person and may not see the person: "
            "ask the office to open a case first."
        ) % {"offices": ", ".join(missing)}
    return ""


def _errors(actor: User, person: Person, data: AppointmentInput) -> dict[str, str]:
    errors = _time_errors(data.starts_at, data.ends_at)
    if data.kind not in AppointmentKind.values:
        errors["kind"] = _("Choose the kind of appointment.")
    errors.update(_place_errors(data))
    if len(data.title.strip()) > TITLE_LENGTH:
        errors["title"] = _length_error(data.title.strip(), TITLE_LENGTH)
    if error := joint_office_errors(actor, person, data.offices):
        errors["offices"] = error
    language = data.interpreter_language.strip()
    if language and language not in LANGUAGE_NAMES:
        errors["interpreter_language"] = _("Choose the language from the list.")
    elif data.interpreter is not None and not language:
        errors["interpreter_language"] = _("Say which language the interpreter is needed for.")
    return errors


def _place_errors(data: AppointmentInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.mode not in AppointmentMode.values:
        errors["mode"] = _("Choose in person or by video link.")
    elif data.mode == AppointmentMode.VIDEO:
        url = data.video_url.strip()
        try:
            URLValidator(schemes=["https"])(url)
        except ValidationError:
            errors["video_url"] = _("Give the video link as a web address beginning https://.")
    place = data.place.strip()
    if len(place) > PLACE_LENGTH:
        errors["place"] = _length_error(place, PLACE_LENGTH)
    elif data.mode == AppointmentMode.IN_PERSON and not place:
        errors["place"] = _("Say where the appointment takes place.")
    return errors


def _overlapping(
    interpreter: Interpreter, starts_at: datetime, ends_at: datetime, *, exclude: int | None
) -> InterpreterBooking | None:
    bookings = InterpreterBooking.objects.filter(
        interpreter=interpreter,
        status=BookingStatus.BOOKED,
        appointment__status=AppointmentStatus.PLANNED,
        appointment__starts_at__lt=ends_at,
        appointment__ends_at__gt=starts_at,
    )
    if exclude is not None:
        bookings = bookings.exclude(appointment_id=exclude)
    return bookings.first()


def _book(actor: User, booking: InterpreterBooking, interpreter: Interpreter) -> None:
    """Book `interpreter` for `booking` under a lock on the interpreter's row, so that two
    bookings at once cannot both find the interpreter free."""
    authorize(actor, Action.VIEW_INTERPRETERS, interpreter)
    locked = Interpreter.objects.select_for_update().get(pk=interpreter.pk)
    appointment = booking.appointment
    if not locked.active:
        raise ValidationError({"interpreter": _("This interpreter is no longer in the pool.")})
    if booking.language not in locked.languages:
        raise ValidationError(
            {
                "interpreter": _("%(name)s does not interpret %(language)s.")
                % {"name": locked.name, "language": LANGUAGE_NAMES.get(booking.language, "")}
            }
        )
    if _overlapping(locked, appointment.starts_at, appointment.ends_at, exclude=appointment.pk):
        raise InterpreterTaken(
            {
                "interpreter": _(
                    "%(name)s is booked for another appointment at this time: choose another "
                    "interpreter or another time."
                )
                % {"name": locked.name}
            }
        )
    previous = booking.interpreter_id
    booking.interpreter = locked
    booking.status = BookingStatus.BOOKED
    booking.booked_by = actor
    booking.save(update_fields=["interpreter", "status", "booked_by", "updated_at"])
    audit_record(
        event_type=EventType.INTERPRETER_BOOKED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=appointment,
        person_id=appointment.person_id,
        purpose=Purpose.CASE_WORK,
        details={"language": booking.language, "interpreter": locked.pk, "previous": previous},
    )


def _create(actor: User, person: Person, data: AppointmentInput, **extra: object) -> Appointment:
    assert actor.office is not None  # authorised: a member of staff
    assert data.starts_at is not None  # checked before
    assert data.ends_at is not None
    appointment = Appointment.objects.create(
        person=person,
        kind=data.kind,
        title=data.title.strip(),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        mode=data.mode,
        video_url=data.video_url.strip() if data.mode == AppointmentMode.VIDEO else "",
        place=data.place.strip(),
        gemeinde=data.gemeinde,
        office=actor.office,
        organiser=actor,
        **extra,  # type: ignore[arg-type]
    )
    others = {o.pk: o for o in data.offices if o.pk != actor.office_id}
    AppointmentOffice.objects.bulk_create(
        [AppointmentOffice(appointment=appointment, office=o) for o in others.values()]
    )
    language = data.interpreter_language.strip()
    if language:
        booking = InterpreterBooking.objects.create(appointment=appointment, language=language)
        if data.interpreter is not None:
            _book(actor, booking, data.interpreter)
    return appointment


def _audit(actor: User, event: EventType, appointment: Appointment, **details: object) -> None:
    audit_record(
        event_type=event,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=appointment,
        person_id=appointment.person_id,
        purpose=Purpose.CASE_WORK,
        details={
            "kind": appointment.kind,
            "starts_at": appointment.starts_at.isoformat(),
            "status": appointment.status,
            **details,
        },
    )


@atomic_service
def appointment_schedule(*, actor: User, person: Person, data: AppointmentInput) -> Appointment:
    """Make an appointment for the person, organised by the actor's office; with other
    offices at the table (a joint appointment) and the interpreter needed."""
    authorize(actor, Action.EDIT_PERSON, person, purpose=Purpose.CASE_WORK)
    errors = _errors(actor, person, data)
    if errors:
        raise ValidationError(errors)
    appointment = _create(actor, person, data)
    _audit(
        actor,
        EventType.APPOINTMENT_RECORDED,
        appointment,
        offices=sorted(o.code for o in data.offices if o.pk != actor.office_id),
        interpreter_language=data.interpreter_language.strip(),
    )
    return appointment


def _locked_planned(actor: User, appointment: Appointment) -> Appointment:
    authorize(actor, Action.EDIT_PERSON, appointment.person, purpose=Purpose.CASE_WORK)
    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    authorize(actor, Action.EDIT_PERSON, locked, purpose=Purpose.CASE_WORK, hide_existence=False)
    if locked.status != AppointmentStatus.PLANNED:
        raise ValidationError(_("This appointment is no longer planned."))
    return locked


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _length_error(reason, REASON_LENGTH)})
    return reason


def _close(actor: User, appointment: Appointment, status: str, reason: str) -> None:
    appointment.status = status
    appointment.status_reason = reason
    appointment.status_at = timezone.now()
    appointment.status_by = actor
    appointment.save(
        update_fields=["status", "status_reason", "status_at", "status_by", "updated_at"]
    )


@atomic_service
def appointment_cancel(*, actor: User, appointment: Appointment, reason: str) -> Appointment:
    """Cancel a planned appointment, with the reason; its interpreter booking is released."""
    locked = _locked_planned(actor, appointment)
    _close(actor, locked, AppointmentStatus.CANCELLED, _reason(reason))
    locked.interpreter_bookings.exclude(status=BookingStatus.CANCELLED).update(
        status=BookingStatus.CANCELLED, updated_at=timezone.now()
    )
    _audit(actor, EventType.APPOINTMENT_CHANGED, locked, change="cancelled")
    return locked


@atomic_service
def appointment_reschedule(
    *,
    actor: User,
    appointment: Appointment,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
) -> Appointment:
    """Move a planned appointment to a new time: a new appointment that replaces the old one
    (cancelled with the reason), with the same offices and interpreter, checked again."""
    locked = _locked_planned(actor, appointment)
    reason = _reason(reason)
    errors = _time_errors(starts_at, ends_at)
    if errors:
        raise ValidationError(errors)
    booking = locked.interpreter_bookings.exclude(status=BookingStatus.CANCELLED).first()
    data = AppointmentInput(
        kind=locked.kind,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=locked.mode,
        video_url=locked.video_url,
        place=locked.place,
        gemeinde=locked.gemeinde,
        title=locked.title,
        offices=[row.office for row in locked.other_offices.select_related("office")],
        interpreter_language=booking.language if booking else "",
    )
    _close(actor, locked, AppointmentStatus.CANCELLED, reason)
    if booking is not None:
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status", "updated_at"])
    new = _create(actor, locked.person, data, replaces=locked, event_key=locked.event_key)
    if booking is not None and booking.interpreter is not None:
        _book(actor, new.interpreter_bookings.get(), booking.interpreter)
    _audit(actor, EventType.APPOINTMENT_CHANGED, new, change="rescheduled", replaces=locked.pk)
    return new


@atomic_service
def appointment_record_attendance(
    *, actor: User, appointment: Appointment, attended: bool, reason: str = ""
) -> Appointment:
    """Record whether the person came. A missed appointment sets the follow-up it triggers on
    the organising office's case: offer a new appointment."""
    locked = _locked_planned(actor, appointment)
    if locked.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the appointment has begun."))
    reason = reason.strip()
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _length_error(reason, REASON_LENGTH)})
    status = AppointmentStatus.ATTENDED if attended else AppointmentStatus.MISSED
    _close(actor, locked, status, reason)
    follow_up = None
    if not attended:
        case = Case.objects.filter(
            person_id=locked.person_id, office_id=locked.office_id, status=CaseStatus.OPEN
        ).first()
        if case is not None:
            follow_up = follow_up_add(
                actor=actor,
                case=case,
                due_on=timezone.localdate() + timedelta(days=MISSED_FOLLOW_UP_DAYS),
                title=MISSED_FOLLOW_UP_TITLE,
            )
    _audit(
        actor,
        EventType.APPOINTMENT_CHANGED,
        locked,
        change=status,
        follow_up=follow_up.pk if follow_up else None,
    )
    return locked


@atomic_service
def interpreter_book(
    *, actor: User, appointment: Appointment, interpreter: Interpreter
) -> InterpreterBooking:
    """Book an interpreter of the pool for the language an appointment needs, or another one
    in place of the one booked (the audit event names the previous one)."""
    authorize(actor, Action.EDIT_PERSON, appointment.person, purpose=Purpose.CASE_WORK)
    authorize(
        actor, Action.EDIT_PERSON, appointment, purpose=Purpose.CASE_WORK, hide_existence=False
    )
    if appointment.status != AppointmentStatus.PLANNED:
        raise ValidationError(_("This appointment is no longer planned."))
    booking = (
        InterpreterBooking.objects.select_for_update()
        .filter(appointment=appointment)
        .exclude(status=BookingStatus.CANCELLED)
        .first()
    )
    if booking is None:
        raise ValidationError({"interpreter": _("This appointment needs no interpreter.")})
    _book(actor, booking, interpreter)
    return booking


@dataclass
class InterpreterInput:
    kreis: Kreis | None = None
    name: str = ""
    languages: list[str] = field(default_factory=list)
    contact: str = ""
    active: bool = True


@atomic_service
def interpreter_record(
    *, actor: User, data: InterpreterInput, interpreter: Interpreter | None = None
) -> Interpreter:
    """Add an interpreter to the pool of a Kreis, or change one (team leads)."""
    authorize(actor, Action.MANAGE_INTERPRETERS, data.kreis or interpreter)
    errors = _interpreter_errors(actor, data)
    if errors:
        raise ValidationError(errors)
    assert data.kreis is not None
    values = {
        "kreis": data.kreis,
        "name": data.name.strip(),
        "languages": sorted(set(data.languages)),
        "contact": data.contact.strip(),
        "active": data.active,
    }
    if interpreter is None:
        row = Interpreter.objects.create(**values)
    else:
        authorize(actor, Action.MANAGE_INTERPRETERS, interpreter)
        row = Interpreter.objects.select_for_update().get(pk=interpreter.pk)
        for key, value in values.items():
            setattr(row, key, value)
        row.save()
    audit_record(
        event_type=EventType.REFERENCE_DATA_CHANGED,
        actor=actor,
        action=Action.MANAGE_INTERPRETERS,
        obj=row,
        details={"interpreter": row.pk, "languages": row.languages, "active": row.active},
    )
    return row


def _interpreter_errors(actor: User, data: InterpreterInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = data.name.strip()
    if not name:
        errors["name"] = _("Give the interpreter's name.")
    elif len(name) > 200:
        errors["name"] = _length_error(name, 200)
    if not data.languages:
        errors["languages"] = _("Choose at least one language.")
    elif any(code not in LANGUAGE_NAMES for code in data.languages):
        errors["languages"] = _("Choose the languages from the list.")
    if len(data.contact.strip()) > 200:
        errors["contact"] = _length_error(data.contact.strip(), 200)
    if data.kreis is None:
        errors["kreis"] = _("Choose the Kreis of the pool.")
    elif not decide(actor, Action.MANAGE_INTERPRETERS, data.kreis):
        errors["kreis"] = _("Choose a Kreis your office serves.")
    return errors


def too_many_invited(count: int) -> str:
    """The refusal of an information event for more than INFORMATION_EVENT_MAX persons."""
    return _(
        "Not stored: at most %(max)s persons at once (%(count)s chosen). Enter the information "
        "event in parts."
    ) % {"max": INFORMATION_EVENT_MAX, "count": count}


@atomic_service
def appointments_bulk_create(
    *, actor: User, persons: list[Person], data: AppointmentInput
) -> list[Appointment]:
    """An information event for many persons at once: one appointment each, in one
    transaction. Every person is checked by the policy; if one is refused, none is stored and
    the refusal names each of them. A person chosen twice is invited once; at most
    INFORMATION_EVENT_MAX persons in one go."""
    persons = list({person.pk: person for person in persons}.values())
    if not persons:
        raise ValidationError({"persons": _("Choose the persons invited.")})
    if len(persons) > INFORMATION_EVENT_MAX:
        raise ValidationError({"persons": too_many_invited(len(persons))})
    refused = [
        person
        for person in persons
        if not decide(actor, Action.EDIT_PERSON, person, purpose=Purpose.CASE_WORK)
    ]
    if refused:
        raise ValidationError(
            {
                "persons": [
                    _("Not stored: your office may not make appointments for %(names)s.")
                    % {"names": str(person)}
                    for person in refused
                ]
            }
        )
    if data.interpreter is not None:
        raise ValidationError(
            {"interpreter": _("Book interpreters for an information event one by one.")}
        )
    key = uuid.uuid4()
    created = []
    for person in persons:
        created.append(appointment_schedule(actor=actor, person=person, data=data))
    Appointment.objects.filter(pk__in=[a.pk for a in created]).update(event_key=key)
    for appointment in created:
        appointment.event_key = key
    return created
