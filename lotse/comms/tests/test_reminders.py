"""Reminders of appointments go out only on a channel the person consented to, once, in the
person's language (German when the translation is out of date)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotse.appointments.models import AppointmentKind
from lotse.appointments.services import AppointmentInput, appointment_cancel, appointment_schedule
from lotse.appointments.tests.conftest import JC_TUEBINGEN, staff, working_day
from lotse.audit.models import AuditEvent, EventType
from lotse.comms import outbox
from lotse.comms.models import (
    AppointmentReminder,
    Channel,
    LetterTemplate,
    MessageStatus,
    OutboxMessage,
    ReminderOutcome,
)
from lotse.comms.outbox import outbox_send_due
from lotse.comms.reminders import appointment_reminders_queue
from lotse.comms.services import contact_channel_record, contact_channel_withdraw
from lotse.consent.models import GivenHow
from lotse.organisations.tests.factories import reference_office
from lotse.people.tests.factories import register

pytestmark = pytest.mark.usefixtures("letter_templates")


@pytest.fixture
def organiser(db):
    return staff("jc-sb", reference_office(JC_TUEBINGEN))


@pytest.fixture
def samira(organiser):
    person = register(organiser, given_names="Samira", family_name="Noori")
    person.preferred_language = "fr"
    person.save(update_fields=["preferred_language"])
    return person


@pytest.fixture
def appointment(organiser, samira):
    starts_at = working_day()
    return appointment_schedule(
        actor=organiser,
        person=samira,
        data=AppointmentInput(
            kind=AppointmentKind.COUNSELLING,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            place="Jobcenter Tübingen, Raum 2.14",
        ),
    )


def _sms_consent(actor, person):
    contact_channel_record(
        actor=actor,
        person=person,
        channel=Channel.SMS,
        address="0151 2345678",
        consented_on=timezone.localdate(),
        how=GivenHow.SIGNED_FORM,
    )


def _a_day_before(appointment):
    return appointment.starts_at - timedelta(days=1)  # the 2-day reminder is due, not the 2-hour


def test_consent_to_text_messages_only_queues_one_text_message(organiser, samira, appointment):
    _sms_consent(organiser, samira)
    run = appointment_reminders_queue(now=_a_day_before(appointment))
    assert run.queued == 1
    message = OutboxMessage.objects.get()
    assert message.channel == Channel.SMS
    assert message.created_by == organiser
    assert message.office == appointment.office
    assert not OutboxMessage.objects.filter(channel=Channel.EMAIL).exists()
    record = AppointmentReminder.objects.get()
    assert (record.lead_minutes, record.outcome, record.message) == (
        2 * 24 * 60,
        ReminderOutcome.QUEUED,
        message,
    )
    assert "Raum 2.14" in message.body
    assert f"{timezone.localtime(appointment.starts_at):%d.%m.%Y}" in message.body
    event = AuditEvent.objects.get(event_type=EventType.MESSAGE_QUEUED)
    assert "Raum 2.14" not in str(event.details)
    assert "Samira" not in str(event.details)
    # the person's report (Art. 15) lists it, without its text
    from lotse.subject_rights.selectors import subject_report_data

    data = subject_report_data(actor=organiser, person=samira)
    assert [(row["channel"], row["status"]) for row in data["letters"]] == [
        ("SMS", "wartet auf Versand")
    ]


def test_without_consent_nothing_is_queued_and_that_is_recorded(samira, appointment):
    run = appointment_reminders_queue(now=appointment.starts_at - timedelta(hours=1))
    assert (run.queued, run.no_consent) == (0, 2)  # both leads are due
    assert not OutboxMessage.objects.exists()
    assert set(AppointmentReminder.objects.values_list("lead_minutes", "outcome")) == {
        (2 * 24 * 60, ReminderOutcome.NO_CONSENT),
        (2 * 60, ReminderOutcome.NO_CONSENT),
    }


def test_running_twice_queues_nothing_new(organiser, samira, appointment):
    _sms_consent(organiser, samira)
    now = _a_day_before(appointment)
    appointment_reminders_queue(now=now)
    again = appointment_reminders_queue(now=now + timedelta(minutes=15))
    assert (again.queued, again.no_consent, again.refused) == (0, 0, 0)
    assert OutboxMessage.objects.count() == 1
    call_command("appointment_reminders")  # now: nothing due a week ahead
    assert OutboxMessage.objects.count() == 1


def test_a_cancelled_appointment_gets_no_reminder(organiser, samira, appointment):
    _sms_consent(organiser, samira)
    appointment_cancel(actor=organiser, appointment=appointment, reason="Die Person ist umgezogen.")
    appointment_reminders_queue(now=_a_day_before(appointment))
    assert not OutboxMessage.objects.exists()
    assert not AppointmentReminder.objects.exists()


def test_in_the_persons_language_when_current_else_in_german(organiser, samira, appointment):
    _sms_consent(organiser, samira)
    appointment_reminders_queue(now=_a_day_before(appointment))
    message = OutboxMessage.objects.get()
    assert message.language == "fr"
    assert "Rappel de votre rendez-vous" in message.body
    assert "Erinnerung an Ihren Termin" == message.subject  # the German text is binding

    german = LetterTemplate.objects.get(code="reminder", language="de")
    german.text_changed_at = timezone.now() + timedelta(seconds=1)  # the French is now stale
    german.save(update_fields=["text_changed_at"])
    appointment_reminders_queue(now=appointment.starts_at - timedelta(hours=1))
    later = OutboxMessage.objects.exclude(pk=message.pk).get()
    assert later.language == "de"
    assert "Rappel" not in later.body
    assert "wir erinnern Sie an Ihren Termin" in later.body


def test_both_channels_consented_queue_one_message_each(organiser, samira, appointment):
    _sms_consent(organiser, samira)
    contact_channel_record(
        actor=organiser,
        person=samira,
        channel=Channel.EMAIL,
        address="samira@example.org",
        consented_on=timezone.localdate(),
        how=GivenHow.SIGNED_FORM,
    )
    appointment_reminders_queue(now=_a_day_before(appointment))
    assert sorted(OutboxMessage.objects.values_list("channel", flat=True)) == ["email", "sms"]
    record = AppointmentReminder.objects.get()
    assert record.channels == ["email", "sms"]
    assert record.message is not None
    assert record.message.channel == Channel.EMAIL


def test_a_refusal_is_recorded_with_its_reason_and_does_not_stop_the_batch(
    organiser, samira, appointment
):
    _sms_consent(organiser, samira)
    organiser.office = reference_office("im-tubingen-08416")  # moved to another office
    organiser.save(update_fields=["office"])
    run = appointment_reminders_queue(now=appointment.starts_at - timedelta(hours=1))
    assert (run.queued, run.refused) == (0, 2)
    assert not OutboxMessage.objects.exists()
    record = AppointmentReminder.objects.first()
    assert record is not None
    assert record.outcome == ReminderOutcome.REFUSED
    assert record.reason


@pytest.fixture
def sms_dir(settings, tmp_path):
    settings.LOTSE_SMS_DIR = tmp_path / "sms"
    return settings.LOTSE_SMS_DIR


def _queued_reminder(organiser, samira, appointment) -> OutboxMessage:
    _sms_consent(organiser, samira)
    appointment_reminders_queue(now=_a_day_before(appointment))
    message = OutboxMessage.objects.get()
    assert message.status == MessageStatus.QUEUED
    return message


def test_consent_withdrawn_before_sending_sends_nothing(organiser, samira, appointment, sms_dir):
    message = _queued_reminder(organiser, samira, appointment)
    contact_channel_withdraw(actor=organiser, contact=message.contact)
    run = outbox_send_due(now=timezone.now() + timedelta(minutes=1))
    assert (run.sent, run.ids) == (0, [])  # cancelled at the withdrawal, never claimed
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED
    assert message.sent_at is None
    assert not list(sms_dir.glob("*.txt"))


def test_a_newer_consent_on_the_channel_stops_the_reminder_queued_before(
    organiser, samira, appointment, sms_dir
):
    """The newer consent withdraws the earlier one; the reminder queued to the earlier number is
    not sent to it: consent is checked again when sending."""
    message = _queued_reminder(organiser, samira, appointment)
    contact_channel_record(
        actor=organiser,
        person=samira,
        channel=Channel.SMS,
        address="0160 9876543",
        consented_on=timezone.localdate(),
        how=GivenHow.SIGNED_FORM,
    )
    run = outbox_send_due(now=timezone.now() + timedelta(minutes=1))
    assert (run.sent, run.cancelled) == (0, 1)
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED
    assert message.get_status_display() == "not sent: consent withdrawn"
    assert message.next_attempt_at is None
    assert not list(sms_dir.glob("*.txt"))
    event = AuditEvent.objects.get(event_type=EventType.MESSAGE_CANCELLED)
    assert event.details == {"channel": "sms", "attempts": 1}
    assert str(event.person_id) == str(samira.pk)
    assert not AuditEvent.objects.filter(event_type=EventType.MESSAGE_SENT).exists()


def test_consent_withdrawn_while_the_message_is_claimed_stops_it(
    organiser, samira, appointment, sms_dir, monkeypatch
):
    """Withdrawn after the run claimed the message (status "being sent", which the withdrawal
    does not cancel) and before it went out: not sent."""
    message = _queued_reminder(organiser, samira, appointment)
    claim = outbox._claim

    def claim_then_withdraw(now, limit):
        claimed = claim(now, limit)
        contact_channel_withdraw(actor=organiser, contact=message.contact)
        return claimed

    monkeypatch.setattr(outbox, "_claim", claim_then_withdraw)
    run = outbox.outbox_send_due(now=timezone.now() + timedelta(minutes=1))
    assert (run.ids, run.sent, run.cancelled) == ([message.pk], 0, 1)
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED
    assert not list(sms_dir.glob("*.txt"))
    assert AuditEvent.objects.filter(event_type=EventType.MESSAGE_CANCELLED).count() == 1


def test_with_consent_kept_the_reminder_is_sent(organiser, samira, appointment, sms_dir):
    message = _queued_reminder(organiser, samira, appointment)
    run = outbox_send_due(now=timezone.now() + timedelta(minutes=1))
    assert run.sent == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    (sms,) = sms_dir.glob("*.txt")
    assert "Rappel de votre rendez-vous" in sms.read_text(encoding="utf-8")
