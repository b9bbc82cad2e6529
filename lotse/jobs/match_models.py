"""What a caseworker did with a suggested match: proposed the vacancy to the person, or set
it aside with a reason (Art. 22 GDPR: the machine suggests, a person decides).

A decision is never changed: a later decision on the same person and vacancy is a new row, and
the earlier one is marked replaced (`replaced_by`, `replaced_at`). The score and the reasons
the caseworker saw are kept as they were (`reasons`: the reason codes with their values), so
the decision can be understood later even when the profile or the vacancy has changed since.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.core.models import TimeStampedModel


class MatchDecisionKind(models.TextChoices):
    PROPOSED = "proposed", _("proposed to the person")
    SET_ASIDE = "set_aside", _("set aside")


class SetAsideReason(models.TextChoices):
    NOT_WANTED = "not_wanted", _("the person does not want it")
    HOURS = "hours", _("the working hours do not fit")
    DISTANCE = "distance", _("the way is too far")
    REQUIREMENTS = "requirements", _("requirements not met")
    TAKEN = "taken", _("the vacancy is already taken")
    OTHER = "other", _("another reason")


class MatchDecision(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="match_decisions"
    )
    vacancy = models.ForeignKey(
        "jobs.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.PROTECT,
        related_name="match_decisions",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=MatchDecisionKind.choices)
    reason = models.CharField(
        _("reason"), max_length=20, choices=SetAsideReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=4, decimal_places=1, null=True, blank=True
    )  # None: the pair was no suggestion when decided (e.g. listed earlier)
    reasons = models.JSONField(_("reasons at the time"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        "organisations.User",
        verbose_name=_("recorded by (member of staff)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
    )
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision on a suggested match")
        verbose_name_plural = _("decisions on suggested matches")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "vacancy"], name="jobs_match_person_vacancy")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="proposed", reason="")
                | Q(decision="set_aside") & ~Q(reason=""),
                name="jobs_match_reason_when_set_aside",
            ),
            models.UniqueConstraint(
                fields=["person", "vacancy"],
                condition=Q(replaced_at__isnull=True),
                name="jobs_match_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} #{self.pk}"

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None
