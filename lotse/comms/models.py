"""Letters to a person, the person's consent to be contacted per channel, and the outbox.

The texts of the letters are data (`LetterTemplate`), one row per letter and language, that
administrators maintain in the admin; the German text is the binding one (§ 19 SGB X), and a
translation names the German text it translates (`translates_german_of`), so that a translation
older than its German text is known as stale ("veraltet"). A letter sent is kept (`Letter`, the
PDF as it was printed); a message goes out through the outbox (`OutboxMessage`) only on a channel
the person consented to (`ContactChannel`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lotse.consent.models import GivenHow
from lotse.core.models import TimeStampedModel

SUBJECT_LENGTH = 200
BODY_LENGTH = 6000
ERROR_LENGTH = 200
RECIPIENT_LENGTH = 254


class LetterCode(models.TextChoices):
    INVITATION = "invitation", _("invitation")
    REMINDER = "reminder", _("reminder")
    CONFIRMATION = "confirmation", _("confirmation")


class LetterLanguage(models.TextChoices):
    """The languages letters are written in: German (binding) and the translations."""

    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian (Farsi, Dari)")
    PASHTO = "ps", _("Pashto")
    TIGRINYA = "ti", _("Tigrinya")
    KURMANJI = "ku", _("Kurdish (Kurmanji)")
    SORANI = "ckb", _("Kurdish (Sorani)")
    SOMALI = "so", _("Somali")
    TURKISH = "tr", _("Turkish")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


# Written right to left (Arabic script).
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ckb"})
# Language codes of a person's record that read the text of another language.
TEXT_OF = {"prs": "fa", "fa-af": "fa", "kmr": "ku"}


class LetterTemplate(TimeStampedModel):
    """The text of one letter in one language, with named placeholders ({name}, {date}, …)."""

    code = models.CharField(_("letter"), max_length=20, choices=LetterCode.choices)
    language = models.CharField(_("language"), max_length=8, choices=LetterLanguage.choices)
    subject = models.CharField(_("subject"), max_length=SUBJECT_LENGTH)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders in braces: {name}, {date}, {time}, {place}, {office}, {interpreter}."
        ),
    )
    courtesy_note = models.TextField(
        _("courtesy-translation note"),
        blank=True,
        help_text=_("In a translation: that the German text alone is binding (§ 19 SGB X)."),
    )
    # When subject or body last changed (the German text's version).
    text_changed_at = models.DateTimeField(_("text changed"))
    # A translation: the version (text_changed_at) of the German text it translates.
    translates_german_of = models.DateTimeField(
        _("translates the German text of"), null=True, blank=True
    )
    reviewed = models.BooleanField(
        _("reviewed by a sworn translator"),
        default=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["code", "language"]
        constraints = [
            models.UniqueConstraint(fields=["code", "language"], name="comms_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.language})"


class SentVia(models.TextChoices):
    PRINT = "print", _("printed")
    OUTBOX = "outbox", _("outbox")


class Letter(TimeStampedModel):
    """A letter as it was produced: the PDF kept with the person's case at the office."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="letters", verbose_name=_("person")
    )
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    template_code = models.CharField(_("letter"), max_length=20, choices=LetterCode.choices)
    language = models.CharField(_("language"), max_length=8, choices=LetterLanguage.choices)
    german_only = models.BooleanField(_("German only"), default=False)
    german_only_reason = models.CharField(_("why German only"), max_length=200, blank=True)
    pdf = models.BinaryField(_("PDF"))
    # What was filled in (date, place, …): the facts of the letter, not its text.
    context = models.JSONField(_("filled in"), default=dict)
    sent_via = models.CharField(_("sent"), max_length=10, choices=SentVia.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_template_code_display()} {self.created_at:%d.%m.%Y}"


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("text message (SMS)")


class ContactChannel(TimeStampedModel):
    """The person's consent to be contacted on a channel at an address; withdrawn, never deleted."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="contact_channels",
        verbose_name=_("person"),
    )
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address or number"), max_length=RECIPIENT_LENGTH)
    consented_on = models.DateField(_("consented on"))
    how = models.CharField(_("how"), max_length=30, choices=GivenHow.choices)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")
        ordering = ["channel", "-consented_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.address}"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("message status", "waiting to be sent")
    SENDING = "sending", pgettext_lazy("message status", "being sent")
    SENT = "sent", pgettext_lazy("message status", "sent")
    FAILED = "failed", pgettext_lazy("message status", "failed after five attempts")
    CANCELLED = "cancelled", pgettext_lazy("message status", "not sent: consent withdrawn")


class OutboxMessage(TimeStampedModel):
    """A message to a person on one channel, sent by `outbox_send` with retries."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="outbox_messages",
        verbose_name=_("person"),
    )
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    contact = models.ForeignKey(ContactChannel, on_delete=models.PROTECT, related_name="messages")
    recipient = models.CharField(_("recipient"), max_length=RECIPIENT_LENGTH)
    subject = models.CharField(_("subject"), max_length=SUBJECT_LENGTH)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=ERROR_LENGTH, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    letter = models.ForeignKey(
        Letter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("letter"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="comms_outbox_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.get_status_display()}"


class ReminderOutcome(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("reminder outcome", "queued")
    NO_CONSENT = "no_consent", pgettext_lazy("reminder outcome", "no consent on any channel")
    REFUSED = "refused", pgettext_lazy("reminder outcome", "refused")


class AppointmentReminder(models.Model):
    """That the reminder of an appointment `lead_minutes` before it was dealt with — queued on
    the channels the person consented to, or not (why): one row per appointment and lead, so a
    reminder is never sent twice. Holds no text; the message holds it."""

    appointment = models.ForeignKey(
        "appointments.Appointment",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("appointment"),
    )
    lead_minutes = models.PositiveIntegerField(_("minutes before the appointment"))
    # The first message queued (e-mail before text message); `channels` names all of them.
    message = models.ForeignKey(
        OutboxMessage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("message"),
    )
    channels = models.JSONField(_("channels"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReminderOutcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("appointment reminder")
        verbose_name_plural = _("appointment reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "lead_minutes"], name="comms_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id} −{self.lead_minutes} min: {self.get_outcome_display()}"
