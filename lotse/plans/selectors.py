"""Reading the integration plan, each read asking the policy per owning office (category
`plan`, one decision per office, not per row) and logged in the audit trail."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import dateparse, timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.access.policy import (
    Action,
    Category,
    Decision,
    authorize,
    decide,
    decide_category,
    scope,
    scope_category,
    statutory_basis,
)
from lotse.audit.models import EventType
from lotse.audit.services import audit_reads, audit_record, audit_refusal
from lotse.audit.vocabulary import Basis, LegalBasis, ListRead, Purpose
from lotse.cases.models import Case, CaseStatus
from lotse.courses.models import Enrolment
from lotse.organisations.models import Office, User
from lotse.people.models import Person
from lotse.plans.models import (
    ChangeKind,
    Goal,
    GoalArea,
    GoalStatus,
    PlanChange,
    Step,
    StepStatus,
)

OPEN_GOALS = (GoalStatus.OPEN, GoalStatus.IN_PROGRESS)


@dataclass
class StepView:
    step: Step
    can_change: bool  # the office that recorded it
    can_set_status: bool  # that office or the one responsible
    # The course enrolment serving the step, as it stands now (the linked row's newest
    # version), where the reader may see it; else the office whose enrolment it is.
    enrolment: Enrolment | None = None
    enrolment_hidden_office: str = ""


@dataclass
class GoalView:
    goal: Goal
    steps: list[StepView]
    hidden_step_offices: list[str]
    can_change: bool
    can_add_step: bool


@dataclass
class ChangeView:
    change: PlanChange
    what: str  # "Goal added: Deutsch B1"
    fields: list[tuple[str, str, str]]  # (field, old, new) in words


@dataclass
class Plan:
    person: Person
    goals: list[GoalView] = field(default_factory=list)
    hidden_offices: list[str] = field(default_factory=list)  # offices whose entries are hidden
    changes: list[ChangeView] = field(default_factory=list)
    can_add: bool = False

    @property
    def last_change(self) -> ChangeView | None:
        return self.changes[0] if self.changes else None

    @property
    def open_steps(self) -> list[Step]:
        return sorted(
            (
                view.step
                for goal in self.goals
                for view in goal.steps
                if view.step.status == StepStatus.OPEN
            ),
            key=lambda step: (step.due_on, step.pk),
        )


class _Decisions:
    """One policy decision per owning office; refusals recorded once each."""

    def __init__(self, actor: User, person: Person, purpose: str) -> None:
        self.actor, self.person, self.purpose = actor, person, purpose
        self.decisions: dict[int, Decision] = {}
        self.hidden: dict[int, str] = {}

    def allows(self, office: Office) -> bool:
        if office.pk not in self.decisions:
            decision = decide_category(
                self.actor, self.person, Category.PLAN, owner_office=office, purpose=self.purpose
            )
            self.decisions[office.pk] = decision
            if not decision:
                self.hidden[office.pk] = office.name
                audit_refusal(
                    actor=self.actor,
                    action=Action.VIEW_PERSON,
                    obj=self.person,
                    person_id=self.person.pk,
                    purpose=self.purpose,
                    reason=decision.reason,
                    categories=[Category.PLAN],
                    details={"owner": office.code},
                )
        return bool(self.decisions[office.pk])

    def bases(self) -> list[str]:
        return sorted({d.basis or d.reason for d in self.decisions.values() if d})


def plan_get(*, actor: User, person: Person, purpose: str = Purpose.PLAN) -> Plan:
    """The person's plan as far as the actor's office may see it: the goals and steps of the
    offices it may read, the names of the offices whose entries exist but stay hidden, and the
    changes of what it sees (newest first). Logged as a read of plan data."""
    authorize(actor, Action.VIEW_PERSON, person, purpose=purpose, categories=[Category.PLAN])
    may_edit = bool(decide(actor, Action.EDIT_PERSON, person))
    goals = list(
        Goal.objects.filter(person=person)
        .select_related("owner", "recorded_by", "recorded_by_user")
        .order_by("target_date", "pk")
    )
    steps = list(
        Step.objects.filter(person=person)
        .select_related("responsible", "recorded_by", "recorded_by_user")
        .order_by("due_on", "pk")
    )
    decisions = _Decisions(actor, person, purpose)
    enrolments = _current_enrolments([step.enrolment_id for step in steps if step.enrolment_id])
    plan = Plan(person=person, can_add=may_edit)
    by_goal: dict[int, list[Step]] = {}
    for step in steps:
        by_goal.setdefault(step.goal_id, []).append(step)
    for goal in goals:
        goal_seen = decisions.allows(goal.recorded_by)
        shown, hidden = [], set()
        for step in by_goal.get(goal.pk, []):
            if decisions.allows(step.recorded_by):
                view = StepView(
                    step,
                    can_change=may_edit and step.recorded_by_id == actor.office_id,
                    can_set_status=may_edit
                    and actor.office_id in (step.recorded_by_id, step.responsible_id),
                )
                enrolment = enrolments.get(step.enrolment_id) if step.enrolment_id else None
                if enrolment is not None:
                    if decisions.allows(enrolment.recorded_by):
                        view.enrolment = enrolment
                    else:
                        view.enrolment_hidden_office = enrolment.recorded_by.name
                shown.append(view)
            else:
                hidden.add(step.recorded_by.name)
        if not goal_seen:
            continue
        plan.goals.append(
            GoalView(
                goal,
                steps=shown,
                hidden_step_offices=sorted(hidden),
                can_change=may_edit and goal.recorded_by_id == actor.office_id,
                can_add_step=may_edit and goal.status in OPEN_GOALS,
            )
        )
    plan.goals.sort(key=lambda view: (view.goal.status not in OPEN_GOALS, _goal_order(view)))
    plan.hidden_offices = sorted(set(decisions.hidden.values()))
    plan.changes = _changes(person, decisions) if goals else []
    if decisions.bases():
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            obj=person,
            person_id=person.pk,
            purpose=purpose,
            basis=decisions.bases(),
            categories=[Category.PLAN],
        )
    return plan


def current_enrolment_of(step: Step) -> Enrolment | None:
    """The enrolment linked to the step as it stands now (None without a link)."""
    if not step.enrolment_id:
        return None
    return _current_enrolments([step.enrolment_id]).get(step.enrolment_id)


def _current_enrolments(ids: list[int]) -> dict[int, Enrolment]:
    """The newest version of each linked enrolment (an enrolment that changes is a new row that
    replaces the old one), by the linked row's id: one query per step of the chain, not per row."""
    found: dict[int, Enrolment] = {}
    wanted = {pk: pk for pk in ids}  # row to look at → the linked row it stands for
    while wanted:
        rows = Enrolment.objects.filter(pk__in=wanted).select_related(
            "course__course_type", "course__gemeinde", "recorded_by"
        )
        following: dict[int, int] = {}
        for row in rows:
            if row.replaced_by_id is None:
                found[wanted[row.pk]] = row
            else:
                following[row.replaced_by_id] = wanted[row.pk]
        wanted = following
    return found


def _goal_order(view: GoalView) -> tuple[date, int]:
    return (view.goal.target_date or date.max, view.goal.pk)


def _changes(person: Person, decisions: _Decisions) -> list[ChangeView]:
    """The changes of the goals and steps the actor may see (decisions already taken)."""
    rows = (
        PlanChange.objects.filter(person=person)
        .select_related("office", "user", "goal", "step")
        .order_by("-changed_at", "-pk")
    )
    shown = []
    for change in rows:
        owner = change.step.recorded_by_id if change.step else change.goal.recorded_by_id
        if not decisions.decisions.get(owner):
            continue
        shown.append(change_view(change))
    return shown


FIELD_LABELS = {
    "text": lambda: _("Text"),
    "area": lambda: _("Area"),
    "owner": lambda: _("Owning office"),
    "target_date": lambda: _("Target date"),
    "status": lambda: _("Status"),
    "status_reason": lambda: _("Reason for dropping"),
    "reached_because": lambda: _("Reached because"),
    "due_on": lambda: _("Due on"),
    "responsible": lambda: _("Responsible office"),
    "note": lambda: _("Note"),
    "enrolment": lambda: _("Course enrolment"),
}


def _word(name: str, value: Any, *, step: bool) -> str:
    """A value of the change list in words of the reader's language."""
    if value in (None, ""):
        return "–"
    if name == "enrolment":
        return _("linked")  # which course: on the step itself, where the reader may see it
    if isinstance(value, dict):
        return str(value.get("name", ""))
    if name == "area":
        return str(GoalArea(value).label) if value in GoalArea.values else str(value)
    if name == "status":
        choices = StepStatus if step else GoalStatus
        return str(choices(value).label) if value in choices.values else str(value)
    if name in ("target_date", "due_on"):
        day = dateparse.parse_date(str(value))
        return date_format(day, "SHORT_DATE_FORMAT") if day else str(value)
    return str(value)


def change_view(change: PlanChange) -> ChangeView:
    step = change.step is not None
    subject = change.step.text if change.step else change.goal.text
    what = f"{change.get_kind_display()}: {subject}"
    fields = [
        (
            str(FIELD_LABELS[name]()) if name in FIELD_LABELS else name,
            _word(name, values[0], step=step),
            _word(name, values[1], step=step),
        )
        for name, values in change.changes.items()
        if change.kind in (ChangeKind.GOAL_CHANGED, ChangeKind.STEP_CHANGED)
    ]
    return ChangeView(change, what, fields)


def goal_get(*, actor: User, person: Person, goal_id: object) -> Goal:
    """A goal of the person that the actor's office may see (404 otherwise)."""
    if not str(goal_id).isdigit():
        raise Http404
    goal = (
        Goal.objects.filter(person=person, pk=int(str(goal_id)))
        .select_related("owner", "recorded_by")
        .first()
    )
    if goal is None or not decide_category(
        actor, person, Category.PLAN, owner_office=goal.recorded_by, purpose=Purpose.PLAN
    ):
        raise Http404
    return goal


def step_get(*, actor: User, person: Person, step_id: object) -> Step:
    """A step of the person that the actor's office may see (404 otherwise)."""
    if not str(step_id).isdigit():
        raise Http404
    step = (
        Step.objects.filter(person=person, pk=int(str(step_id)))
        .select_related("goal", "responsible", "recorded_by")
        .first()
    )
    if step is None or not decide_category(
        actor, person, Category.PLAN, owner_office=step.recorded_by, purpose=Purpose.PLAN
    ):
        raise Http404
    return step


def goals_open_to_steps(*, actor: User, person: Person) -> list[Goal]:
    """The open goals of the person the actor's office may see: those a step may be added to."""
    goals = Goal.objects.filter(person=person, status__in=OPEN_GOALS).select_related(
        "recorded_by", "owner"
    )
    decisions: dict[int, bool] = {}
    shown = []
    for goal in goals.order_by("target_date", "pk"):
        if goal.recorded_by_id not in decisions:
            decisions[goal.recorded_by_id] = bool(
                decide_category(
                    actor,
                    person,
                    Category.PLAN,
                    owner_office=goal.recorded_by,
                    purpose=Purpose.PLAN,
                )
            )
        if decisions[goal.recorded_by_id]:
            shown.append(goal)
    return shown


# --- lists: the next steps of many persons ---------------------------------------------------


def _visible_open_steps(actor: User, person_ids: list[Any]) -> tuple[QuerySet[Step], list[str]]:
    """The open steps (of open goals) of these persons that the actor may see, and the bases:
    one condition per office that recorded steps of them (scope_category), in one query."""
    open_steps = Step.objects.filter(
        person_id__in=person_ids, status=StepStatus.OPEN, goal__status__in=OPEN_GOALS
    )
    office_ids = set(open_steps.values_list("recorded_by_id", flat=True).distinct())
    if not office_ids:
        return Step.objects.none(), []
    persons = Person.objects.filter(pk__in=person_ids)
    either = Q()
    bases: set[str] = set()
    assert actor.office is not None  # members of staff only (the callers authorised them)
    for office in Office.objects.filter(pk__in=office_ids):
        allowed = scope_category(
            actor, persons, Category.PLAN, owner_office=office, purpose=Purpose.PLAN
        )
        either |= Q(recorded_by=office, person_id__in=allowed.values("pk"))
        if office.pk == actor.office_id:
            bases.add(LegalBasis(Basis.OWN_CASE))
        else:
            bases.add(
                statutory_basis(office.kind, actor.office.kind, Category.PLAN)
                or LegalBasis(Basis.CONSENT)
            )
    steps = (
        open_steps.filter(either)
        .select_related("responsible", "goal")
        .order_by("person_id", "due_on", "pk")
    )
    return steps, sorted(bases)


def next_steps(
    *, actor: User, persons: Iterable[Person | UUID | str], purpose: str = Purpose.CASELOAD
) -> dict[str, Step]:
    """The next open step of each person's plan that the actor's office may see, by person id
    (as text). Batched: a fixed number of queries however many persons; the persons whose step
    is shown are logged as one list read (ListRead.PLAN_STEPS)."""
    ids = [p.pk if isinstance(p, Person) else p for p in persons]
    if not ids or not decide(actor, Action.VIEW_PERSON):
        return {}
    steps, bases = _visible_open_steps(actor, ids)
    first: dict[str, Step] = {}
    for step in steps:
        first.setdefault(str(step.person_id), step)
    audit_reads(
        actor=actor,
        objects=list(first.values()),
        person_of=lambda step: step.person_id,
        purpose=purpose,
        basis=bases,
        action=ListRead.PLAN_STEPS,
    )
    return first


@dataclass
class WeekSteps:
    steps: list[Step]
    count: int
    week_end: date
    today: date


def steps_this_week(*, actor: User, limit: int = 10) -> WeekSteps | None:
    """For the start page: the open steps due by the end of this week (overdue ones too) of the
    persons of the actor's own open cases, that the actor's office may see; one list read."""
    if not decide(actor, Action.WORK_ON_CASE):
        return None
    today = timezone.localdate()
    week_end = today + timedelta(days=6 - today.weekday())
    mine = scope(actor, Action.WORK_ON_CASE, Case.objects.filter(status=CaseStatus.OPEN)).filter(
        responsible=actor
    )
    person_ids = list(mine.values_list("person_id", flat=True).distinct())
    if not person_ids:
        return WeekSteps([], 0, week_end, today)
    visible, bases = _visible_open_steps(actor, person_ids)
    due = visible.filter(due_on__lte=week_end).order_by("due_on", "pk")
    shown = list(due.select_related("person").prefetch_related("person__names")[:limit])
    audit_reads(
        actor=actor,
        objects=shown,
        person_of=lambda step: step.person_id,
        purpose=Purpose.START_PAGE,
        basis=bases,
        action=ListRead.PLAN_STEPS,
    )
    return WeekSteps(shown, due.count(), week_end, today)
