"""The pages: a person's letters, consent to be contacted, the office's outbox."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.appointments.models import AppointmentKind
from lotse.appointments.services import AppointmentInput, appointment_schedule
from lotse.appointments.tests.conftest import working_day
from lotse.comms.models import Channel, ContactChannel, Letter, MessageStatus, OutboxMessage
from lotse.comms.services import contact_channel_record, message_queue
from lotse.consent.models import GivenHow

pytestmark = pytest.mark.usefixtures("letter_templates")


def test_the_letter_form_preselects_the_persons_language(caseworker, person, client_for):
    response = client_for(caseworker).get(f"/persons/{person.pk}/letters/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<option value="ar" selected>' in body
    assert "No letters yet." in body


def test_a_letter_is_created_and_shown_as_pdf(caseworker, person, client_for):
    client = client_for(caseworker)
    response = client.post(
        f"/persons/{person.pk}/letters/",
        {
            "template_code": "invitation",
            "language": "ar",
            "date": "2027-01-12",
            "time": "09:30",
            "place": "Zimmer 3",
            "interpreter": "Arabisch",
        },
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.context["date"] == "12.01.2027"
    page = client.get(f"/persons/{person.pk}/letters/").content.decode()
    assert "1 letter" in page
    pdf = client.get(f"/persons/{person.pk}/letters/{letter.pk}/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert bytes(pdf.content).startswith(b"%PDF")


def test_missing_values_are_named_at_the_top(caseworker, person, client_for):
    response = client_for(caseworker).post(
        f"/persons/{person.pk}/letters/",
        {"template_code": "invitation", "language": "ar", "date": "2027-01-12"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Fill in:" in body
    assert "place" in body
    assert not Letter.objects.exists()


def test_contact_consent_is_recorded_and_withdrawn(caseworker, person, client_for):
    client = client_for(caseworker)
    response = client.post(
        f"/persons/{person.pk}/contact/",
        {
            "channel": "sms",
            "address": "0151 2345678",
            "consented_on": timezone.localdate().isoformat(),
            "how": "signed_form",
        },
    )
    assert response.status_code == 302
    contact = ContactChannel.objects.get()
    page = client.get(f"/persons/{person.pk}/contact/").content.decode()
    assert "+491512345678" in page
    client.post(f"/persons/{person.pk}/contact/{contact.pk}/withdraw/")
    contact.refresh_from_db()
    assert contact.withdrawn_at is not None
    assert "withdrawn on" in client.get(f"/persons/{person.pk}/contact/").content.decode()


def test_a_bad_number_is_refused_on_the_field(caseworker, person, client_for):
    response = client_for(caseworker).post(
        f"/persons/{person.pk}/contact/",
        {"channel": "sms", "address": "ruf mich an", "consented_on": "", "how": "signed_form"},
    )
    assert response.status_code == 422
    assert "mobile number" in response.content.decode()


def test_the_outbox_filters_by_status(caseworker, person, client_for):
    contact_channel_record(
        actor=caseworker,
        person=person,
        channel=Channel.SMS,
        address="+491512345678",
        consented_on=timezone.localdate(),
        how=GivenHow.SIGNED_FORM,
    )
    message = message_queue(
        actor=caseworker,
        person=person,
        channel=Channel.SMS,
        subject="Erinnerung",
        body="Termin morgen",
        language="de",
    )
    client = client_for(caseworker)
    assert "1 message" in client.get("/outbox/").content.decode()
    assert "0 messages" in client.get("/outbox/?status=sent").content.decode()
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    assert "1 message" in client.get("/outbox/?status=failed").content.decode()


def test_another_office_sees_no_letters(other_caseworker, person, client_for):
    response = client_for(other_caseworker).get(f"/persons/{person.pk}/letters/")
    assert response.status_code == 404


def test_the_form_says_which_letters_would_be_german_only(caseworker, person, client_for):
    from lotse.comms.models import LetterTemplate

    LetterTemplate.objects.filter(code="reminder", language="ar").delete()
    body = client_for(caseworker).get(f"/persons/{person.pk}/letters/").content.decode()
    assert "printed in German only" in body
    assert "reminder: There is no translation into this language." in body


def test_the_invitation_takes_its_values_from_the_chosen_appointment(
    caseworker, person, client_for
):
    starts_at = working_day(hour=9)
    appointment = appointment_schedule(
        actor=caseworker,
        person=person,
        data=AppointmentInput(
            kind=AppointmentKind.COUNSELLING,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            place="Wilhelm-Keil-Straße 50, Zimmer 3",
        ),
    )
    client = client_for(caseworker)
    appointments = client.get(f"/persons/{person.pk}/appointments/").content.decode()
    assert f"/persons/{person.pk}/letters/?appointment={appointment.pk}" in appointments
    page = client.get(f"/persons/{person.pk}/letters/?appointment={appointment.pk}")
    assert f'<option value="{appointment.pk}" selected>' in page.content.decode()
    response = client.post(
        f"/persons/{person.pk}/letters/",
        {"template_code": "invitation", "language": "ar", "appointment": appointment.pk},
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.context["date"] == f"{starts_at:%d.%m.%Y}"
    assert letter.context["time"] == "09:00"
    assert letter.context["place"] == "Wilhelm-Keil-Straße 50, Zimmer 3"
    assert letter.context["interpreter"] == "not needed"
    listed = client.get(f"/persons/{person.pk}/letters/").content.decode()
    assert "German + Arabic" in listed  # the language as a word, not its code
    # what is typed takes precedence over the appointment's values
    client.post(
        f"/persons/{person.pk}/letters/",
        {
            "template_code": "invitation",
            "language": "ar",
            "appointment": appointment.pk,
            "place": "Rathaus, Saal 1",
        },
    )
    assert Letter.objects.latest("pk").context["place"] == "Rathaus, Saal 1"


def test_an_appointment_of_someone_else_cannot_be_chosen(caseworker, person, client_for):
    response = client_for(caseworker).post(
        f"/persons/{person.pk}/letters/",
        {"template_code": "invitation", "language": "ar", "appointment": "999999"},
    )
    assert response.status_code == 422
    assert not Letter.objects.exists()
