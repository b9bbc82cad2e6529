"""Requests of a person to correct their data (Art. 16 GDPR, § 84 SGB X), tracked to the end.

A request says what the person holds to be wrong (which data, the value as recorded, the value
the person says is right, the evidence), which office received it and when. It ends as *done*
(what was changed, by whom, linked to the audit events of the change) or *rejected* (with the
reason, which must be given, and the notice that the person may complain to the supervisory
authority, Art. 77 GDPR). Nothing is deleted: the request is itself part of the person's record
and of their Art. 15 report.

The correction itself is made with the services of the data's own app (e.g.
`people.services.person_name_add`); this model only tracks the request and links to the change.
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
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_data_item_display()} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == CorrectionStatus.OPEN

    @property
    def age_days(self) -> int:
        end = self.resolved_at.date() if self.resolved_at else timezone.localdate()
        return (end - self.received_on).days
