"""Appointments (Termine) with a person: single or joint (several offices at one table, as in a
one-stop office), in person or by video link, with the interpreter needed from the pool of the
Kreis (docs/appointments.md).

An appointment belongs to the office that organises it; the other offices at the table are
`AppointmentOffice` rows. Nothing is overwritten: a new time is a new appointment that names
the one it replaces (which is cancelled with the reason), and attendance is recorded once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import TimeStampedModel

PLACE_LENGTH = 200
TITLE_LENGTH = 200
REASON_LENGTH = 500
NAME_LENGTH = 200
CONTACT_LENGTH = 200


class AppointmentKind(models.TextChoices):
    FIRST_COUNSELLING = "first_counselling", _("first counselling")
    COUNSELLING = "counselling", _("counselling")
    CASE_CONFERENCE = "case_conference", _("case conference")
    INFORMATION_EVENT = "information_event", _("information event")
    COURSE_ADMISSION = "course_admission", _("course admission")


class AppointmentMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    VIDEO = "video", _("by video link")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ATTENDED = "attended", _("attended")
    MISSED = "missed", _("missed")
    CANCELLED = "cancelled", _("cancelled")


class Appointment(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AppointmentKind.choices)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(
        _("mode"), max_length=20, choices=AppointmentMode.choices, default=AppointmentMode.IN_PERSON
    )
    video_url = models.URLField(_("video link"), blank=True)
    place = models.CharField(_("place"), max_length=PLACE_LENGTH, blank=True)
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        verbose_name=_("Gemeinde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    office = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("organising office"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    status_reason = models.CharField(_("reason"), max_length=REASON_LENGTH, blank=True)
    status_at = models.DateTimeField(_("status recorded at"), null=True, blank=True)
    status_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    # Appointments created together for one information event share this key.
    event_key = models.UUIDField(_("event"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointments_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "starts_at"], name="appointments_office_start"),
            models.Index(fields=["organiser", "starts_at"], name="appointments_organiser_start"),
            models.Index(fields=["status", "starts_at"], name="appointments_status_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_joint(self) -> bool:
        return self.other_offices.exists()


class AppointmentOffice(models.Model):
    """Another office at the table of a joint appointment."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.PROTECT, related_name="other_offices"
    )
    office = models.ForeignKey("organisations.Office", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("office at the table")
        verbose_name_plural = _("offices at the table")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "office"], name="appointments_office_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.office_id)


class Interpreter(TimeStampedModel):
    """An interpreter of the pool of a Kreis (Dolmetscher-Pool)."""

    kreis = models.ForeignKey(
        "organisations.Kreis",
        verbose_name=_("Kreis"),
        on_delete=models.PROTECT,
        related_name="interpreters",
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    languages = models.JSONField(_("languages"), default=list, help_text=_("ISO 639 codes"))
    contact = models.CharField(_("contact"), max_length=CONTACT_LENGTH, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")
        ordering = ["kreis", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class BookingStatus(models.TextChoices):
    NEEDED = "needed", _("needed, not booked yet")
    BOOKED = "booked", _("booked")
    CANCELLED = "cancelled", _("cancelled")


class InterpreterBooking(TimeStampedModel):
    """The interpreter an appointment needs: the language, and once booked, who."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.PROTECT, related_name="interpreter_bookings"
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639 code"))
    interpreter = models.ForeignKey(
        Interpreter,
        verbose_name=_("interpreter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.NEEDED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("interpreter booking")
        verbose_name_plural = _("interpreter bookings")
        constraints = [
            # One current booking per appointment; overlaps between appointments are checked
            # by the service under a lock on the interpreter (no exclusion constraint on SQLite).
            models.UniqueConstraint(
                fields=["appointment"],
                condition=~models.Q(status="cancelled"),
                name="appointments_one_current_booking",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="booked") | models.Q(interpreter__isnull=False),
                name="appointments_booked_names_interpreter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.interpreter or '-'}"
