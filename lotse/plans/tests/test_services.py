"""Goals and steps: what makes them valid, who may change them, and the change list."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.plans.models import ChangeKind, Goal, GoalStatus, PlanChange, Step, StepStatus
from lotse.plans.services import goal_change, step_change, step_record, step_set_status
from lotse.plans.tests.conftest import goal_input, step_input


def test_a_goal_is_recorded_with_its_owner_and_the_recording_office(person, im, add_goal):
    goal = add_goal(im, person)
    assert goal.recorded_by == im.office
    assert goal.recorded_by_user == im
    assert goal.owner == im.office
    assert goal.status == GoalStatus.OPEN
    change = PlanChange.objects.get(goal=goal)
    assert change.kind == ChangeKind.GOAL_ADDED
    assert change.office == im.office
    assert change.user == im
    event = AuditEvent.objects.filter(event_type=EventType.PLAN_CHANGED).latest("pk")
    assert event.person_id == str(person.pk)
    assert event.categories == ["plan"]
    assert event.details["change"] == "goal_added"
    assert "Deutsch" not in str(event.details)  # no free text in the trail


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"owner": None}, "owner", "A goal needs an owner"),
        ({"text": ""}, "text", "Describe the goal"),
        ({"text": "x" * 301}, "text", "At most 300 characters (301 typed)"),
        ({"area": "everything"}, "area", "Choose the area"),
        ({"status": GoalStatus.DROPPED}, "status_reason", "Say why the goal was dropped"),
    ],
)
def test_an_incomplete_goal_is_refused_and_nothing_is_stored(
    person, im, add_goal, overrides, field, message
):
    with pytest.raises(ValidationError) as refused:
        add_goal(im, person, **overrides)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Goal.objects.exists()
    assert not PlanChange.objects.exists()


def test_a_goal_owned_by_an_office_of_another_kreis_is_refused(
    person, im, add_goal, other_caseworker
):
    with pytest.raises(ValidationError) as refused:
        add_goal(im, person, owner=other_caseworker.office)
    assert "does not serve the Kreis" in str(refused.value.message_dict["owner"])


def test_only_the_recording_office_changes_a_goal(person, im, jobcenter, add_goal):
    goal = add_goal(im, person)
    with pytest.raises((PermissionDenied, Http404)):
        goal_change(actor=jobcenter, goal=goal, data=goal_input(im.office, text="Anders"))
    assert Goal.objects.get(pk=goal.pk).text == "Deutsch B1 bis 06/2027"
    changed = goal_change(
        actor=im,
        goal=goal,
        data=goal_input(im.office, status=GoalStatus.DROPPED, status_reason="Umzug"),
    )
    assert changed.status == GoalStatus.DROPPED
    change = PlanChange.objects.filter(goal=goal, kind=ChangeKind.GOAL_CHANGED).get()
    assert change.changes == {
        "status": ["open", "dropped"],
        "status_reason": ["", "Umzug"],
    }


def test_a_step_needs_a_due_date_today_or_later_and_a_responsible_office(
    person, im, add_goal, add_step
):
    goal = add_goal(im, person)
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        add_step(im, goal, due_on=yesterday, responsible=None, text="y" * 301)
    errors = refused.value.message_dict
    assert "The due date has passed" in errors["due_on"][0]
    assert "Name the office responsible" in errors["responsible"][0]
    assert "At most 300 characters" in errors["text"][0]
    assert not Step.objects.exists()


def test_any_office_that_sees_the_goal_adds_steps_and_the_responsible_one_marks_them_done(
    person, caseworker, agentur, jobcenter, add_goal, add_step
):
    goal = add_goal(agentur, person, text="Anerkennung als PTA")
    step = add_step(jobcenter, goal, responsible=agentur.office, text="Antrag bei der ZAB")
    assert step.recorded_by == jobcenter.office
    assert step.person == person
    # The Sozialamt may see the step (§ 69 SGB X) but is neither responsible nor its recorder.
    with pytest.raises(PermissionDenied):
        step_set_status(actor=caseworker, step=step, status=StepStatus.DONE)
    done = step_set_status(actor=agentur, step=step, status=StepStatus.DONE)
    assert done.status == StepStatus.DONE
    change = PlanChange.objects.filter(step=step, kind=ChangeKind.STEP_CHANGED).get()
    assert change.office == agentur.office
    assert change.changes == {"status": ["open", "done"]}
    refused = AuditEvent.objects.filter(outcome=Outcome.DENIED, actor=caseworker)
    assert refused.exists()


def test_only_the_recording_office_changes_a_step(person, im, jobcenter, add_goal, add_step):
    goal = add_goal(jobcenter, person)
    step = add_step(jobcenter, goal, responsible=im.office)
    later = timezone.localdate() + timedelta(days=20)
    with pytest.raises(PermissionDenied):
        step_change(actor=im, step=step, data=step_input(im.office, due_on=later))
    changed = step_change(
        actor=jobcenter, step=step, data=step_input(im.office, due_on=later, note="Termin")
    )
    assert changed.due_on == later
    assert changed.note == "Termin"


def test_the_integrationsmanagement_adds_no_step_to_a_goal_it_may_not_see(
    person, im, jobcenter, add_goal
):
    goal = add_goal(jobcenter, person)
    with pytest.raises(PermissionDenied):
        step_record(actor=im, goal=goal, data=step_input(im.office))
    assert not Step.objects.exists()


def test_an_office_without_a_case_changes_nothing(person, other_caseworker, im, add_goal):
    goal = add_goal(im, person)
    with pytest.raises((PermissionDenied, Http404)):
        step_record(actor=other_caseworker, goal=goal, data=step_input(im.office))
    assert not Step.objects.exists()
