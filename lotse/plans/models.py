"""The joint integration plan of a person (Integrationsplan of the Integrationsmanagement,
Kooperationsplan of the Jobcenter): one plan per person, made of goals and their steps.

Every goal and step belongs to the office that recorded it (`recorded_by`, category `plan`):
another office reads it as far as the access policy allows (docs/plans.md). A goal names the
office that owns it (`owner`, e.g. "Deutsch B1 — Integrationsmanagement"); a step the office
responsible for it. Goals and steps keep their identity when they change (steps hang on their
goal); every change is kept as a `PlanChange` row with the old and the new values, who, which
office and when — nothing recorded is lost, and the plan page shows the change list.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import TimeStampedModel
from lotse.people.countries import LANGUAGES

GOAL_TEXT_LENGTH = 300
STEP_TEXT_LENGTH = 300
NOTE_LENGTH = 1000
REASON_LENGTH = 500


class GoalArea(models.TextChoices):
    LANGUAGE = "language", _("language")
    EDUCATION = "education", _("school and education")
    RECOGNITION = "recognition", _("recognition of qualifications")
    TRAINING = "training", _("vocational training")
    WORK = "work", _("work")
    PARTICIPATION = "participation", _("participation and everyday life")
    OTHER = "other", _("other")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    REACHED = "reached", _("reached")
    DROPPED = "dropped", _("dropped")


class StepStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Goal(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="goals"
    )
    text = models.CharField(_("goal"), max_length=GOAL_TEXT_LENGTH)
    area = models.CharField(_("area"), max_length=20, choices=GoalArea.choices)
    owner = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("owning office"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    status_reason = models.CharField(_("reason for dropping"), max_length=REASON_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by (staff)"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        indexes = [models.Index(fields=["person", "recorded_by"], name="plans_goal_person")]

    def __str__(self) -> str:
        return self.text


class Step(TimeStampedModel):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="steps"
    )
    # The goal's person, kept on the step so that the caseload finds the next steps of many
    # persons in one query.
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("step"), max_length=STEP_TEXT_LENGTH)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.OPEN
    )
    responsible = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("responsible office"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    # The course enrolment that serves the step (the row linked when the step was planned; the
    # plan shows the enrolment's current state, following `replaced_by`).
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("course enrolment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_steps",
    )
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by (staff)"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        indexes = [
            models.Index(fields=["person", "status", "due_on"], name="plans_step_next"),
            models.Index(fields=["status", "due_on"], name="plans_step_due"),
        ]

    def __str__(self) -> str:
        return self.text


class ChangeKind(models.TextChoices):
    GOAL_ADDED = "goal_added", _("goal added")
    GOAL_CHANGED = "goal_changed", _("goal changed")
    STEP_ADDED = "step_added", _("step added")
    STEP_CHANGED = "step_changed", _("step changed")


class PlanChange(models.Model):
    """One change of the plan: who, at which office, when, and what (field → [old, new], the
    values as words at the time of the change). Written by the services only, never changed."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="changes", verbose_name=_("goal")
    )
    step = models.ForeignKey(
        Step,
        on_delete=models.PROTECT,
        related_name="changes",
        null=True,
        blank=True,
        verbose_name=_("step"),
    )
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    office = models.ForeignKey(
        "organisations.Office",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("office"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("change of the plan")
        verbose_name_plural = _("changes of the plan")
        indexes = [models.Index(fields=["person", "changed_at"], name="plans_change_person")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.changed_at:%Y-%m-%d})"


OTHER_PARTICIPANTS_LENGTH = 300
INTERPRETER_LANGUAGE_LENGTH = 60
AGREED_LENGTH = 2000


class CaseConference(TimeStampedModel):
    """A case conference on the person's shared plan: the offices at the table, others taking
    part (the school, the guardian) with the person's consent, whether the person took part and
    with an interpreter for which language, what was agreed and the goals and steps it concerns.

    Plan data of the person (category `plan`), owned by the office that recorded it. Never
    overwritten: a correction is a new row, and the old one is marked replaced by it."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="case_conferences",
    )
    held_on = models.DateField(_("date of the case conference"))
    offices = models.ManyToManyField(
        "organisations.Office", verbose_name=_("offices at the table"), related_name="+"
    )
    other_participants = models.CharField(
        _("other participants"), max_length=OTHER_PARTICIPANTS_LENGTH, blank=True
    )
    # The person agreed that the other participants (e.g. the school) take part.
    external_consent = models.BooleanField(_("consent to the other participants"), default=False)
    person_present = models.BooleanField(_("the person took part"), default=False)
    interpreter_language = models.CharField(
        _("interpreter for"),
        max_length=INTERPRETER_LANGUAGE_LENGTH,
        choices=LANGUAGES,
        blank=True,
    )
    agreed = models.TextField(_("what was agreed"), max_length=AGREED_LENGTH)
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals"), related_name="case_conferences", blank=True
    )
    steps = models.ManyToManyField(
        Step, verbose_name=_("steps"), related_name="case_conferences", blank=True
    )
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by (staff)"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["person", "held_on"], name="plans_conference_person")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.held_on:%d.%m.%Y}"
