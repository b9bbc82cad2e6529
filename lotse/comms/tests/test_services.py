"""Letters kept with the case, consent per channel, the outbox with retries, and the trail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.comms.channels import ChannelError
from lotse.comms.models import Channel, Letter, MessageStatus, OutboxMessage
from lotse.comms.outbox import outbox_send_due
from lotse.comms.services import (
    contact_channel_record,
    contact_channel_withdraw,
    letter_create,
    message_queue,
)
from lotse.comms.tests.conftest import CONTEXT
from lotse.comms.tests.pdf_tools import pdf_text
from lotse.consent.models import GivenHow

pytestmark = pytest.mark.usefixtures("letter_templates")


class FailingChannel:
    def send(self, message):
        raise ChannelError("gateway down")


def _consent(actor, person, channel=Channel.SMS, address="0151 2345678"):
    return contact_channel_record(
        actor=actor,
        person=person,
        channel=channel,
        address=address,
        consented_on=timezone.localdate(),
        how=GivenHow.SIGNED_FORM,
    )


def _queue(actor, person, channel=Channel.SMS, **kwargs):
    return message_queue(
        actor=actor,
        person=person,
        channel=channel,
        subject="Erinnerung an Ihren Termin",
        body="Ihr Termin ist am 12.01.2027 um 09:30 Uhr.",
        language="de",
        **kwargs,
    )


def test_a_letter_is_kept_with_the_case_in_the_persons_language(caseworker, person):
    result = letter_create(
        actor=caseworker, person=person, template_code="invitation", context=CONTEXT
    )
    letter = result.letter
    assert letter.language == "ar"  # from the identity record
    assert not letter.german_only
    assert letter.case is not None
    assert letter.case.office == caseworker.office
    assert "دعوة إلى موعد" in pdf_text(bytes(letter.pdf))
    event = AuditEvent.objects.get(event_type=EventType.LETTER_CREATED)
    assert event.details["template"] == "invitation"
    assert event.details["language"] == "ar"
    assert "Amal" not in str(event.details)
    assert "Wilhelm" not in str(event.details)


def test_without_a_translation_the_letter_is_german_and_says_why(caseworker, person):
    result = letter_create(
        actor=caseworker,
        person=person,
        template_code="reminder",
        context=CONTEXT,
        language="ckb",
    )
    assert result.letter.german_only
    assert result.letter.language == "de"
    assert "no translation" in result.german_only_reason


def test_another_office_may_not_write_to_the_person(other_caseworker, person):
    with pytest.raises(Http404):
        letter_create(
            actor=other_caseworker, person=person, template_code="invitation", context=CONTEXT
        )
    assert not Letter.objects.exists()


def test_contact_numbers_and_addresses_are_checked(caseworker, person):
    contact = _consent(caseworker, person)
    assert contact.address == "+491512345678"
    with pytest.raises(ValidationError) as error:
        _consent(caseworker, person, address="call me")
    assert "mobile number" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _consent(caseworker, person, channel=Channel.EMAIL, address="not-an-address")
    assert "e-mail address" in str(error.value)


def test_no_message_without_consent_for_that_channel(caseworker, person):
    _consent(caseworker, person, channel=Channel.SMS)
    with pytest.raises(ValidationError) as error:
        _queue(caseworker, person, channel=Channel.EMAIL)
    assert "has not consented" in str(error.value)
    assert not OutboxMessage.objects.exists()


def test_a_reminder_goes_out_only_on_the_consented_channel(caseworker, person, tmp_path):
    _consent(caseworker, person, channel=Channel.SMS)
    message = _queue(caseworker, person, channel=Channel.SMS)
    with override_settings(LOTSE_SMS_DIR=tmp_path):
        run = outbox_send_due()
    assert run.sent == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    assert "+491512345678" in files[0].read_text()
    assert mail.outbox == []  # nothing by e-mail: no consent for it


def test_an_email_carries_the_letter(caseworker, person):
    _consent(caseworker, person, channel=Channel.EMAIL, address="amal@example.org")
    letter = letter_create(
        actor=caseworker, person=person, template_code="invitation", context=CONTEXT
    ).letter
    _queue(caseworker, person, channel=Channel.EMAIL, letter=letter)
    outbox_send_due()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amal@example.org"]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"


def test_failures_are_retried_with_back_off_then_failed(caseworker, person):
    _consent(caseworker, person)
    message = _queue(caseworker, person)
    waits = []
    with override_settings(LOTSE_MESSAGE_CHANNELS={"sms": f"{__name__}.FailingChannel"}):
        for _attempt in range(5):
            message.refresh_from_db()
            before = timezone.now()
            outbox_send_due(now=message.next_attempt_at)
            message.refresh_from_db()
            if message.next_attempt_at:
                waits.append(round((message.next_attempt_at - before) / timedelta(minutes=1)))
    assert waits == [1, 5, 30, 120]
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 5
    assert message.last_error == "gateway down"
    event = AuditEvent.objects.get(event_type=EventType.MESSAGE_FAILED)
    assert event.details["channel"] == "sms"
    assert "Termin" not in str(event.details)


def test_a_message_not_due_yet_waits(caseworker, person):
    _consent(caseworker, person)
    message = _queue(caseworker, person)
    run = outbox_send_due(now=message.next_attempt_at - timedelta(seconds=1))
    assert run.ids == []


def test_withdrawing_consent_cancels_what_is_queued(caseworker, person):
    contact = _consent(caseworker, person)
    message = _queue(caseworker, person)
    contact_channel_withdraw(actor=caseworker, contact=contact)
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED
    with pytest.raises(ValidationError):
        _queue(caseworker, person)
    event = AuditEvent.objects.get(event_type=EventType.CONTACT_CONSENT_WITHDRAWN)
    assert event.details == {"channel": "sms", "messages_cancelled": 1}


def test_the_trail_holds_no_content(caseworker, person):
    _consent(caseworker, person)
    _queue(caseworker, person)
    outbox_send_due()
    for event in AuditEvent.objects.filter(
        event_type__in=[
            EventType.CONTACT_CONSENT_RECORDED,
            EventType.MESSAGE_QUEUED,
            EventType.MESSAGE_SENT,
        ]
    ):
        assert "2345678" not in str(event.details)
        assert "09:30" not in str(event.details)


def test_the_persons_report_lists_letters_and_messages_without_their_text(caseworker, person):
    from lotse.consent.form_texts import document_languages
    from lotse.subject_rights.documents import report_html
    from lotse.subject_rights.selectors import subject_report_data

    letter_create(actor=caseworker, person=person, template_code="invitation", context=CONTEXT)
    _consent(caseworker, person)
    _queue(caseworker, person)
    data = subject_report_data(actor=caseworker, person=person)
    assert [row["kind"] for row in data["letters"]] == ["Einladung", "Erinnerung an Ihren Termin"]
    assert data["letters"][0]["language"] == "Deutsch + Arabisch"
    assert data["letters"][1]["status"] == "wartet auf Versand"
    html = report_html(
        data=data, languages=document_languages("ar"), office=caseworker.office, reference="Az. 1"
    )
    assert "Briefe und Nachrichten an Sie" in html
    assert "الرسائل والمراسلات الموجهة إليك" in html
    assert "+491512345678" in html  # the consent to be contacted is data stored about the person
    assert "Ihr Termin ist am" not in html  # the message's text is not


def test_the_outbox_command_and_the_task(
    caseworker, person, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from lotse.comms.tasks import outbox_send

    _consent(caseworker, person)
    with django_capture_on_commit_callbacks(execute=True):
        _queue(caseworker, person)  # enqueues outbox_send when the transaction commits
    with override_settings(LOTSE_SMS_DIR=tmp_path):
        call_command("outbox_send")
        assert OutboxMessage.objects.get().status == MessageStatus.SENT
        assert outbox_send.call() == {"sent": 0, "retried": 0, "failed": 0}


def test_a_letter_sent_by_text_message_needs_that_consent(caseworker, person, tmp_path):
    _consent(caseworker, person, channel=Channel.EMAIL, address="amal@example.org")
    with pytest.raises(ValidationError) as error:
        letter_create(
            actor=caseworker,
            person=person,
            template_code="reminder",
            context=CONTEXT,
            channel=Channel.SMS,
        )
    assert "has not consented" in str(error.value)
    assert not Letter.objects.exists()  # nothing kept of a refused letter
    result = letter_create(
        actor=caseworker,
        person=person,
        template_code="reminder",
        context=CONTEXT,
        channel=Channel.EMAIL,
    )
    assert result.letter.sent_via == "outbox"
    message = OutboxMessage.objects.get()
    assert message.letter == result.letter
    assert message.subject == "Erinnerung an Ihren Termin"
    assert message.body.index("12.01.2027") < message.body.index("تذكير بموعدك")
    assert "{" not in message.body
    outbox_send_due()
    assert mail.outbox[0].to == ["amal@example.org"]
    assert len(mail.outbox) == 1  # by e-mail, the one channel consented to
