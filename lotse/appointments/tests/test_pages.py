"""The pages: make a joint appointment with an interpreter from the person's page, errors kept
on the form, the calendars, the detail with attendance, the iCalendar file, the pool."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.appointments.ics import appointment_ics, escape_text, fold
from lotse.appointments.models import Appointment, AppointmentStatus
from lotse.appointments.services import AppointmentInput, appointment_schedule
from lotse.appointments.tests.conftest import working_day

pytestmark = pytest.mark.django_db


def form_data(start, **overrides) -> dict:
    values = {
        "kind": "counselling",
        "day": start.date().isoformat(),
        "start": "10:00",
        "end": "11:00",
        "mode": "in_person",
        "place": "Jobcenter Tübingen, Raum 2.14",
    }
    values.update(overrides)
    return values


def test_the_jobcenter_makes_a_joint_appointment_with_an_interpreter(
    client_for, jobcenter, im, amal, arabic
):
    client = client_for(jobcenter)
    url = reverse("web:person_appointments", kwargs={"person_id": amal.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Nour Khalil" in unescape(page.content.decode())
    start = working_day()
    response = client.post(
        url,
        form_data(start, offices=[im.office.pk], interpreter_language="ar", interpreter=arabic.pk),
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    detail = unescape(client.get(response["Location"]).content.decode())
    assert im.office.name in detail
    assert "Nour Khalil (booked)" in detail
    # the office at the table sees it in its calendar
    week = client_for(im).get(
        reverse("web:appointment_office_calendar") + f"?week={start.date().isoformat()}"
    )
    assert "1 appointment" in unescape(week.content.decode())
    # the interpreter is shown as taken at that time
    pool = unescape(client.get(reverse("web:interpreter_list")).content.decode())
    assert "taken:" in pool
    assert "10:00–11:00" in pool
    assert appointment.interpreter_bookings.get().interpreter == arabic


def test_errors_are_summarised_and_the_input_kept(client_for, jobcenter, amal):
    client = client_for(jobcenter)
    url = reverse("web:person_appointments", kwargs={"person_id": amal.pk})
    start = working_day()
    while start.weekday() != 6:
        start += timedelta(days=1)
    response = client.post(url, form_data(start, place="Raum 7"))
    assert response.status_code == 422
    text = unescape(response.content.decode())
    assert "Sonntag" in text
    assert 'value="Raum 7"' in text
    assert "optional" in text


def test_attendance_missed_from_the_detail(client_for, jobcenter, amal):
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(starts_at=start, ends_at=start + timedelta(hours=1), place="Raum 1"),
    )
    past = timezone.now() - timedelta(hours=3)
    Appointment.objects.filter(pk=row.pk).update(starts_at=past, ends_at=past + timedelta(hours=1))
    client = client_for(jobcenter)
    url = reverse("web:appointment_attendance", kwargs={"appointment_id": row.pk})
    assert client.post(url, {"attended": "no"}).status_code == 302
    row.refresh_from_db()
    assert row.status == AppointmentStatus.MISSED


def test_another_office_sees_no_appointment(client_for, jobcenter, amal, caseworker):
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(starts_at=start, ends_at=start + timedelta(hours=1), place="Raum 1"),
    )
    client = client_for(caseworker)  # the Sozialamt: no case for Amal
    for name in ("web:appointment_detail", "web:appointment_ics"):
        assert client.get(reverse(name, kwargs={"appointment_id": row.pk})).status_code == 404


def test_the_icalendar_file(client_for, jobcenter, amal):
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(
            starts_at=start, ends_at=start + timedelta(hours=1), place="Raum 1, 2. Stock; Eingang B"
        ),
    )
    response = client_for(jobcenter).get(
        reverse("web:appointment_ics", kwargs={"appointment_id": row.pk})
    )
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "LOCATION:Raum 1\\, 2. Stock\\; Eingang B\r\n" in body
    assert "Al-Hassan" not in body  # no person named in a staff calendar
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_folding_and_escaping():
    line = "DESCRIPTION:" + "ä" * 80
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_ics_of_a_video_appointment(jobcenter, amal):
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            mode="video",
            video_url="https://video.example/room",
        ),
    )
    body = appointment_ics(row, url="https://lotse.example/a/1", host="lotse", now=timezone.now())
    assert "LOCATION:https://video.example/room" in body


def test_moving_an_appointment_keeps_the_old_one(client_for, jobcenter, amal):
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(starts_at=start, ends_at=start + timedelta(hours=1), place="Raum 1"),
    )
    later = working_day(14)
    response = client_for(jobcenter).post(
        reverse("web:appointment_reschedule", kwargs={"appointment_id": row.pk}),
        {"day": later.date().isoformat(), "start": "09:00", "end": "09:30", "reason": "Wunsch"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == AppointmentStatus.CANCELLED
    assert timezone.localtime(row.replaced_by.starts_at).hour == 9


def test_an_information_event_from_the_page(client_for, jobcenter, amal, only_jobcenter):
    client = client_for(jobcenter)
    url = reverse("web:information_event_new")
    page = unescape(client.get(url).content.decode())
    assert "Al-Hassan" in page
    assert "Haddad" in page
    start = working_day()
    response = client.post(
        url,
        form_data(
            start,
            kind="information_event",
            title="Infoveranstaltung Ausbildung",
            persons=[amal.pk, only_jobcenter.pk],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Appointment.objects.filter(kind="information_event").count() == 2


def test_the_information_event_search_says_what_it_leaves_out(
    client_for, jobcenter, amal, only_jobcenter, monkeypatch
):
    from lotse.web import appointment_views

    monkeypatch.setattr(appointment_views, "PERSONS_SHOWN", 1)
    client = client_for(jobcenter)
    url = reverse("web:information_event_new")
    page = unescape(client.get(url).content.decode())  # in the user's language
    assert "the first 1 are shown" in page or "die ersten 1 werden gezeigt" in page
    page = unescape(client.get(url, {"q": "x" * 101}).content.decode())
    assert (
        "The search is too long (at most 100 characters, now 101)." in page
        or "Die Suche ist zu lang (höchstens 100 Zeichen, jetzt 101)." in page
    )


def test_an_interpreter_booked_later_from_the_detail(client_for, jobcenter, amal, arabic):
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Raum 1",
            interpreter_language="ar",
        ),
    )
    client = client_for(jobcenter)
    detail = unescape(
        client.get(
            reverse("web:appointment_detail", kwargs={"appointment_id": row.pk})
        ).content.decode()
    )
    assert "Nour Khalil" in detail
    url = reverse("web:appointment_interpreter_book", kwargs={"appointment_id": row.pk})
    assert client.post(url, {"interpreter": arabic.pk}).status_code == 302
    assert row.interpreter_bookings.get().interpreter == arabic


def test_the_office_at_the_table_sees_but_does_not_change(client_for, jobcenter, im, amal):
    """The Integrationsmanagement joins the table: it sees the appointment without the forms
    that change it, and a cancel it posts anyway is refused with the reason on the page."""
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(
            starts_at=start, ends_at=start + timedelta(hours=1), place="Raum 1", offices=[im.office]
        ),
    )
    client = client_for(im)
    detail = unescape(
        client.get(
            reverse("web:appointment_detail", kwargs={"appointment_id": row.pk})
        ).content.decode()
    )
    assert "Raum 1" in detail
    assert "Cancel the appointment" not in detail
    url = reverse("web:appointment_cancel", kwargs={"appointment_id": row.pk})
    response = client.post(url, {"reason": "Terminkonflikt"})
    assert response.status_code == 422
    page = unescape(response.content.decode())
    assert "Only the organising office changes an appointment." in page
    row.refresh_from_db()
    assert row.status == AppointmentStatus.PLANNED


def test_a_cancel_without_a_reason_keeps_the_appointment(client_for, jobcenter, amal):
    start = working_day()
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(starts_at=start, ends_at=start + timedelta(hours=1), place="Raum 1"),
    )
    url = reverse("web:appointment_cancel", kwargs={"appointment_id": row.pk})
    response = client_for(jobcenter).post(url, {"reason": ""})
    assert response.status_code == 422
    page = unescape(response.content.decode())
    assert 'href="#id_reason"' in page  # the error summary links to the field
    row.refresh_from_db()
    assert row.status == AppointmentStatus.PLANNED
