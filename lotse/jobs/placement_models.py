"""Placements into work or training and their follow-up.

A placement is one person on the way into one vacancy: proposed (from a caseworker's decision
on a suggested match, or recorded directly), applied, interview, offer, hired — or rejected
before the hire, or ended after it. The current stage is kept on the placement; every move is
a new PlacementStep row (never changed), so the history reads as it happened. When a person is
hired, follow-ups are due after one, three and six months (PlacementFollowUp).

The services are in lotse/jobs/placements.py; nothing is moved here in save().
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotse.core.models import TimeStampedModel

NOTE_MAX = 500
FOLLOW_UP_MONTHS = (1, 3, 6)


class PlacementSource(models.TextChoices):
    SUGGESTION = "suggestion", _("from a proposed match")
    DIRECT = "direct", _("recorded directly")


class PlacementStage(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("placement stage", "proposed")
    APPLIED = "applied", pgettext_lazy("placement stage", "applied")
    INTERVIEW = "interview", pgettext_lazy("placement stage", "interview")
    OFFER = "offer", pgettext_lazy("placement stage", "offer")
    HIRED = "hired", pgettext_lazy("placement stage", "hired")
    REJECTED = "rejected", pgettext_lazy("placement stage", "rejected")
    ENDED = "ended", pgettext_lazy("placement stage", "ended")


# Where a placement may go from each stage: forward one stage at a time, rejected from any stage
# before the hire, ended after it; nothing after rejected or ended.
ALLOWED_MOVES: dict[str, tuple[str, ...]] = {
    PlacementStage.PROPOSED: (PlacementStage.APPLIED, PlacementStage.REJECTED),
    PlacementStage.APPLIED: (PlacementStage.INTERVIEW, PlacementStage.REJECTED),
    PlacementStage.INTERVIEW: (PlacementStage.OFFER, PlacementStage.REJECTED),
    PlacementStage.OFFER: (PlacementStage.HIRED, PlacementStage.REJECTED),
    PlacementStage.HIRED: (PlacementStage.ENDED,),
    PlacementStage.REJECTED: (),
    PlacementStage.ENDED: (),
}
CLOSED_STAGES = (PlacementStage.REJECTED, PlacementStage.ENDED)


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("permanent (unbefristet)")
    FIXED_TERM = "fixed_term", _("fixed-term (befristet)")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship contract (Ausbildungsvertrag)")
    ENTRY_QUALIFICATION = "eq", _("entry qualification (Einstiegsqualifizierung)")
    MINI_JOB = "mini_job", _("mini-job (geringfügige Beschäftigung)")
    TEMPORARY_AGENCY = "agency", _("temporary agency work (Zeitarbeit)")


class StepReason(models.TextChoices):
    """Why a placement was rejected or ended."""

    EMPLOYER_DECLINED = "employer_declined", _("the employer declined")
    PERSON_DECLINED = "person_declined", _("the person declined")
    LANGUAGE = "language", _("German not yet sufficient")
    WORK_ACCESS = "work_access", _("no access to work")
    PROBATION = "probation", _("ended in the probation period")
    PERSON_RESIGNED = "person_resigned", _("the person resigned")
    OTHER = "other", _("another reason")


class FollowUpOutcome(models.TextChoices):
    GOING_WELL = "going_well", _("going well")
    AT_RISK = "at_risk", _("at risk")
    ENDED = "ended", _("ended")


class Placement(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    vacancy = models.ForeignKey(
        "jobs.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    source = models.CharField(_("source"), max_length=12, choices=PlacementSource.choices)
    match_decision = models.ForeignKey(
        "jobs.MatchDecision",
        verbose_name=_("decision on the suggestion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    stage = models.CharField(
        _("stage"),
        max_length=12,
        choices=PlacementStage.choices,
        default=PlacementStage.PROPOSED,
    )
    stage_since = models.DateField(_("since"))
    start_date = models.DateField(_("start of work"), null=True, blank=True)
    contract_type = models.CharField(
        _("contract"), max_length=20, choices=ContractType.choices, blank=True
    )
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

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-stage_since", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "vacancy"],
                condition=~Q(stage__in=["rejected", "ended"]),
                name="jobs_placement_one_open",
                violation_error_message=_("This person already has an open placement here."),
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=["hired", "ended"])
                | (Q(start_date__isnull=False) & ~Q(contract_type="")),
                name="jobs_placement_hired_has_start",
            ),
        ]
        indexes = [models.Index(fields=["stage"], name="jobs_placement_stage")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES

    def next_stages(self) -> tuple[str, ...]:
        return ALLOWED_MOVES[self.stage]


class PlacementStep(models.Model):
    """One move of a placement (the first: its recording). Written by the services only."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.PROTECT, related_name="steps"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=PlacementStage.choices)
    on = models.DateField(_("on"))
    reason = models.CharField(_("reason"), max_length=20, choices=StepReason.choices, blank=True)
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("step of a placement")
        verbose_name_plural = _("steps of placements")
        ordering = ["on", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.on:%Y-%m-%d}"


class PlacementFollowUp(TimeStampedModel):
    """A follow-up after the start of work (1, 3 and 6 months), created on the hire."""

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=FollowUpOutcome.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
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

    class Meta:
        verbose_name = _("follow-up of a placement")
        verbose_name_plural = _("follow-ups of placements")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "months"], name="jobs_placement_follow_up_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.months} #{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
