"""Requests of a person to correct their data (Art. 16 GDPR, § 84 SGB X), tracked to the end.

A request says what the person holds to be wrong (which data, the value as recorded, the value
the person says is right, the evidence), which office received it and when. It ends as *done*
(what was changed, by whom, linked to the audit events of the change) or *rejected* (with the
reason, which must be given, and the notice that the person may complain to the supervisory
authority, Art. 77 GDPR). Nothing is deleted: the request is itself part of the person's record
and of their Art. 15 report.

The correction itself is made with the services of the data's own app (e.g.
`people.services.person_name_add`); this model only tracks the request and links to the change.

The same record serves a request *from an office* (`origin` = office): an office that sees a
wrong entry of another office (a status entry, or a field of the shared identity core) asks the
office that owns it to correct it. `received_by_office` is then the owning office, which answers
as it answers a person's request; `requested_by_office` and `recorded_by` say who asked. One
model, because the tracking is the same (open until answered, corrected with a link to the change
or refused with a reason, nothing deleted, one inbox for the owning office) and the person's
report lists both (the person has a right to know that their data were corrected and why).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.models import TimeStampedModel


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("corrected")
    REJECTED = "rejected", _("rejected")


class DataItem(models.TextChoices):
    """Which data the person says are wrong (the parts of the record, as the report lists them)."""

    NAME = "name", _("name or spelling")
    BIRTH = "birth", _("date or place of birth")
    SEX = "sex", _("sex")
    NATIONALITY = "nationality", _("nationality")
    IDENTIFIER = "identifier", _("identifier or document number")
    ADDRESS = "address", _("address or accommodation")
    CONTACT = "contact", _("contact data or language")
    RELATION = "relation", _("family or household")
    LANGUAGE_LEVEL = "language_level", _("language levels")
    CASE = "case", _("case data of an office (e.g. status, benefits, plan, notes)")
    CONSENT = "consent", _("consent")
    OTHER = "other", _("other")


class RequestOrigin(models.TextChoices):
    PERSON = "person", _("the person")
    OFFICE = "office", _("another office")


class IdentityField(models.TextChoices):
    """The fields of the shared identity core another office may ask to have corrected."""

    NAME = "name", _("name or spelling")
    BIRTH_DATE = "birth_date", _("date of birth")
    BIRTH_PLACE = "birth_place", _("place or country of birth")
    SEX = "sex", _("sex")
    NATIONALITY = "nationality", _("nationality")


class CorrectionRequest(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="correction_requests"
    )
    data_item = models.CharField(_("which data"), max_length=16, choices=DataItem.choices)
    current_value = models.TextField(_("value as recorded"), blank=True)
    requested_value = models.TextField(_("correct value according to the person"))
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("Documents the person showed or handed in (e.g. passport, birth certificate)."),
    )
    received_on = models.DateField(_("received on"))
    received_by_office = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("received by office"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    origin = models.CharField(
        _("asked by"), max_length=10, choices=RequestOrigin.choices, default=RequestOrigin.PERSON
    )
    # A request of an office: which office asked (the owning office is received_by_office) and
    # which entry it concerns — a status entry, or a field of the identity core.
    requested_by_office = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("asked by office"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status_event = models.ForeignKey(
        "status.StatusEvent",
        verbose_name=_("status entry concerned"),
        on_delete=models.PROTECT,
        related_name="correction_requests",
        null=True,
        blank=True,
    )
    identity_field = models.CharField(
        _("field concerned"), max_length=16, choices=IdentityField.choices, blank=True
    )
    # The new status entry that corrected the one concerned (the old one stays, as replaced).
    correction_entry = models.ForeignKey(
        "status.StatusEvent",
        verbose_name=_("correcting entry"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN
    )
    resolved_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    change_made = models.TextField(_("what was changed"), blank=True)
    # Audit events (PERSON_CHANGED and the like) of the change made for this request.
    change_events = models.JSONField(_("changes in the audit trail"), default=list, blank=True)
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)
    # The supervisory authority named to the person with a rejection (Art. 77 GDPR), as named.
    supervisory_authority = models.CharField(
        _("supervisory authority named"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(
                fields=["received_by_office", "status", "received_on"],
                name="subject_correction_inbox",
            ),
            models.Index(
                fields=["requested_by_office", "status"], name="subject_correction_outbox"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="subject_correction_reject_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(change_made=""),
                name="subject_correction_done_says_what",
            ),
            # An office's request names the office and exactly one entry concerned.
            models.CheckConstraint(
                condition=models.Q(origin="person")
                | (
                    models.Q(requested_by_office__isnull=False)
                    & (
                        (models.Q(status_event__isnull=False) & models.Q(identity_field=""))
                        | (models.Q(status_event__isnull=True) & ~models.Q(identity_field=""))
                    )
                ),
                name="subject_correction_office_names_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_data_item_display()} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == CorrectionStatus.OPEN

    @property
    def from_office(self) -> bool:
        return self.origin == RequestOrigin.OFFICE

    @property
    def age_days(self) -> int:
        end = self.resolved_at.date() if self.resolved_at else timezone.localdate()
        return (end - self.received_on).days
