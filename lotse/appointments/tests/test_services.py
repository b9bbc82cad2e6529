"""Appointments: holidays and Sundays refused, joint offices by the policy's open-case rule, an
interpreter never double-booked, a missed appointment sets the follow-up, an information event
for many persons stored all or none, reminders due."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from lotse.appointments.models import (
    AppointmentKind,
    AppointmentMode,
    AppointmentStatus,
    BookingStatus,
)
from lotse.appointments.selectors import (
    interpreter_availability,
    my_calendar,
    office_calendar,
    person_appointments,
    reminders_due,
)
from lotse.appointments.services import (
    MISSED_FOLLOW_UP_TITLE,
    AppointmentInput,
    InterpreterInput,
    appointment_cancel,
    appointment_record_attendance,
    appointment_reschedule,
    appointment_schedule,
    appointments_bulk_create,
    interpreter_book,
    interpreter_record,
)
from lotse.appointments.tests.conftest import working_day
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import FollowUp

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def data(starts_at: datetime | None = None, **overrides) -> AppointmentInput:
    starts_at = starts_at or working_day()
    values: dict[str, Any] = {
        "kind": AppointmentKind.COUNSELLING,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=1),
        "place": "Jobcenter Tübingen, Raum 2.14",
    }
    values.update(overrides)
    return AppointmentInput(**values)


def messages(exc: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_a_joint_appointment_with_an_arabic_interpreter(jobcenter, im, amal, arabic):
    appointment = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=data(offices=[im.office], interpreter_language="ar", interpreter=arabic),
    )
    assert appointment.office == jobcenter.office
    assert [row.office for row in appointment.other_offices.all()] == [im.office]
    booking = appointment.interpreter_bookings.get()
    assert (booking.interpreter, booking.status) == (arabic, BookingStatus.BOOKED)
    assert AuditEvent.objects.filter(event_type=EventType.APPOINTMENT_RECORDED).count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.INTERPRETER_BOOKED).count() == 1
    # both offices see it: the organiser's calendar and the office calendar of the other
    assert my_calendar(actor=jobcenter, start=appointment.starts_at.date()).count == 1
    assert office_calendar(actor=im, start=appointment.starts_at.date()).count == 1
    assert person_appointments(actor=im, person=amal) == [appointment]


def test_christmas_and_sundays_are_refused(jobcenter, amal):
    christmas = datetime(timezone.localdate().year + 1, 12, 25, 10, tzinfo=BERLIN)
    with pytest.raises(ValidationError) as exc:
        appointment_schedule(actor=jobcenter, person=amal, data=data(christmas))
    year = christmas.year
    assert messages(exc)["starts_at"] == [
        f"Am 25.12.{year} ist Erster Weihnachtstag – ein Feiertag in Baden-Württemberg."
    ]
    sunday = working_day()
    while sunday.weekday() != 6:
        sunday += timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        appointment_schedule(actor=jobcenter, person=amal, data=data(sunday))
    assert "Sonntag" in messages(exc)["starts_at"][0]


def test_epiphany_is_a_holiday_in_baden_wuerttemberg(jobcenter, amal):
    epiphany = datetime(timezone.localdate().year + 1, 1, 6, 10, tzinfo=BERLIN)
    if epiphany.weekday() == 6:
        pytest.skip("a Sunday anyway")
    with pytest.raises(ValidationError) as exc:
        appointment_schedule(actor=jobcenter, person=amal, data=data(epiphany))
    assert "Heilige Drei Könige" in messages(exc)["starts_at"][0]


def test_a_joint_office_without_a_case_for_the_person_is_refused(jobcenter, im, only_jobcenter):
    with pytest.raises(ValidationError) as exc:
        appointment_schedule(actor=jobcenter, person=only_jobcenter, data=data(offices=[im.office]))
    assert "has no open case for this person" in messages(exc)["offices"][0]


def test_an_office_of_another_kreis_is_refused_at_the_table(jobcenter, amal):
    from lotse.organisations.tests.factories import reference_office

    ludwigsburg = reference_office("jc-ludwigsburg-08118")
    with pytest.raises(ValidationError) as exc:
        appointment_schedule(actor=jobcenter, person=amal, data=data(offices=[ludwigsburg]))
    assert messages(exc)["offices"] == ["Choose offices that serve the Kreis of your office."]


def test_an_interpreter_is_never_double_booked(jobcenter, amal, only_jobcenter, arabic, arabic_too):
    start = working_day()
    appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=data(start, interpreter_language="ar", interpreter=arabic),
    )
    overlapping = data(start + timedelta(minutes=30), interpreter_language="ar", interpreter=arabic)
    with pytest.raises(ValidationError) as exc:
        appointment_schedule(actor=jobcenter, person=only_jobcenter, data=overlapping)
    assert "Nour Khalil is booked for another appointment" in messages(exc)["interpreter"][0]
    # needed, not booked: then the other interpreter of the pool, shown as free
    second = appointment_schedule(
        actor=jobcenter,
        person=only_jobcenter,
        data=data(start + timedelta(minutes=30), interpreter_language="ar"),
    )
    free = {
        a.interpreter.name: a.free
        for a in interpreter_availability(
            actor=jobcenter, language="ar", starts_at=second.starts_at, ends_at=second.ends_at
        )
    }
    assert free == {"Nour Khalil": False, "Hassan Omar": True}
    with pytest.raises(ValidationError):
        interpreter_book(actor=jobcenter, appointment=second, interpreter=arabic)
    booking = interpreter_book(actor=jobcenter, appointment=second, interpreter=arabic_too)
    assert booking.status == BookingStatus.BOOKED
    # back to back is not an overlap
    later = data(start + timedelta(hours=1), interpreter_language="ar", interpreter=arabic)
    assert appointment_schedule(actor=jobcenter, person=only_jobcenter, data=later)


def test_a_cancelled_appointment_frees_the_interpreter(jobcenter, amal, only_jobcenter, arabic):
    start = working_day()
    first = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=data(start, interpreter_language="ar", interpreter=arabic),
    )
    appointment_cancel(actor=jobcenter, appointment=first, reason="Person ist erkrankt")
    again = data(start, interpreter_language="ar", interpreter=arabic)
    assert appointment_schedule(actor=jobcenter, person=only_jobcenter, data=again)


def test_a_video_appointment_needs_an_https_link(jobcenter, amal):
    with pytest.raises(ValidationError) as exc:
        appointment_schedule(
            actor=jobcenter,
            person=amal,
            data=data(mode=AppointmentMode.VIDEO, place="", video_url="javascript:alert(1)"),
        )
    assert "video_url" in messages(exc)
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=data(mode=AppointmentMode.VIDEO, place="", video_url="https://video.example/abc"),
    )
    assert row.video_url == "https://video.example/abc"


def test_a_missed_appointment_sets_the_follow_up(jobcenter, amal):
    row = appointment_schedule(actor=jobcenter, person=amal, data=data())
    with pytest.raises(ValidationError):  # not begun yet
        appointment_record_attendance(actor=jobcenter, appointment=row, attended=False)
    past = timezone.now() - timedelta(hours=2)
    type(row).objects.filter(pk=row.pk).update(starts_at=past, ends_at=past + timedelta(hours=1))
    row.refresh_from_db()
    appointment_record_attendance(actor=jobcenter, appointment=row, attended=False)
    row.refresh_from_db()
    assert row.status == AppointmentStatus.MISSED
    follow_up = FollowUp.objects.get(case__person=amal, case__office=jobcenter.office)
    assert follow_up.title == MISSED_FOLLOW_UP_TITLE
    assert follow_up.due_on > timezone.localdate()
    with pytest.raises(ValidationError):  # recorded once
        appointment_record_attendance(actor=jobcenter, appointment=row, attended=True)


def test_only_the_organising_office_changes_an_appointment(jobcenter, im, amal):
    from django.core.exceptions import PermissionDenied

    row = appointment_schedule(actor=jobcenter, person=amal, data=data(offices=[im.office]))
    with pytest.raises(PermissionDenied):
        appointment_cancel(actor=im, appointment=row, reason="falsch")


def test_rescheduling_keeps_the_old_appointment(jobcenter, amal, arabic):
    row = appointment_schedule(
        actor=jobcenter, person=amal, data=data(interpreter_language="ar", interpreter=arabic)
    )
    later = working_day(14)
    new = appointment_reschedule(
        actor=jobcenter,
        appointment=row,
        starts_at=later,
        ends_at=later + timedelta(hours=1),
        reason="Wunsch der Person",
    )
    row.refresh_from_db()
    assert row.status == AppointmentStatus.CANCELLED
    assert new.replaces == row
    assert new.interpreter_bookings.get().interpreter == arabic


def test_an_information_event_for_many_persons_stores_all_or_none(
    jobcenter, amal, only_jobcenter, caseworker
):
    from lotse.people.tests.factories import register

    stranger = register(caseworker, given_names="Lina", family_name="Fremd", original=None)
    event = data(kind=AppointmentKind.INFORMATION_EVENT, title="Infoveranstaltung Ausbildung")
    with pytest.raises(ValidationError) as exc:
        appointments_bulk_create(
            actor=jobcenter, persons=[amal, stranger, only_jobcenter], data=event
        )
    assert "Fremd, Lina" in messages(exc)["persons"][0]
    assert not amal.appointments.exists()
    rows = appointments_bulk_create(actor=jobcenter, persons=[amal, only_jobcenter], data=event)
    assert len({row.event_key for row in rows}) == 1
    assert amal.appointments.count() == 1


def test_reminders_two_days_and_two_hours_before(jobcenter, amal):
    row = appointment_schedule(actor=jobcenter, person=amal, data=data())
    assert reminders_due(now=row.starts_at - timedelta(days=3)) == []
    (reminder,) = reminders_due(now=row.starts_at - timedelta(days=1))
    assert (reminder.language, reminder.email, reminder.lead) == (
        "ar",
        "amal@example.org",
        timedelta(days=2),
    )
    leads = [r.lead for r in reminders_due(now=row.starts_at - timedelta(hours=1))]
    assert leads == [timedelta(days=2), timedelta(hours=2)]


def test_team_leads_keep_the_pool(jc_lead, jobcenter, tuebingen):
    from django.http import Http404

    pool = InterpreterInput(kreis=tuebingen, name="Aziz Rahimi", languages=["fa", "prs"])
    row = interpreter_record(actor=jc_lead, data=pool)
    assert row.languages == ["fa", "prs"]
    with pytest.raises(Http404):
        interpreter_record(actor=jobcenter, data=pool)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises all writes")
@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_of_one_interpreter_give_one_booking(jobcenter, arabic):
    from lotse.people.tests.factories import register

    persons = [
        register(jobcenter, given_names=f"Person{i}", family_name="Parallel", original=None)
        for i in range(4)
    ]
    start = working_day()
    barrier = threading.Barrier(len(persons))

    def book(person) -> str:
        barrier.wait()
        try:
            appointment_schedule(
                actor=jobcenter,
                person=person,
                data=data(start, interpreter_language="ar", interpreter=arabic),
            )
            return "booked"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(persons)) as pool:
        outcomes = sorted(pool.map(book, persons))
    assert outcomes == ["booked"] + ["refused"] * 3
    assert arabic.bookings.filter(status=BookingStatus.BOOKED).count() == 1
