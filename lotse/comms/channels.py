"""The outbox's channels: one class per channel, chosen by the setting LOTSE_MESSAGE_CHANNELS.

A channel sends one message or raises `ChannelError` with a short reason that names no content
(it is kept as the message's `last_error` and shown in the outbox). E-mail goes through Django's
mail API and settings (EMAIL_BACKEND, EMAIL_HOST, …). Text messages go through an
`SmsGateway`: a provider's gateway is a subclass implementing `send_sms`; the one shipped
writes each message to a file under VAR_DIR/outbox-sms/ (development and tests) and
`ConsoleSmsChannel` prints it.
"""

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from lotse.comms.models import OutboxMessage


class ChannelError(Exception):
    """Sending failed; the text is a short reason without content (e.g. "SMTP refused")."""


class MessageChannel(Protocol):
    def send(self, message: "OutboxMessage") -> None: ...


class EmailChannel:
    """E-mail through Django's mail settings; a letter's PDF goes with it as attachment."""

    def send(self, message: "OutboxMessage") -> None:
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
        )
        if message.letter is not None:
            email.attach(
                f"brief-{message.letter.pk}.pdf", bytes(message.letter.pdf), "application/pdf"
            )
        try:
            email.send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
            raise ChannelError(f"e-mail: {type(error).__name__}") from error


class SmsGateway:
    """A text-message gateway: subclasses implement `send_sms` for their provider."""

    def send_sms(self, number: str, text: str, *, reference: str) -> None:
        raise NotImplementedError

    def send(self, message: "OutboxMessage") -> None:
        self.send_sms(message.recipient, message.body, reference=f"lotse-{message.pk}")


class FileSmsChannel(SmsGateway):
    """Development: each text message a file in LOTSE_SMS_DIR (VAR_DIR/outbox-sms/)."""

    def send_sms(self, number: str, text: str, *, reference: str) -> None:
        directory = Path(settings.LOTSE_SMS_DIR)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            (directory / f"{stamp}-{reference}.txt").write_text(
                f"To: {number}\nReference: {reference}\n\n{text}\n", encoding="utf-8"
            )
        except OSError as error:
            raise ChannelError(f"sms file: {type(error).__name__}") from error


class ConsoleSmsChannel(SmsGateway):
    """Development: each text message printed on the console."""

    def send_sms(self, number: str, text: str, *, reference: str) -> None:
        sys.stdout.write(f"SMS to {number} ({reference}):\n{text}\n")


@cache
def _channel_class(path: str) -> type:
    return import_string(path)


def channel_for(name: str) -> MessageChannel:
    """The channel configured for `name` ("email", "sms")."""
    path = settings.LOTSE_MESSAGE_CHANNELS.get(name)
    if not path:
        raise ChannelError(f"no channel configured for {name}")
    channel: MessageChannel = _channel_class(path)()
    return channel
