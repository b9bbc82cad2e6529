"""Letters and the outbox through the JSON API."""

import json

from django.utils import timezone

from lotse.comms.models import Channel
from lotse.comms.services import contact_channel_record, message_queue
from lotse.comms.templates import letter_templates_load
from lotse.consent.models import GivenHow
from lotse.people.tests.factories import register


def _post(client, url: str, body: dict):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_create_and_list_letters_in_the_persons_language(caseworker, client_for):
    letter_templates_load()
    person = register(caseworker)
    person.preferred_language = "ti"
    person.save(update_fields=["preferred_language"])
    client = client_for(caseworker)
    created = _post(
        client,
        f"/api/v1/persons/{person.pk}/letters",
        {"template": "confirmation", "date": "2027-01-12", "time": "09:30", "place": "Zimmer 3"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["language"] == "ti"
    listed = client.get(f"/api/v1/persons/{person.pk}/letters").json()
    assert [letter["id"] for letter in listed["letters"]] == [created.json()["id"]]
    assert client.get(created.json()["pdf"])["Content-Type"] == "application/pdf"


def test_missing_values_answer_422(caseworker, client_for):
    letter_templates_load()
    person = register(caseworker)
    response = _post(
        client_for(caseworker), f"/api/v1/persons/{person.pk}/letters", {"template": "invitation"}
    )
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"] == ["body", "context"]
    assert "Ort" in detail["msg"]


def test_the_outbox_lists_status_without_content(caseworker, client_for):
    person = register(caseworker)
    contact_channel_record(
        actor=caseworker,
        person=person,
        channel=Channel.SMS,
        address="+491512345678",
        consented_on=timezone.localdate(),
        how=GivenHow.SIGNED_FORM,
    )
    message_queue(
        actor=caseworker,
        person=person,
        channel=Channel.SMS,
        subject="Erinnerung",
        body="Geheimer Termin",
        language="de",
    )
    response = client_for(caseworker).get("/api/v1/outbox?status=queued")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["items"][0]["status"] == "queued"
    assert "Geheimer" not in response.content.decode()
    assert "+4915" not in response.content.decode()
    assert client_for(caseworker).get("/api/v1/outbox?status=sent").json()["count"] == 0


def test_another_office_gets_404(caseworker, other_caseworker, client_for):
    person = register(caseworker)
    response = client_for(other_caseworker).get(f"/api/v1/persons/{person.pk}/letters")
    assert response.status_code == 404


def test_an_invitation_for_an_appointment_takes_its_values(caseworker, client_for):
    from datetime import timedelta

    from lotse.appointments.services import AppointmentInput, appointment_schedule
    from lotse.appointments.tests.conftest import working_day
    from lotse.comms.models import Letter

    letter_templates_load()
    person = register(caseworker)
    starts_at = working_day(hour=9)
    appointment = appointment_schedule(
        actor=caseworker,
        person=person,
        data=AppointmentInput(
            starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), place="Zimmer 3"
        ),
    )
    client = client_for(caseworker)
    url = f"/api/v1/persons/{person.pk}/letters"
    created = _post(client, url, {"template": "invitation", "appointment": appointment.pk})
    assert created.status_code == 201, created.content
    context = Letter.objects.get(pk=created.json()["id"]).context
    assert (context["date"], context["time"]) == (f"{starts_at:%d.%m.%Y}", "09:00")
    assert context["place"] == "Zimmer 3"
    typed = _post(
        client, url, {"template": "invitation", "appointment": appointment.pk, "place": "Saal 1"}
    )
    assert Letter.objects.get(pk=typed.json()["id"]).context["place"] == "Saal 1"
    unknown = _post(client, url, {"template": "invitation", "appointment": 999999})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "appointment"]
    assert Letter.objects.count() == 2
