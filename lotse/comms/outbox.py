"""Sending the outbox: due messages are claimed, sent on their channel, and retried with back-off.

A message is due when it is queued and its `next_attempt_at` has come. Each attempt is counted;
after a failure the next attempt waits 1 minute, then 5, 30 and 120 minutes; the fifth failure
marks the message failed. Consent is checked again before each attempt: a message whose consent
was withdrawn in the meantime is cancelled ("not sent: consent withdrawn"), not sent. The trail
records that a message was sent, failed or cancelled, with its channel and attempts — not its
text or recipient.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from lotse.access.policy import Category
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.comms.channels import ChannelError, channel_for
from lotse.comms.models import ERROR_LENGTH, MessageStatus, OutboxMessage

# The waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(BACKOFF) + 1


@dataclass
class SendRun:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    ids: list[int] = field(default_factory=list)


def _claim(now: datetime, limit: int) -> list[OutboxMessage]:
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:limit]
        )
        for message in due:
            message.status = MessageStatus.SENDING
            message.attempts += 1
            message.save(update_fields=["status", "attempts", "updated_at"])
    return due


def _audit(message: OutboxMessage, event_type: EventType, **details: object) -> None:
    audit_record(
        event_type=event_type,
        obj=message,
        person_id=message.person_id,
        office=message.office,
        purpose=Purpose.LETTERS,
        categories=[Category.IDENTITY],
        details={"channel": message.channel, "attempts": message.attempts, **details},
    )


def _send_one(message: OutboxMessage, run: SendRun) -> None:
    message = OutboxMessage.objects.select_related("contact", "letter", "office").get(pk=message.pk)
    # Consent is checked again at sending time: a withdrawal (or a newer consent on the channel,
    # which withdraws the earlier one) after the message was queued stops it.
    if message.contact.withdrawn_at is not None:
        with transaction.atomic():
            message.status = MessageStatus.CANCELLED
            message.next_attempt_at = None
            message.save(update_fields=["status", "next_attempt_at", "updated_at"])
            _audit(message, EventType.MESSAGE_CANCELLED)
        run.cancelled += 1
        return
    try:
        channel_for(message.channel).send(message)
    except ChannelError as error:
        reason = str(error)[:ERROR_LENGTH]
        with transaction.atomic():
            message.last_error = reason
            if message.attempts >= MAX_ATTEMPTS:
                message.status = MessageStatus.FAILED
                message.next_attempt_at = None
                run.failed += 1
                _audit(message, EventType.MESSAGE_FAILED, error=reason)
            else:
                message.status = MessageStatus.QUEUED
                message.next_attempt_at = timezone.now() + BACKOFF[message.attempts - 1]
                run.retried += 1
            message.save(update_fields=["status", "next_attempt_at", "last_error", "updated_at"])
        return
    with transaction.atomic():
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.next_attempt_at = None
        message.last_error = ""
        message.save(
            update_fields=["status", "sent_at", "next_attempt_at", "last_error", "updated_at"]
        )
        _audit(message, EventType.MESSAGE_SENT)
    run.sent += 1


def outbox_send_due(*, now: datetime | None = None, limit: int = 200) -> SendRun:
    """Send the messages due now (at most `limit`); return what happened."""
    run = SendRun()
    for message in _claim(now or timezone.now(), limit):
        run.ids.append(message.pk)
        _send_one(message, run)
    return run


def next_due_at() -> datetime | None:
    """When the next queued message is due (for scheduling the next run)."""
    first = (
        OutboxMessage.objects.filter(status=MessageStatus.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return first
