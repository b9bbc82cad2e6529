"""goal_mark_reached: a goal marked reached with the reason kept in the change list, by the
office that recorded it only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lotse.audit.models import AuditEvent, EventType
from lotse.jobs.tests.factories import employer_staff
from lotse.jobs.tests.match_factories import electrician
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import SOZIALAMT_TUEBINGEN
from lotse.plans.models import ChangeKind, GoalArea, GoalStatus, PlanChange
from lotse.plans.services import GoalInput, goal_mark_reached, goal_may_mark_reached, goal_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal():
    jc = employer_staff()
    person = electrician(jc)
    return jc, goal_record(
        actor=jc,
        person=person,
        data=GoalInput(text="Arbeit finden", area=GoalArea.WORK, owner=jc.office),
    )


def test_the_recording_office_marks_it_reached(goal):
    jc, made = goal
    assert goal_may_mark_reached(jc, made)
    goal_mark_reached(actor=jc, goal=made, reason="Eingestellt bei Elektro Hölderlin")
    made.refresh_from_db()
    assert made.status == GoalStatus.REACHED
    change = PlanChange.objects.filter(goal=made, kind=ChangeKind.GOAL_CHANGED).get()
    assert change.changes["status"] == ["open", "reached"]
    assert change.changes["reached_because"][1] == "Eingestellt bei Elektro Hölderlin"
    assert AuditEvent.objects.filter(event_type=EventType.PLAN_CHANGED).count() == 2


def test_a_reason_is_needed(goal):
    jc, made = goal
    with pytest.raises(ValidationError):
        goal_mark_reached(actor=jc, goal=made, reason=" ")


def test_another_office_may_not(goal):
    _jc, made = goal
    other = UserFactory(office=reference_office(SOZIALAMT_TUEBINGEN), roles=[Role.CASEWORKER])
    assert not goal_may_mark_reached(other, made)
    with pytest.raises((PermissionDenied, Http404)):
        goal_mark_reached(actor=other, goal=made, reason="eingestellt")
    made.refresh_from_db()
    assert made.status == GoalStatus.OPEN
