"""Reminding a person of an appointment, only on a channel the person consented to.

`appointment_reminders_queue(*, now)` runs for the system (the scheduled task): for each
reminder `lotse.appointments.selectors.reminders_due` returns that is not yet recorded, the
organiser of the appointment queues it — the office that organised the appointment sends it,
attributable to its member of staff — on each channel the person has a current consent for with
that office, in the person's language (German when the translation is missing or out of date, as
letters are). Each reminder is recorded once (`AppointmentReminder`, one per appointment and
lead): queued, no consent on any channel, or refused with the reason. A refusal never stops the
batch. The audit trail gets `message_queue`'s event (channel, language), never the text.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from lotse.appointments.models import Appointment, AppointmentMode
from lotse.appointments.selectors import Reminder, reminders_due
from lotse.comms.letters import letter_plain_text, letter_values
from lotse.comms.models import (
    AppointmentReminder,
    Channel,
    LetterCode,
    OutboxMessage,
    ReminderOutcome,
)
from lotse.comms.services import contact_channel_current, message_queue
from lotse.comms.templates import letter_texts

# E-mail first: the reminder row links the first message queued.
CHANNELS = (Channel.EMAIL, Channel.SMS)


@dataclass
class ReminderRun:
    queued: int = 0
    no_consent: int = 0
    refused: int = 0


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or type(error).__name__


def _values(reminder: Reminder) -> dict[str, str]:
    where = reminder.video_url if reminder.mode == AppointmentMode.VIDEO else reminder.place
    starts_at = timezone.localtime(reminder.starts_at)
    return letter_values(
        {
            "name": reminder.person_name,
            "date": starts_at.date(),
            "time": starts_at.time(),
            "place": where or reminder.place or reminder.video_url,
            "office": reminder.office,
        }
    )


def _queue_one(reminder: Reminder, record: AppointmentReminder) -> None:
    appointment = Appointment.objects.select_related("person", "organiser").get(
        pk=reminder.appointment_id
    )
    person, organiser = appointment.person, appointment.organiser
    channels = [
        channel
        for channel in CHANNELS
        if contact_channel_current(person=person, office_id=appointment.office_id, channel=channel)
    ]
    if not channels:
        record.outcome = ReminderOutcome.NO_CONSENT
        return
    texts = letter_texts(code=LetterCode.REMINDER, language=reminder.language)
    subject, body = letter_plain_text(texts=texts, values=_values(reminder))
    language = texts.translation.language if texts.translation else "de"
    messages: list[OutboxMessage] = []
    reasons: list[str] = []
    for channel in channels:
        try:
            messages.append(
                message_queue(
                    actor=organiser,
                    person=person,
                    channel=channel,
                    subject=subject,
                    body=body,
                    language=language,
                )
            )
        except (ValidationError, PermissionDenied, Http404) as error:
            reasons.append(f"{channel}: {_reason(error)}")
    record.channels = [message.channel for message in messages]
    record.message = messages[0] if messages else None
    record.outcome = ReminderOutcome.QUEUED if messages else ReminderOutcome.REFUSED
    record.reason = "; ".join(reasons)


def appointment_reminders_queue(*, now: datetime) -> ReminderRun:
    """Queue the reminders due at `now` that are not yet recorded (one transaction each)."""
    run = ReminderRun()
    for reminder in reminders_due(now=now):
        lead_minutes = int(reminder.lead.total_seconds() // 60)
        if AppointmentReminder.objects.filter(
            appointment_id=reminder.appointment_id, lead_minutes=lead_minutes
        ).exists():
            continue
        try:
            with transaction.atomic():
                record = AppointmentReminder.objects.create(
                    appointment_id=reminder.appointment_id,
                    lead_minutes=lead_minutes,
                    outcome=ReminderOutcome.REFUSED,
                )
                try:
                    with transaction.atomic():
                        _queue_one(reminder, record)
                except (ValidationError, PermissionDenied, Http404) as error:
                    record.message, record.channels = None, []
                    record.outcome = ReminderOutcome.REFUSED
                    record.reason = _reason(error)
                record.save(update_fields=["message", "channels", "outcome", "reason"])
        except IntegrityError:
            continue  # another run recorded it meanwhile
        if record.outcome == ReminderOutcome.QUEUED:
            run.queued += 1
        elif record.outcome == ReminderOutcome.NO_CONSENT:
            run.no_consent += 1
        else:
            run.refused += 1
    return run
