"""What a letter takes from the appointment it is about (an invitation, a reminder): the
appointments a letter may be written for, their label, and the values of the letter's
placeholders — for the page and the API alike."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.appointments.models import (
    Appointment,
    AppointmentMode,
    AppointmentStatus,
    BookingStatus,
)
from lotse.appointments.selectors import person_appointments
from lotse.comms.models import TEXT_OF, LetterLanguage
from lotse.organisations.models import User
from lotse.people.countries import LANGUAGE_NAMES
from lotse.people.models import Person, Script

PLACEHOLDERS = ("date", "time", "place", "interpreter")


def record_language(person: Person) -> str:
    """The letter language of the person's record (German when there is no letter text in it)."""
    code = (person.preferred_language or "").lower()
    code = TEXT_OF.get(code, code)
    return code if code in LetterLanguage.values else LetterLanguage.GERMAN


def letter_name(person: Person) -> str:
    """The name the letter is addressed to: the Latin spelling of the record."""
    name = next((n for n in person.names.all() if n.script == Script.LATIN), None)
    return str(name or person)


def letter_appointments(*, actor: User, person: Person) -> list[Appointment]:
    """The person's planned appointments still to come at the actor's office's table, soonest
    first (read as the person's appointments are, logged)."""
    now = timezone.now()
    return [
        appointment
        for appointment in reversed(person_appointments(actor=actor, person=person))
        if appointment.status == AppointmentStatus.PLANNED and appointment.starts_at > now
    ]


def appointment_label(appointment: Appointment) -> str:
    starts_at = timezone.localtime(appointment.starts_at)
    ends_at = timezone.localtime(appointment.ends_at)
    where = appointment.place or appointment.get_mode_display()
    return (
        f"{starts_at:%d.%m.%Y} {starts_at:%H:%M}–{ends_at:%H:%M} "
        f"{appointment.get_kind_display()}, {where}"
    )


def _interpreting(appointment: Appointment) -> str:
    booking = next(iter(appointment.current_bookings), None)  # type: ignore[attr-defined]
    if booking is None:
        return _("not needed")
    language = LANGUAGE_NAMES.get(booking.language, booking.language)
    if booking.status == BookingStatus.BOOKED:
        return _("%(language)s – an interpreter is booked") % {"language": language}
    return _("%(language)s – we book an interpreter") % {"language": language}


def appointment_values(appointment: Appointment) -> dict:
    """The placeholders' values the appointment gives: its day and time, where (the video link
    for a video appointment), and the interpreting."""
    starts_at = timezone.localtime(appointment.starts_at)
    if appointment.mode == AppointmentMode.VIDEO and appointment.video_url:
        place = appointment.video_url
    else:
        place = appointment.place
        if appointment.gemeinde is not None and appointment.gemeinde.name not in place:
            place = f"{place}, {appointment.gemeinde.name}" if place else appointment.gemeinde.name
    return {
        "date": starts_at.date(),
        "time": starts_at.time(),
        "place": place,
        "interpreter": _interpreting(appointment),
    }


def letter_context(*, person: Person, typed: dict, appointment: Appointment | None = None) -> dict:
    """The placeholders' values: the ones typed, else the appointment's, and the name."""
    given = appointment_values(appointment) if appointment is not None else {}
    values = {key: typed.get(key) or given.get(key) or "" for key in PLACEHOLDERS}
    return {"name": letter_name(person), **values}
