"""Information events and interpreter bookings through the JSON API: all persons stored or
none with the refusal at its place, booking and changing the interpreter of an appointment, a
taken interpreter answered 409, and the paths of personas that may not."""

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.appointments.models import Appointment, Interpreter
from lotse.appointments.services import AppointmentInput, appointment_schedule
from lotse.appointments.tests.conftest import (  # noqa: F401 - the fixtures of the app's tests
    amal,
    arabic,
    client_for,
    im,
    jobcenter,
    only_jobcenter,
    tuebingen,
    working_day,
)
from lotse.audit.models import AuditEvent, EventType
from lotse.organisations.models import Kreis
from lotse.people.tests.factories import register

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post(client, path, body, method="post"):
    send = getattr(client, method)
    return send(f"{API}{path}", json.dumps(body), content_type="application/json")


def event_body(persons, start=None, **extra):
    start = start or working_day()
    return {
        "persons": [str(p) for p in persons],
        "title": "Infoveranstaltung Ausbildung",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "place": "Landratsamt Tübingen, Saal 1",
        **extra,
    }


# --- information events ------------------------------------------------------------------
def test_an_information_event_for_many_persons(client_for, jobcenter, amal, only_jobcenter):  # noqa: F811
    response = post(
        client_for(jobcenter),
        "/information-events",
        event_body([amal.pk, only_jobcenter.pk, amal.pk], interpreter_language="ar"),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["count"] == 2  # Amal chosen twice is invited once
    assert [row["person"] for row in body["appointments"]] == [str(amal.pk), str(only_jobcenter.pk)]
    assert {row["kind"] for row in body["appointments"]} == {"information_event"}
    assert body["appointments"][0]["interpreter"] == {
        "language": "ar",
        "interpreter": None,
        "status": "needed",
    }
    keys = set(Appointment.objects.values_list("event_key", flat=True))
    assert keys == {uuid.UUID(body["event"])}


def test_a_person_the_office_may_not_see_refuses_all_without_the_name(
    client_for,  # noqa: F811
    jobcenter,  # noqa: F811
    amal,  # noqa: F811
    caseworker,
):
    stranger = register(caseworker, given_names="Lina", family_name="Fremd", original=None)
    response = post(
        client_for(jobcenter),
        "/information-events",
        event_body([amal.pk, stranger.pk, uuid.uuid4()]),
    )
    assert response.status_code == 422
    items = response.json()["detail"]
    assert [item["loc"] for item in items] == [["body", "persons", 1], ["body", "persons", 2]]
    assert "may make appointments for" in items[0]["msg"]
    assert "Fremd" not in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_holiday_refuses_the_event_at_the_field(client_for, jobcenter, amal, only_jobcenter):  # noqa: F811
    year = timezone.localdate().year + 1
    body = event_body([amal.pk, only_jobcenter.pk])
    body["starts_at"], body["ends_at"] = (
        f"{year}-12-25T10:00:00+01:00",
        f"{year}-12-25T12:00:00+01:00",
    )
    response = post(client_for(jobcenter), "/information-events", body)
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", "starts_at"]
    assert "Feiertag in Baden-Württemberg" in item["msg"]
    assert not Appointment.objects.exists()


def test_too_many_persons_are_refused_with_the_number(client_for, jobcenter):  # noqa: F811
    response = post(
        client_for(jobcenter), "/information-events", event_body([uuid.uuid4() for _ in range(101)])
    )
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", "persons"]
    assert "at most 100 persons at once (101 chosen)" in item["msg"]


def test_an_event_needs_persons(client_for, jobcenter):  # noqa: F811
    response = post(client_for(jobcenter), "/information-events", event_body([]))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "persons"]


@pytest.mark.parametrize("persona", ["planner", "dpo"])
def test_personas_without_the_registry_may_not(client_for, make_persona, amal, persona):  # noqa: F811
    response = post(client_for(make_persona(persona)), "/information-events", event_body([amal.pk]))
    assert response.status_code == 403
    assert not Appointment.objects.exists()


def test_visitors_are_not_signed_in(client_for, amal):  # noqa: F811
    assert post(client_for(None), "/information-events", event_body([amal.pk])).status_code == 401
    assert (
        post(client_for(None), "/appointments/1/interpreter", {"interpreter": 1}, "put").status_code
        == 401
    )


# --- the interpreter of an appointment ---------------------------------------------------
def needing_arabic(actor, person, start):
    return appointment_schedule(
        actor=actor,
        person=person,
        data=AppointmentInput(
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Jobcenter Tübingen",
            interpreter_language="ar",
        ),
    )


def test_book_and_change_the_interpreter(client_for, jobcenter, amal, arabic, tuebingen):  # noqa: F811
    client = client_for(jobcenter)
    row = needing_arabic(jobcenter, amal, working_day())
    second = Interpreter.objects.create(kreis=tuebingen, name="Yara Saleh", languages=["ar"])
    listed = client.get(f"{API}/appointments/{row.pk}/interpreters").json()
    assert listed["language"] == "ar"
    assert [(i["name"], i["free"]) for i in listed["interpreters"]] == [
        ("Nour Khalil", True),
        ("Yara Saleh", True),
    ]
    booked = post(client, f"/appointments/{row.pk}/interpreter", {"interpreter": arabic.pk}, "put")
    assert booked.status_code == 200, booked.content
    assert booked.json()["interpreter"] == {
        "language": "ar",
        "interpreter": arabic.pk,
        "status": "booked",
    }
    changed = post(client, f"/appointments/{row.pk}/interpreter", {"interpreter": second.pk}, "put")
    assert changed.json()["interpreter"]["interpreter"] == second.pk
    event = AuditEvent.objects.filter(event_type=EventType.INTERPRETER_BOOKED).latest("pk")
    assert (event.details["interpreter"], event.details["previous"]) == (second.pk, arabic.pk)


def test_a_taken_interpreter_answers_409_with_the_reason(
    client_for,  # noqa: F811
    jobcenter,  # noqa: F811
    amal,  # noqa: F811
    only_jobcenter,  # noqa: F811
    arabic,  # noqa: F811
):
    start = working_day()
    first = needing_arabic(jobcenter, amal, start)
    other = needing_arabic(jobcenter, only_jobcenter, start + timedelta(minutes=30))
    client = client_for(jobcenter)
    assert (
        post(client, f"/appointments/{first.pk}/interpreter", {"interpreter": arabic.pk}, "put")
    ).status_code == 200
    listed = client.get(f"{API}/appointments/{other.pk}/interpreters").json()
    assert [i["free"] for i in listed["interpreters"]] == [False]
    response = post(
        client, f"/appointments/{other.pk}/interpreter", {"interpreter": arabic.pk}, "put"
    )
    assert response.status_code == 409
    assert "Nour Khalil is booked for another appointment at this time" in response.json()["detail"]
    assert other.interpreter_bookings.get().interpreter is None


def test_an_interpreter_of_another_pool_or_none_needed(client_for, jobcenter, amal):  # noqa: F811
    client = client_for(jobcenter)
    row = needing_arabic(jobcenter, amal, working_day())
    elsewhere = Interpreter.objects.create(
        kreis=Kreis.objects.get(code="08118"), name="Far Away", languages=["ar"]
    )
    response = post(
        client, f"/appointments/{row.pk}/interpreter", {"interpreter": elsewhere.pk}, "put"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "interpreter"]
    plain = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(
            starts_at=working_day(hour=14),
            ends_at=working_day(hour=15),
            place="Jobcenter Tübingen",
        ),
    )
    assert client.get(f"{API}/appointments/{plain.pk}/interpreters").json() == {
        "language": "",
        "interpreters": [],
    }


def test_offices_that_may_not_book(client_for, jobcenter, im, amal, arabic, caseworker):  # noqa: F811
    row = appointment_schedule(
        actor=jobcenter,
        person=amal,
        data=AppointmentInput(
            starts_at=working_day(),
            ends_at=working_day() + timedelta(hours=1),
            place="Jobcenter Tübingen",
            offices=[im.office],
            interpreter_language="ar",
        ),
    )
    path = f"/appointments/{row.pk}/interpreter"
    at_table = post(client_for(im), path, {"interpreter": arabic.pk}, "put")
    assert at_table.status_code == 403  # at the table, but the Jobcenter organises it
    outside = post(client_for(caseworker), path, {"interpreter": arabic.pk}, "put")
    assert outside.status_code == 404
    assert (
        client_for(caseworker).get(f"{API}/appointments/{row.pk}/interpreters").status_code == 404
    )
    assert row.interpreter_bookings.get().interpreter is None


def test_the_openapi_description_lists_the_new_endpoints(client_for, jobcenter):  # noqa: F811
    paths = client_for(jobcenter).get(f"{API}/openapi.json").json()["paths"]
    assert "post" in paths[f"{API}/information-events"]
    assert "get" in paths[f"{API}/appointments/{{appointment_id}}/interpreters"]
    operation = paths[f"{API}/appointments/{{appointment_id}}/interpreter"]["put"]
    assert {"200", "409", "422"} <= set(operation["responses"])
