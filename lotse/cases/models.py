"""A case (Fall): one person at one office. An office sees a person only through an open case.

This is the minimum the person registry needs (a registration opens a case at the registering
office); referrals, hand-overs, follow-ups and notes build on it (issue 4).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.models import TimeStampedModel


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Case(TimeStampedModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible caseworker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"))
    opened_reason = models.CharField(_("reason for opening"), max_length=200)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            # One open case per person and office: a second registration reuses it.
            models.UniqueConstraint(
                fields=["person", "office"],
                condition=models.Q(status="open"),
                name="cases_case_one_open_per_office",
            )
        ]
        indexes = [
            models.Index(fields=["office", "status"], name="cases_case_office_status"),
            # "does this office have an open case for this person": asked on every person read
            models.Index(fields=["person", "status", "office"], name="cases_case_person_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.office}"
