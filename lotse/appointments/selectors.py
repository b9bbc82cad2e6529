"""Reading appointments: always for the acting user, the persons scoped by the policy
(VIEW_PERSON), the appointments of the offices at the table. `reminders_due` is the contract
with the outbox (lotse/comms, docs/appointments.md): it reads for the system, not for a user."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.access.policy import Action, authorize, scope
from lotse.appointments.models import (
    Appointment,
    AppointmentMode,
    AppointmentStatus,
    BookingStatus,
    Interpreter,
    InterpreterBooking,
)
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.organisations.models import Office, User
from lotse.people.models import Person

REMINDER_LEADS: tuple[timedelta, ...] = (timedelta(days=2), timedelta(hours=2))


def _with_details(queryset: QuerySet[Appointment]) -> QuerySet[Appointment]:
    return queryset.select_related("person", "office", "organiser", "gemeinde").prefetch_related(
        "other_offices__office",
        Prefetch(
            "interpreter_bookings",
            queryset=InterpreterBooking.objects.exclude(
                status=BookingStatus.CANCELLED
            ).select_related("interpreter"),
            to_attr="current_bookings",
        ),
    )


def _visible(actor: User) -> QuerySet[Appointment]:
    """The appointments the policy lets the actor see (those of the offices at the table,
    lotse/appointments/access.py) of persons the actor may see."""
    persons = scope(actor, Action.VIEW_PERSON, Person.objects.all(), purpose=Purpose.CASE_WORK)
    appointments = Appointment.objects.filter(person__in=persons.values("pk"))
    return scope(actor, Action.VIEW_PERSON, appointments, purpose=Purpose.CASE_WORK).distinct()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class Day:
    day: date
    appointments: list[Appointment] = field(default_factory=list)
    holiday: str = ""


@dataclass
class Week:
    start: date
    days: list[Day]
    count: int

    @property
    def previous(self) -> date:
        return self.start - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.start + timedelta(days=7)


def _week(queryset: QuerySet[Appointment], start: date, mode: str) -> Week:
    from lotse.appointments.holidays_bw import holiday_name

    start = week_start(start)
    tz = timezone.get_current_timezone()
    begin = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    rows = queryset.filter(starts_at__gte=begin, starts_at__lt=begin + timedelta(days=7))
    if mode in AppointmentMode.values:
        rows = rows.filter(mode=mode)
    days = [Day(start + timedelta(days=i)) for i in range(7)]
    for day in days:
        day.holiday = holiday_name(day.day)
    listed = list(_with_details(rows).order_by("starts_at", "pk"))
    for row in listed:
        days[(timezone.localtime(row.starts_at).date() - start).days].appointments.append(row)
    return Week(start=start, days=days, count=len(listed))


def my_calendar(*, actor: User, start: date, mode: str = "", office: Office | None = None) -> Week:
    """The actor's week: the appointments they organise (with `office`: only those with that
    office at the table). The other offices see them in their office's week."""
    authorize(actor, Action.WORK_ON_CASE)
    rows = _visible(actor).filter(organiser=actor)
    if office is not None:
        rows = rows.filter(Q(office=office) | Q(other_offices__office=office))
    return _week(rows, start, mode)


def office_calendar(*, actor: User, start: date, mode: str = "") -> Week:
    """The week of the actor's office: every appointment it organises or takes part in."""
    authorize(actor, Action.WORK_ON_CASE)
    return _week(_visible(actor), start, mode)


def person_appointments(*, actor: User, person: Person) -> list[Appointment]:
    """The person's appointments at the actor's office's table, newest first (logged as a
    read of the person's data)."""
    decision = authorize(actor, Action.VIEW_PERSON, person, purpose=Purpose.CASE_WORK)
    rows = list(_with_details(_visible(actor).filter(person=person)).order_by("-starts_at", "-pk"))
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        obj=person,
        person_id=person.pk,
        purpose=Purpose.CASE_WORK,
        basis=decision.basis,
    )
    return rows


def appointments_with_details(*, actor: User, appointments: list[Appointment]) -> list[Appointment]:
    """`appointments` read again with their offices and interpreter bookings, in their order —
    for answering with what a service has just stored (scoped by the policy like every list)."""
    found = {
        row.pk: row
        for row in _with_details(_visible(actor).filter(pk__in=[a.pk for a in appointments]))
    }
    return [found[row.pk] for row in appointments if row.pk in found]


def appointment_get(*, actor: User, appointment_id: int | str | UUID) -> Appointment:
    """One appointment of a person the actor may see, organised or joined by the actor's
    office; 404 otherwise (the refusal recorded). Logged as a read of the person's data."""

    try:
        pk = int(str(appointment_id))
    except ValueError as exc:
        raise Http404 from exc
    row = _with_details(Appointment.objects.filter(pk=pk)).first()
    if row is None:
        raise Http404
    decision = authorize(actor, Action.VIEW_PERSON, row.person, purpose=Purpose.CASE_WORK)
    authorize(actor, Action.VIEW_PERSON, row, purpose=Purpose.CASE_WORK)
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        obj=row,
        person_id=row.person_id,
        purpose=Purpose.CASE_WORK,
        basis=decision.basis,
    )
    return row


def interpreter_pool(*, actor: User) -> QuerySet[Interpreter]:
    """The interpreters of the pools of the Kreise the actor's office serves."""
    return scope(actor, Action.VIEW_INTERPRETERS, Interpreter.objects.all()).select_related("kreis")


@dataclass(frozen=True)
class Availability:
    interpreter: Interpreter
    free: bool
    taken_by: int | None = None  # the appointment it is booked for at that time


def interpreter_availability(
    *, actor: User, language: str, starts_at: datetime, ends_at: datetime
) -> list[Availability]:
    """The active interpreters of the actor's pools for `language`, each with whether they are
    free from `starts_at` to `ends_at`."""
    pool = [i for i in interpreter_pool(actor=actor).filter(active=True) if language in i.languages]
    busy = dict(
        InterpreterBooking.objects.filter(
            interpreter__in=pool,
            status=BookingStatus.BOOKED,
            appointment__status=AppointmentStatus.PLANNED,
            appointment__starts_at__lt=ends_at,
            appointment__ends_at__gt=starts_at,
        ).values_list("interpreter_id", "appointment_id")
    )
    return [Availability(i, i.pk not in busy, busy.get(i.pk)) for i in pool]


@dataclass(frozen=True)
class Reminder:
    """What the outbox needs to remind the person of an appointment."""

    appointment_id: int
    person_id: UUID
    person_name: str
    language: str  # ISO 639; "de" when the person named none
    email: str
    phone: str
    starts_at: datetime
    ends_at: datetime
    mode: str
    place: str
    video_url: str
    office: str
    lead: timedelta  # which reminder: 2 days or 2 hours before


def reminders_due(
    *, now: datetime, leads: tuple[timedelta, ...] = REMINDER_LEADS
) -> list[Reminder]:
    """The reminders due at `now`: for each lead (2 days, 2 hours), the planned appointments
    beginning within that lead. The outbox keeps which (appointment_id, lead) it has sent and
    checks the person's consent per channel; this selector neither sends nor records."""
    longest = max(leads)
    rows = (
        Appointment.objects.filter(
            status=AppointmentStatus.PLANNED,
            starts_at__gt=now,
            starts_at__lte=now + longest,
            person__merged_into__isnull=True,
        )
        .select_related("person", "office", "gemeinde")
        .order_by("starts_at", "pk")
    )
    due: list[Reminder] = []
    for row in rows:
        place = row.place
        if row.gemeinde is not None and row.gemeinde.name not in place:
            place = f"{place}, {row.gemeinde.name}" if place else row.gemeinde.name
        for lead in sorted(leads, reverse=True):
            if row.starts_at <= now + lead:
                due.append(
                    Reminder(
                        appointment_id=row.pk,
                        person_id=row.person_id,
                        person_name=str(row.person),
                        language=row.person.preferred_language or "de",
                        email=row.person.email,
                        phone=row.person.phone,
                        starts_at=row.starts_at,
                        ends_at=row.ends_at,
                        mode=row.mode,
                        place=place,
                        video_url=row.video_url,
                        office=row.office.name,
                        lead=lead,
                    )
                )
    return due


def interpreters_taken(
    *, actor: User, since: datetime, limit: int = 5
) -> dict[int, list[tuple[datetime, datetime]]]:
    """For the interpreters of the actor's pools, the times they are booked from `since` on
    (the next `limit` each): so that a form shows who is taken when."""
    taken: dict[int, list[tuple[datetime, datetime]]] = {}
    rows = (
        InterpreterBooking.objects.filter(
            interpreter__in=interpreter_pool(actor=actor),
            status=BookingStatus.BOOKED,
            appointment__status=AppointmentStatus.PLANNED,
            appointment__ends_at__gt=since,
        )
        .order_by("appointment__starts_at")
        .values_list("interpreter_id", "appointment__starts_at", "appointment__ends_at")
    )
    for pk, starts_at, ends_at in rows:
        if len(taken.setdefault(pk, [])) < limit:
            taken[pk].append((starts_at, ends_at))
    return taken
