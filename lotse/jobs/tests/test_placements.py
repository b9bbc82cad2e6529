"""Placements into work or training: the moves and their refusals, the hire with its
follow-ups and the plan goal reached, a proposal starting a placement, and who may record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.jobs.match_services import match_decide
from lotse.jobs.placement_models import (
    FollowUpOutcome,
    Placement,
    PlacementSource,
    PlacementStage,
)
from lotse.jobs.placement_selectors import (
    follow_ups_due,
    placement_board,
    placements_of_person,
)
from lotse.jobs.placements import placement_create, placement_follow_up_record, placement_move
from lotse.jobs.tests.factories import employer_staff, vacancy
from lotse.jobs.tests.match_factories import electrician
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_LUDWIGSBURG, SOZIALAMT_TUEBINGEN
from lotse.plans.models import ChangeKind, Goal, GoalArea, GoalStatus, PlanChange
from lotse.plans.services import GoalInput, goal_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def jc():
    return employer_staff()


@pytest.fixture
def setting(jc):
    return jc, electrician(jc), vacancy(jc)


def _direct(setting):
    jc, person, job = setting
    return placement_create(actor=jc, person=person, vacancy=job, source=PlacementSource.DIRECT)


def _walk_to_offer(jc, placement):
    today = timezone.localdate()
    for stage in ("applied", "interview", "offer"):
        placement = placement_move(actor=jc, placement=placement, stage=stage, on=today).placement
    return placement


def _hire(jc, placement, start=None):
    return placement_move(
        actor=jc,
        placement=placement,
        stage="hired",
        on=timezone.localdate(),
        start_date=start or date(2026, 1, 31),
        contract_type="permanent",
    )


def test_a_direct_placement_starts_proposed_with_its_first_step(setting):
    placement = _direct(setting)
    assert placement.stage == PlacementStage.PROPOSED
    assert [s.stage for s in placement.steps.all()] == ["proposed"]
    assert AuditEvent.objects.filter(
        event_type=EventType.PLACEMENT_RECORDED, object_id=str(placement.pk)
    ).exists()


def test_one_open_placement_per_person_and_vacancy(setting):
    _direct(setting)
    with pytest.raises(ValidationError) as exc:
        _direct(setting)
    assert "vacancy" in exc.value.message_dict


def test_a_proposal_starts_a_placement_once(setting):
    jc, person, job = setting
    decision = match_decide(actor=jc, person=person, vacancy=job, decision="proposed")
    placement = Placement.objects.get(person=person, vacancy=job)
    assert placement.source == PlacementSource.SUGGESTION
    assert placement.match_decision == decision
    match_decide(actor=jc, person=person, vacancy=job, decision="proposed")
    assert Placement.objects.filter(person=person, vacancy=job).count() == 1


def test_a_set_aside_starts_no_placement(setting):
    jc, person, job = setting
    match_decide(actor=jc, person=person, vacancy=job, decision="set_aside", reason="distance")
    assert not Placement.objects.exists()


def test_the_stages_go_forward_one_by_one(setting):
    jc = setting[0]
    placement = _direct(setting)
    with pytest.raises(ValidationError) as exc:
        placement_move(actor=jc, placement=placement, stage="offer", on=timezone.localdate())
    assert "stage" in exc.value.message_dict
    placement = _walk_to_offer(jc, placement)
    assert placement.stage == PlacementStage.OFFER
    assert placement.steps.count() == 4


def test_a_day_in_the_future_is_refused(setting):
    jc = setting[0]
    placement = _direct(setting)
    with pytest.raises(ValidationError) as exc:
        placement_move(
            actor=jc,
            placement=placement,
            stage="applied",
            on=timezone.localdate() + timedelta(days=1),
        )
    assert "on" in exc.value.message_dict


def test_a_rejection_needs_a_reason_and_closes_the_placement(setting):
    jc = setting[0]
    placement = _direct(setting)
    with pytest.raises(ValidationError) as exc:
        placement_move(actor=jc, placement=placement, stage="rejected", on=timezone.localdate())
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        placement_move(
            actor=jc,
            placement=placement,
            stage="rejected",
            on=timezone.localdate(),
            reason="other",
        )
    assert "note" in exc.value.message_dict
    placement = placement_move(
        actor=jc,
        placement=placement,
        stage="rejected",
        on=timezone.localdate(),
        reason="employer_declined",
    ).placement
    with pytest.raises(ValidationError):
        placement_move(actor=jc, placement=placement, stage="applied", on=timezone.localdate())
    # closed: a new placement for the pair may be recorded
    assert _direct(setting).pk != placement.pk


def test_the_hire_needs_start_and_contract(setting):
    jc = setting[0]
    placement = _walk_to_offer(jc, _direct(setting))
    with pytest.raises(ValidationError) as exc:
        placement_move(actor=jc, placement=placement, stage="hired", on=timezone.localdate())
    assert {"start_date", "contract_type"} <= set(exc.value.message_dict)


def test_the_hire_creates_follow_ups_and_reaches_the_work_goal(setting):
    jc, person, job = setting
    goal = goal_record(
        actor=jc,
        person=person,
        data=GoalInput(text="Arbeit als Elektroniker", area=GoalArea.WORK, owner=jc.office),
    )
    placement = _walk_to_offer(jc, _direct(setting))
    moved = _hire(jc, placement)
    assert [f.due_on for f in moved.placement.follow_ups.all()] == [
        date(2026, 2, 28),
        date(2026, 4, 30),
        date(2026, 7, 31),
    ]
    goal.refresh_from_db()
    assert goal.status == GoalStatus.REACHED
    assert moved.goals_reached == [goal]
    assert PlanChange.objects.filter(goal=goal, kind=ChangeKind.GOAL_CHANGED).exists()


def test_another_offices_goal_is_left_as_it_is(setting):
    jc, person, _job = setting
    other = reference_office(SOZIALAMT_TUEBINGEN)
    goal = Goal.objects.create(
        person=person,
        text="Arbeit finden",
        area=GoalArea.WORK,
        owner=other,
        recorded_by=other,
    )
    moved = _hire(jc, _walk_to_offer(jc, _direct(setting)))
    goal.refresh_from_db()
    assert goal.status == GoalStatus.OPEN
    assert moved.goals_left == [goal]


def test_a_follow_up_records_the_outcome_and_ended_ends_the_placement(setting):
    jc = setting[0]
    placement = _hire(jc, _walk_to_offer(jc, _direct(setting))).placement
    first, second, _third = placement.follow_ups.all()
    today = timezone.localdate()
    placement_follow_up_record(actor=jc, follow_up=first, done_on=today, outcome="going_well")
    first.refresh_from_db()
    assert first.outcome == FollowUpOutcome.GOING_WELL
    with pytest.raises(ValidationError) as exc:
        placement_follow_up_record(actor=jc, follow_up=first, done_on=today, outcome="at_risk")
    assert "done_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        placement_follow_up_record(actor=jc, follow_up=second, done_on=today, outcome="ended")
    assert "reason" in exc.value.message_dict
    placement_follow_up_record(
        actor=jc, follow_up=second, done_on=today, outcome="ended", reason="probation"
    )
    placement.refresh_from_db()
    assert placement.stage == PlacementStage.ENDED
    assert placement.steps.last().reason == "probation"


def test_the_sozialamt_records_no_placements(setting):
    sozialamt = UserFactory(office=reference_office(SOZIALAMT_TUEBINGEN), roles=[Role.CASEWORKER])
    _jc, person, job = setting
    with pytest.raises(Http404):
        placement_create(actor=sozialamt, person=person, vacancy=job, source=PlacementSource.DIRECT)


def test_another_kreis_neither_records_nor_sees(setting):
    ludwigsburg = UserFactory(
        office=reference_office(JOBCENTER_LUDWIGSBURG), roles=[Role.CASEWORKER]
    )
    placement = _direct(setting)
    with pytest.raises(Http404):
        placement_move(
            actor=ludwigsburg, placement=placement, stage="applied", on=timezone.localdate()
        )
    assert not placement_board(actor=ludwigsburg).exists()


def test_the_selectors(setting):
    jc, person, _job = setting
    placement = _hire(jc, _walk_to_offer(jc, _direct(setting)), start=date(2025, 1, 1)).placement
    assert list(placement_board(actor=jc)) == [placement]
    assert placements_of_person(actor=jc, person=person) == [placement]
    assert [f.months for f in follow_ups_due(actor=jc)] == [1, 3, 6]
