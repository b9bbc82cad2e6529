"""Recording placements into work or training and their follow-up (docs/placements.md).

- placement_create: a person on the way into a vacancy, from a proposed match (match_decide
  calls it in its own transaction) or recorded directly;
- placement_move: the next stage, as a new PlacementStep row; on the hire the start of work and
  the contract are recorded, the follow-ups after 1, 3 and 6 months are created, and the
  person's open plan goal for work or training is marked reached where the office may;
- placement_follow_up_record: what a follow-up found; "ended" ends the placement with a reason.

Each asks the policy (Action.RECORD_PLACEMENTS for the vacancy's Kreis, and Action.EDIT_PERSON
on the person's profile for the purpose Purpose.PLACEMENT) and writes its audit event.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, Decision, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.jobs.match_models import MatchDecision, MatchDecisionKind
from lotse.jobs.models import Vacancy, VacancyKind, VacancyStatus
from lotse.jobs.placement_models import (
    ALLOWED_MOVES,
    CLOSED_STAGES,
    FOLLOW_UP_MONTHS,
    NOTE_MAX,
    ContractType,
    FollowUpOutcome,
    Placement,
    PlacementFollowUp,
    PlacementSource,
    PlacementStage,
    PlacementStep,
    StepReason,
)
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.plans.models import Goal, GoalArea, GoalStatus
from lotse.plans.services import goal_mark_reached, goal_may_mark_reached

REASON_STAGES = (PlacementStage.REJECTED, PlacementStage.ENDED)


@dataclass
class Moved:
    """A move and what it did to the plan: the goals marked reached, and those the office may
    not change (left as they are; the page says so)."""

    placement: Placement
    goals_reached: list[Goal] = field(default_factory=list)
    goals_left: list[Goal] = field(default_factory=list)


def _authorize(actor: User, person: Person, vacancy: Vacancy | Placement) -> Decision:
    authorize(actor, Action.RECORD_PLACEMENTS, vacancy, purpose=Purpose.PLACEMENT)
    return authorize(
        actor,
        Action.EDIT_PERSON,
        person,
        purpose=Purpose.PLACEMENT,
        categories=[Category.PROFILE],
    )


def _note_error(note: str) -> str:
    if len(note) > NOTE_MAX:
        return _("At most %(max)s characters (now %(length)s).") % {
            "max": NOTE_MAX,
            "length": len(note),
        }
    return ""


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def open_placement(person: Person, vacancy: Vacancy) -> Placement | None:
    return (
        Placement.objects.filter(person=person, vacancy=vacancy)
        .exclude(stage__in=CLOSED_STAGES)
        .first()
    )


def _create(
    *,
    actor: User,
    person: Person,
    vacancy: Vacancy,
    source: str,
    decision: MatchDecision | None,
    note: str,
    basis: str,
) -> Placement:
    assert actor.office is not None  # the policy admits members of staff only
    today = timezone.localdate()
    placement = Placement.objects.create(
        person=person,
        vacancy=vacancy,
        source=source,
        match_decision=decision,
        stage=PlacementStage.PROPOSED,
        stage_since=today,
        recorded_by=actor.office,
        recorded_by_user=actor,
    )
    PlacementStep.objects.create(
        placement=placement,
        stage=PlacementStage.PROPOSED,
        on=today,
        note=note,
        recorded_by=actor.office,
        recorded_by_user=actor,
    )
    audit_record(
        event_type=EventType.PLACEMENT_RECORDED,
        actor=actor,
        action=Action.RECORD_PLACEMENTS,
        obj=placement,
        person_id=person.pk,
        purpose=Purpose.PLACEMENT,
        basis=basis,
        categories=[Category.PROFILE],
        details={
            "vacancy": vacancy.pk,
            "source": source,
            "decision": decision.pk if decision else None,
        },
    )
    return placement


@atomic_service
def placement_create(
    *,
    actor: User,
    person: Person,
    vacancy: Vacancy,
    source: str,
    decision: MatchDecision | None = None,
    note: str = "",
) -> Placement:
    """Record that `person` is on the way into `vacancy` (stage: proposed). One open placement
    per person and vacancy."""
    allowed = _authorize(actor, person, vacancy)
    note = note.strip()
    errors: dict[str, str] = {}
    if source not in PlacementSource.values:
        errors["source"] = _("Say where the placement comes from.")
    elif source == PlacementSource.SUGGESTION and (
        decision is None
        or decision.decision != MatchDecisionKind.PROPOSED
        or decision.person_id != person.pk
        or decision.vacancy_id != vacancy.pk
    ):
        errors["source"] = _("A placement from a suggestion needs the proposal it comes from.")
    if vacancy.status != VacancyStatus.OPEN:
        errors["vacancy"] = _("The vacancy is no longer open.")
    elif open_placement(person, vacancy) is not None:
        errors["vacancy"] = _("This person already has an open placement for this vacancy.")
    if message := _note_error(note):
        errors["note"] = message
    if errors:
        raise ValidationError(errors)
    return _create(
        actor=actor,
        person=person,
        vacancy=vacancy,
        source=source,
        decision=decision if source == PlacementSource.SUGGESTION else None,
        note=note,
        basis=allowed.basis,
    )


def placement_from_proposal(*, actor: User, decision: MatchDecision) -> Placement | None:
    """Inside match_decide's transaction: the placement a proposal starts, unless one is open
    for the pair already or the office records no placements (then None)."""
    from lotse.access.policy import decide

    if decision.decision != MatchDecisionKind.PROPOSED:
        return None
    if not decide(actor, Action.RECORD_PLACEMENTS, decision.vacancy):
        return None  # an office that does not place people in work: the decision only
    if open_placement(decision.person, decision.vacancy) is not None:
        return None
    return placement_create(
        actor=actor,
        person=decision.person,
        vacancy=decision.vacancy,
        source=PlacementSource.SUGGESTION,
        decision=decision,
        note=decision.note,
    )


def _stage_error(placement: Placement, stage: str) -> str:
    if stage not in PlacementStage.values:
        return _("Choose the next stage.")
    if placement.stage in CLOSED_STAGES:
        return _("This placement is closed (%(stage)s): it is not moved on.") % {
            "stage": PlacementStage(placement.stage).label
        }
    if stage not in ALLOWED_MOVES[placement.stage]:
        return _("From “%(old)s” a placement goes on to %(allowed)s only.") % {
            "old": PlacementStage(placement.stage).label,
            "allowed": ", ".join(
                f"“{PlacementStage(s).label}”" for s in ALLOWED_MOVES[placement.stage]
            ),
        }
    return ""


def _day_error(placement: Placement, on: date | None) -> str:
    if on is None:
        return _("Say on which day this happened.")
    if on > timezone.localdate():
        return _("The day lies in the future: record a step when it has happened.")
    if on < placement.stage_since:
        return _("The day lies before the current stage (since %(day)s).") % {
            "day": placement.stage_since.strftime("%d.%m.%Y")
        }
    return ""


def _reason_errors(needed: bool, reason: str, note: str, *, missing: str) -> dict[str, str]:
    """The reason of a rejection or an end (`needed`), or none."""
    if not needed:
        if reason:
            return {"reason": _("A reason is given only when a placement is rejected or ended.")}
        return {}
    if not reason:
        return {"reason": missing}
    if reason not in StepReason.values:
        return {"reason": _("Unknown reason.")}
    if reason == StepReason.OTHER and not note:
        return {"note": _("Describe the other reason in the note.")}
    return {}


def _hire_errors(stage: str, start_date: date | None, contract_type: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if stage != PlacementStage.HIRED:
        if start_date is not None or contract_type:
            errors["start_date"] = _("The start and the contract are recorded on the hire only.")
        return errors
    if start_date is None:
        errors["start_date"] = _("Say when the work or training starts.")
    if not contract_type:
        errors["contract_type"] = _("Choose the kind of contract.")
    elif contract_type not in ContractType.values:
        errors["contract_type"] = _("Unknown kind of contract.")
    return errors


def _move_errors(
    placement: Placement,
    *,
    stage: str,
    on: date | None,
    reason: str,
    note: str,
    start_date: date | None,
    contract_type: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if message := _stage_error(placement, stage):
        errors["stage"] = message
    if message := _day_error(placement, on):
        errors["on"] = message
    errors.update(
        _reason_errors(
            stage in REASON_STAGES,
            reason,
            note,
            missing=_("Say why the placement was rejected or ended."),
        )
    )
    errors.update(_hire_errors(stage, start_date, contract_type))
    if message := _note_error(note):
        errors.setdefault("note", message)
    return errors


def _goal_area(vacancy: Vacancy) -> str:
    return GoalArea.WORK if vacancy.kind == VacancyKind.JOB else GoalArea.TRAINING


def _reach_goals(actor: User, placement: Placement, moved: Moved) -> None:
    goals = Goal.objects.filter(
        person=placement.person,
        area=_goal_area(placement.vacancy),
        status__in=(GoalStatus.OPEN, GoalStatus.IN_PROGRESS),
    ).order_by("pk")
    reason = _("Hired: %(vacancy)s") % {"vacancy": placement.vacancy}
    for goal in goals:
        if goal_may_mark_reached(actor, goal):
            moved.goals_reached.append(goal_mark_reached(actor=actor, goal=goal, reason=reason))
        else:
            moved.goals_left.append(goal)


@atomic_service
def placement_move(
    *,
    actor: User,
    placement: Placement,
    stage: str,
    on: date | None,
    reason: str = "",
    note: str = "",
    start_date: date | None = None,
    contract_type: str = "",
) -> Moved:
    """Move a placement on to `stage` (ALLOWED_MOVES), as a new step of its history."""
    placement = (
        Placement.objects.select_for_update()
        .select_related("vacancy__gemeinde", "vacancy__employer", "person")
        .get(pk=placement.pk)
    )
    allowed = _authorize(actor, placement.person, placement)
    assert actor.office is not None
    reason, note = reason.strip(), note.strip()
    errors = _move_errors(
        placement,
        stage=stage,
        on=on,
        reason=reason,
        note=note,
        start_date=start_date,
        contract_type=contract_type,
    )
    if errors:
        raise ValidationError(errors)
    assert on is not None
    old = placement.stage
    placement.stage = stage
    placement.stage_since = on
    if stage == PlacementStage.HIRED:
        placement.start_date = start_date
        placement.contract_type = contract_type
    placement.save()
    PlacementStep.objects.create(
        placement=placement,
        stage=stage,
        on=on,
        reason=reason,
        note=note,
        recorded_by=actor.office,
        recorded_by_user=actor,
    )
    moved = Moved(placement)
    if stage == PlacementStage.HIRED:
        assert start_date is not None
        for months in FOLLOW_UP_MONTHS:
            PlacementFollowUp.objects.create(
                placement=placement, months=months, due_on=_add_months(start_date, months)
            )
        _reach_goals(actor, placement, moved)
    audit_record(
        event_type=EventType.PLACEMENT_CHANGED,
        actor=actor,
        action=Action.RECORD_PLACEMENTS,
        obj=placement,
        person_id=placement.person_id,
        purpose=Purpose.PLACEMENT,
        basis=allowed.basis,
        categories=[Category.PROFILE],
        details={
            "from": old,
            "to": stage,
            "reason": reason,
            "goals_reached": [g.pk for g in moved.goals_reached],
            "goals_left": [g.pk for g in moved.goals_left],
        },
    )
    return moved


def _follow_up_day_error(
    placement: Placement, follow_up: PlacementFollowUp, done_on: date | None
) -> str:
    if follow_up.done_on is not None:
        return _("This follow-up has been recorded already.")
    if done_on is None:
        return _("Say on which day the follow-up took place.")
    if done_on > timezone.localdate():
        return _("The day lies in the future: record a follow-up when it has happened.")
    if placement.start_date and done_on < placement.start_date:
        return _("The day lies before the start of work.")
    return ""


def _follow_up_errors(
    follow_up: PlacementFollowUp,
    placement: Placement,
    done_on: date | None,
    outcome: str,
    reason: str,
    note: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if message := _follow_up_day_error(placement, follow_up, done_on):
        errors["done_on"] = message
    if placement.stage != PlacementStage.HIRED and follow_up.done_on is None:
        errors["outcome"] = _("Follow-ups are recorded while the person is at work.")
    elif outcome not in FollowUpOutcome.values:
        errors["outcome"] = _("Choose how it is going.")
    errors.update(
        _reason_errors(
            outcome == FollowUpOutcome.ENDED,
            reason,
            note,
            missing=_("Say why the work or training ended."),
        )
    )
    if message := _note_error(note):
        errors.setdefault("note", message)
    return errors


@atomic_service
def placement_follow_up_record(
    *,
    actor: User,
    follow_up: PlacementFollowUp,
    done_on: date | None,
    outcome: str,
    note: str = "",
    reason: str = "",
) -> PlacementFollowUp:
    """Record what a follow-up found. Outcome "ended": the placement moves to ended on that
    day with `reason` (required then)."""
    follow_up = PlacementFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    placement = Placement.objects.select_related("vacancy__gemeinde", "person").get(
        pk=follow_up.placement_id
    )
    allowed = _authorize(actor, placement.person, placement)
    assert actor.office is not None
    note, reason = note.strip(), reason.strip()
    errors = _follow_up_errors(follow_up, placement, done_on, outcome, reason, note)
    if errors:
        raise ValidationError(errors)
    assert done_on is not None
    follow_up.done_on = done_on
    follow_up.outcome = outcome
    follow_up.note = note
    follow_up.recorded_by = actor.office
    follow_up.recorded_by_user = actor
    follow_up.save()
    audit_record(
        event_type=EventType.PLACEMENT_FOLLOW_UP,
        actor=actor,
        action=Action.RECORD_PLACEMENTS,
        obj=follow_up,
        person_id=placement.person_id,
        purpose=Purpose.PLACEMENT,
        basis=allowed.basis,
        categories=[Category.PROFILE],
        details={"placement": placement.pk, "months": follow_up.months, "outcome": outcome},
    )
    if outcome == FollowUpOutcome.ENDED:
        placement_move(
            actor=actor,
            placement=placement,
            stage=PlacementStage.ENDED,
            on=max(done_on, placement.stage_since),
            reason=reason,
            note=note,
        )
    return follow_up
