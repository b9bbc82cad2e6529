"""Writing the integration plan: goals and steps, each change kept as a PlanChange row and an
audit event (PLAN_CHANGED) in the same transaction.

Who may do what (docs/plans.md):
- any office with an open case records goals (owned by any office serving the person's Kreis);
- the office that recorded a goal changes it (text, area, owner, target date, status);
- any office with an open case adds steps to a goal it may see;
- the office that recorded a step changes it (text, due date, responsible office, note);
- the office responsible for a step, and the office that recorded it, set its status.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import (
    Action,
    Category,
    Decision,
    authorize,
    decide,
    decide_category,
    scope_offices,
)
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record, audit_refusal
from lotse.audit.vocabulary import Purpose
from lotse.courses.models import Enrolment
from lotse.organisations.models import Office, OfficeKind, User
from lotse.people.models import Person
from lotse.plans.models import (
    GOAL_TEXT_LENGTH,
    NOTE_LENGTH,
    REASON_LENGTH,
    STEP_TEXT_LENGTH,
    ChangeKind,
    Goal,
    GoalArea,
    GoalStatus,
    PlanChange,
    Step,
    StepStatus,
)


@dataclass
class GoalInput:
    text: str = ""
    area: str = ""
    owner: Office | None = None
    target_date: date | None = None
    status: str = GoalStatus.OPEN
    status_reason: str = ""


@dataclass
class StepInput:
    text: str = ""
    due_on: date | None = None
    responsible: Office | None = None
    note: str = ""
    enrolment: Enrolment | None = None  # the course enrolment that serves the step (optional)


def plan_offices(actor: User) -> QuerySet[Office]:
    """The offices a goal may be owned by and a step be the responsibility of: those serving
    the Kreise of the actor's office (not the Land administration)."""
    return scope_offices(actor).exclude(kind=OfficeKind.LAND).order_by("name")


def _length_error(value: str, limit: int) -> str:
    return _("At most %(limit)s characters (%(count)s typed).") % {
        "limit": limit,
        "count": len(value),
    }


def _goal_errors(actor: User, data: GoalInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    text = data.text.strip()
    if not text:
        errors["text"] = _("Describe the goal.")
    elif len(text) > GOAL_TEXT_LENGTH:
        errors["text"] = _length_error(text, GOAL_TEXT_LENGTH)
    if data.area not in GoalArea.values:
        errors["area"] = _("Choose the area of the goal.")
    if data.owner is None:
        errors["owner"] = _("A goal needs an owner: name the office that owns it.")
    elif not plan_offices(actor).filter(pk=data.owner.pk).exists():
        errors["owner"] = _("This office does not serve the Kreis of your office.")
    if data.status not in GoalStatus.values:
        errors["status"] = _("Choose the status of the goal.")
    reason = data.status_reason.strip()
    if data.status == GoalStatus.DROPPED and not reason:
        errors["status_reason"] = _("Say why the goal was dropped.")
    elif len(reason) > REASON_LENGTH:
        errors["status_reason"] = _length_error(reason, REASON_LENGTH)
    return errors


def _step_errors(
    actor: User,
    person: Person,
    data: StepInput,
    *,
    earlier_due_on: date | None = None,
    earlier_enrolment_id: int | None = None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    text = data.text.strip()
    if not text:
        errors["text"] = _("Describe the step.")
    elif len(text) > STEP_TEXT_LENGTH:
        errors["text"] = _length_error(text, STEP_TEXT_LENGTH)
    if data.due_on is None:
        errors["due_on"] = _("Say by when the step is due.")
    elif data.due_on < timezone.localdate() and data.due_on != earlier_due_on:
        errors["due_on"] = _("The due date has passed: a step is planned for today or later.")
    if data.responsible is None:
        errors["responsible"] = _("Name the office responsible for the step.")
    elif not plan_offices(actor).filter(pk=data.responsible.pk).exists():
        errors["responsible"] = _("This office does not serve the Kreis of your office.")
    if len(data.note.strip()) > NOTE_LENGTH:
        errors["note"] = _length_error(data.note.strip(), NOTE_LENGTH)
    enrolment = data.enrolment
    if enrolment is not None and enrolment.pk != earlier_enrolment_id:  # a link kept stands
        message = _enrolment_error(actor, person, enrolment)
        if message:
            errors["enrolment"] = message
    return errors


def _enrolment_error(actor: User, person: Person, enrolment: Enrolment) -> str:
    """Why a step may not be linked to the enrolment ("" if it may)."""
    if enrolment.person_id != person.pk or enrolment.replaced_by_id is not None:
        return _("Choose a current course enrolment of this person.")
    if not decide_category(
        actor, person, Category.PLAN, owner_office=enrolment.recorded_by, purpose=Purpose.PLAN
    ):
        return _("Your office may not see this course enrolment.")
    return ""


def _office(actor: User) -> Office:
    assert actor.office is not None  # authorised: a member of staff
    return actor.office


def _authorize(actor: User, person: Person) -> Decision:
    return authorize(
        actor, Action.EDIT_PERSON, person, purpose=Purpose.PLAN, categories=[Category.PLAN]
    )


def _refuse(actor: User, person: Person, reason: str, obj: Goal | Step) -> None:
    """A write the plan's own rules refuse (another office's goal or step): recorded, raised."""
    audit_refusal(
        actor=actor,
        action=Action.EDIT_PERSON,
        purpose=Purpose.PLAN,
        reason=reason,
        obj=obj,
        person_id=person.pk,
        categories=[Category.PLAN],
    )
    raise PermissionDenied(reason)


def _value(value: Any) -> Any:
    """A value as the change list keeps it: codes and dates as text, offices by their code
    and name (the words are chosen when the list is shown)."""
    if isinstance(value, Office):
        return {"code": value.code, "name": value.name}
    if isinstance(value, Enrolment):
        return {"enrolment": value.pk}  # named only where the reader may see it
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record_change(
    actor: User,
    decision: Decision,
    *,
    kind: ChangeKind,
    goal: Goal,
    step: Step | None = None,
    changes: dict[str, list[Any]],
) -> PlanChange:
    change = PlanChange.objects.create(
        person_id=goal.person_id,
        goal=goal,
        step=step,
        kind=kind,
        changes=changes,
        office=_office(actor),
        user=actor,
        changed_at=timezone.now(),
    )
    audit_record(
        event_type=EventType.PLAN_CHANGED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=step or goal,
        person_id=goal.person_id,
        purpose=Purpose.PLAN,
        basis=decision.basis,
        categories=[Category.PLAN],
        details={
            "change": str(kind),
            "goal": goal.pk,
            "step": step.pk if step else None,
            "fields": sorted(changes),
        },
    )
    return change


GOAL_FIELDS = ("text", "area", "owner", "target_date", "status", "status_reason")
STEP_FIELDS = ("text", "due_on", "responsible", "note")


def _cleaned_goal(data: GoalInput) -> dict[str, Any]:
    return {
        "text": data.text.strip(),
        "area": data.area,
        "owner": data.owner,
        "target_date": data.target_date,
        "status": data.status,
        "status_reason": data.status_reason.strip() if data.status == GoalStatus.DROPPED else "",
    }


def _cleaned_step(data: StepInput) -> dict[str, Any]:
    return {
        "text": data.text.strip(),
        "due_on": data.due_on,
        "responsible": data.responsible,
        "note": data.note.strip(),
        "enrolment": data.enrolment,
    }


@atomic_service
def goal_record(*, actor: User, person: Person, data: GoalInput) -> Goal:
    """A new goal of the person's plan, recorded by (and belonging to) the actor's office."""
    decision = _authorize(actor, person)
    errors = _goal_errors(actor, data)
    if errors:
        raise ValidationError(errors)
    values = _cleaned_goal(data)
    goal = Goal.objects.create(
        person=person, recorded_by=_office(actor), recorded_by_user=actor, **values
    )
    _record_change(
        actor,
        decision,
        kind=ChangeKind.GOAL_ADDED,
        goal=goal,
        changes={name: [None, _value(value)] for name, value in values.items() if value},
    )
    return goal


@atomic_service
def goal_change(*, actor: User, goal: Goal, data: GoalInput) -> Goal:
    """Change a goal: only the office that recorded it may."""
    goal = Goal.objects.select_for_update().select_related("owner").get(pk=goal.pk)
    person = goal.person
    decision = _authorize(actor, person)
    if goal.recorded_by_id != actor.office_id:
        _refuse(actor, person, _("Only the office that recorded a goal changes it."), goal)
    errors = _goal_errors(actor, data)
    if errors:
        raise ValidationError(errors)
    changes = {}
    for name, value in _cleaned_goal(data).items():
        old = getattr(goal, name)
        if old != value:
            changes[name] = [_value(old), _value(value)]
            setattr(goal, name, value)
    if not changes:
        return goal
    goal.save()
    _record_change(actor, decision, kind=ChangeKind.GOAL_CHANGED, goal=goal, changes=changes)
    return goal


def _may_see(actor: User, person: Person, owner: Office) -> bool:
    return bool(
        decide_category(actor, person, Category.PLAN, owner_office=owner, purpose=Purpose.PLAN)
    )


@atomic_service
def step_record(*, actor: User, goal: Goal, data: StepInput) -> Step:
    """A new step towards a goal the actor's office may see, recorded by the actor's office."""
    person = goal.person
    decision = _authorize(actor, person)
    if not _may_see(actor, person, goal.recorded_by):
        _refuse(actor, person, _("Your office may not see this goal."), goal)
    if goal.status in (GoalStatus.REACHED, GoalStatus.DROPPED):
        raise ValidationError(_("The goal is closed: reopen it before adding steps."))
    errors = _step_errors(actor, person, data)
    if errors:
        raise ValidationError(errors)
    values = _cleaned_step(data)
    step = Step.objects.create(
        goal=goal, person=person, recorded_by=_office(actor), recorded_by_user=actor, **values
    )
    _record_change(
        actor,
        decision,
        kind=ChangeKind.STEP_ADDED,
        goal=goal,
        step=step,
        changes={name: [None, _value(value)] for name, value in values.items() if value},
    )
    return step


@atomic_service
def step_change(*, actor: User, step: Step, data: StepInput) -> Step:
    """Change a step's text, due date, responsible office or note: only the office that
    recorded it may. A changed due date may not lie in the past."""
    step = Step.objects.select_for_update().select_related("responsible", "goal").get(pk=step.pk)
    person = step.goal.person
    decision = _authorize(actor, person)
    if step.recorded_by_id != actor.office_id:
        _refuse(actor, person, _("Only the office that recorded a step changes it."), step)
    errors = _step_errors(
        actor,
        person,
        data,
        earlier_due_on=step.due_on,
        earlier_enrolment_id=step.enrolment_id,
    )
    if errors:
        raise ValidationError(errors)
    changes = {}
    for name, value in _cleaned_step(data).items():
        old = getattr(step, name)
        if old != value:
            changes[name] = [_value(old), _value(value)]
            setattr(step, name, value)
    if not changes:
        return step
    step.save()
    _record_change(
        actor, decision, kind=ChangeKind.STEP_CHANGED, goal=step.goal, step=step, changes=changes
    )
    return step


@atomic_service
def step_set_status(*, actor: User, step: Step, status: str) -> Step:
    """Mark a step done, cancelled or open again: the office responsible for it or the office
    that recorded it (and only if it may see the step)."""
    step = Step.objects.select_for_update().select_related("goal").get(pk=step.pk)
    person = step.goal.person
    decision = _authorize(actor, person)
    if not _may_see(actor, person, step.recorded_by):
        _refuse(actor, person, _("Your office may not see this step."), step)
    if actor.office_id not in (step.responsible_id, step.recorded_by_id):
        _refuse(
            actor,
            person,
            _(
                "Only the office responsible for the step or the office that recorded it "
                "sets its status."
            ),
            step,
        )
    if status not in StepStatus.values:
        raise ValidationError({"status": _("Choose the status of the step.")})
    if step.status == status:
        return step
    changes = {"status": [step.status, status]}
    step.status = status
    step.save(update_fields=["status", "updated_at"])
    _record_change(
        actor, decision, kind=ChangeKind.STEP_CHANGED, goal=step.goal, step=step, changes=changes
    )
    return step


def goal_may_mark_reached(actor: User, goal: Goal) -> bool:
    """Whether the actor's office may mark `goal` reached (the rules of goal_change: the office
    that recorded the goal, allowed to edit the person's plan); asks, records nothing."""
    if goal.recorded_by_id != actor.office_id:
        return False
    return bool(
        decide(
            actor,
            Action.EDIT_PERSON,
            goal.person,
            purpose=Purpose.PLAN,
            categories=[Category.PLAN],
        )
    )


@atomic_service
def goal_mark_reached(*, actor: User, goal: Goal, reason: str) -> Goal:
    """Mark a goal reached (e.g. the person was hired into work or training), recorded as a
    change of the goal the way goal_change records it. Only the office that recorded a goal
    may; a goal already reached or dropped is left as it is."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    person = goal.person
    decision = _authorize(actor, person)
    if goal.recorded_by_id != actor.office_id:
        _refuse(actor, person, _("Only the office that recorded a goal changes it."), goal)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the goal is reached.")})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _length_error(reason, REASON_LENGTH)})
    if goal.status in (GoalStatus.REACHED, GoalStatus.DROPPED):
        return goal
    old = goal.status
    goal.status = GoalStatus.REACHED
    goal.save(update_fields=["status", "updated_at"])
    _record_change(
        actor,
        decision,
        kind=ChangeKind.GOAL_CHANGED,
        goal=goal,
        changes={"status": [old, str(GoalStatus.REACHED)], "reached_because": [None, reason]},
    )
    return goal
