"""Appointments and the interpreters' pools of the demo (docs/appointments.md):

- an interpreters' pool in each pilot Kreis (Arabic, Persian/Dari, Tigrinya, Ukrainian, …);
- Amal Al-Hassan: a joint appointment of the Jobcenter Tübingen and the Integrationsmanagement
  Tübingen (the Jobcenter invites, both at one table, as in a one-stop office), in person at the
  Jobcenter, with an Arabic interpreter of the Tübingen pool booked. The Jobcenter opens its
  case for her first (counselling on work once her recognition is under way).

Written through the services, as the offices would; running it again adds nothing.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from lotse.appointments.holidays_bw import holiday_name
from lotse.appointments.models import Appointment, AppointmentKind, Interpreter
from lotse.appointments.services import (
    AppointmentInput,
    InterpreterInput,
    appointment_schedule,
    interpreter_record,
)
from lotse.cases.models import Case, CaseStatus
from lotse.cases.services import case_open
from lotse.demo.region import PILOT_KREISE
from lotse.organisations.models import Kreis, User
from lotse.people.models import Person

# Kreis code → (name, languages, contact) of the demo interpreters (invented names).
POOLS: dict[str, list[tuple[str, list[str], str]]] = {
    "08416": [
        ("Nour Khalil (Demo)", ["ar", "fr"], "07071 000101"),
        ("Aziz Rahimi (Demo)", ["fa", "prs", "ps"], "07071 000102"),
        ("Selam Tesfaye (Demo)", ["ti"], "07071 000103"),
    ],
    "08415": [
        ("Hassan Omar (Demo)", ["ar", "ku"], "07121 000201"),
        ("Oksana Melnyk (Demo)", ["uk", "ru"], "07121 000202"),
    ],
    "08118": [
        ("Leyla Demir (Demo)", ["tr", "ku"], "07141 000301"),
        ("Mariam Haidari (Demo)", ["fa", "prs"], "07141 000302"),
    ],
    "08317": [
        ("Olha Bondarenko (Demo)", ["uk", "ru"], "0781 000401"),
        ("Samir Aziz (Demo)", ["ar"], "0781 000402"),
    ],
}


def _next_working_day(days_ahead: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days_ahead)
    while day.weekday() >= 5 or holiday_name(day):
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _pools() -> int:
    added = 0
    for code, short in PILOT_KREISE.items():
        kreis = Kreis.objects.get(code=code)
        lead = User.objects.get(username=f"{short}-jc-tl")
        for name, languages, contact in POOLS.get(code, []):
            if Interpreter.objects.filter(kreis=kreis, name=name).exists():
                continue
            interpreter_record(
                actor=lead,
                data=InterpreterInput(kreis=kreis, name=name, languages=languages, contact=contact),
            )
            added += 1
    return added


def _amal() -> int:
    amal = (
        Person.objects.filter(
            names__family_name="Al-Hassan", names__given_names="Amal", merged_into__isnull=True
        )
        .distinct()
        .first()
    )
    if amal is None or Appointment.objects.filter(person=amal).exists():
        return 0
    jc = User.objects.get(username="tue-jc-sb")
    im = User.objects.get(username="tue-im-sb")
    if not Case.objects.filter(person=amal, office=jc.office, status=CaseStatus.OPEN).exists():
        case_open(actor=jc, person=amal, reason="Beratung zur Arbeitsaufnahme")
    assert im.office is not None  # a member of staff
    start = _next_working_day(7, 10)
    interpreter = Interpreter.objects.get(kreis__code="08416", name="Nour Khalil (Demo)")
    appointment_schedule(
        actor=jc,
        person=amal,
        data=AppointmentInput(
            kind=AppointmentKind.COUNSELLING,
            title="Gemeinsame Beratung Arbeit und Integration",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Jobcenter Tübingen, Raum 2.14",
            offices=[im.office],
            interpreter_language="ar",
            interpreter=interpreter,
        ),
    )
    return 1


@transaction.atomic
def demo_appointments_seed() -> int:
    """The pools and Amal's joint appointment, once. Returns the rows added."""
    return _pools() + _amal()
