"""A step of the plan linked to the course enrolment that serves it: stored, shown as the
enrolment stands now, refused for another person's enrolment, announced where hidden."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.courses.models import Enrolment, EnrolmentState
from lotse.courses.tests.factories import CourseFactory
from lotse.people.tests.factories import register
from lotse.plans.models import ChangeKind, PlanChange, Step
from lotse.plans.selectors import change_view, plan_get
from lotse.plans.services import step_change
from lotse.plans.tests.conftest import step_input

TODAY = timezone.localdate()


def seat(person, actor, *, state=EnrolmentState.ENROLLED) -> Enrolment:
    course = CourseFactory(provider="VHS Tübingen")
    return Enrolment.objects.create(
        person=person,
        course=course,
        state=state,
        entitled_since=TODAY,
        course_starts_on=course.starts_on,
        recorded_by=actor.office,
        recorded_by_user=actor,
    )


def the_step(plan, step):
    return next(view for goal in plan.goals for view in goal.steps if view.step.pk == step.pk)


def test_a_step_names_the_enrolment_that_serves_it(person, jobcenter, add_goal, add_step):
    enrolment = seat(person, jobcenter)
    goal = add_goal(jobcenter, person)
    step = add_step(jobcenter, goal, enrolment=enrolment)
    assert step.enrolment == enrolment
    view = the_step(plan_get(actor=jobcenter, person=person), step)
    assert view.enrolment == enrolment
    added = PlanChange.objects.get(step=step, kind=ChangeKind.STEP_ADDED)
    assert added.changes["enrolment"] == [None, {"enrolment": enrolment.pk}]


def test_the_plan_shows_the_enrolment_as_it_stands_now(person, jobcenter, add_goal, add_step):
    waiting = seat(person, jobcenter, state=EnrolmentState.WAITING)
    step = add_step(jobcenter, add_goal(jobcenter, person), enrolment=waiting)
    seated = seat(person, jobcenter)
    Enrolment.objects.filter(pk=waiting.pk).update(replaced_by=seated, replaced_at=timezone.now())
    view = the_step(plan_get(actor=jobcenter, person=person), step)
    assert view.enrolment == seated


def test_another_persons_enrolment_is_refused_and_nothing_is_stored(
    person, caseworker, jobcenter, add_goal, add_step
):
    other = register(caseworker, family_name="Andere")
    goal = add_goal(jobcenter, person)
    with pytest.raises(ValidationError) as refused:
        add_step(jobcenter, goal, enrolment=seat(other, jobcenter))
    assert "enrolment" in refused.value.message_dict
    assert not Step.objects.filter(goal=goal).exists()


def test_a_replaced_enrolment_is_refused(person, jobcenter, add_goal, add_step):
    old = seat(person, jobcenter, state=EnrolmentState.WAITING)
    Enrolment.objects.filter(pk=old.pk).update(replaced_by=seat(person, jobcenter))
    old.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        add_step(jobcenter, add_goal(jobcenter, person), enrolment=old)
    assert refused.value.message_dict["enrolment"] == [
        "Choose a current course enrolment of this person."
    ]


def test_an_enrolment_the_office_may_not_see_is_refused(person, jobcenter, im, add_goal, add_step):
    # The Integrationsmanagement's enrolment without the person's consent: closed to the
    # Jobcenter.
    goal = add_goal(jobcenter, person)
    with pytest.raises(ValidationError) as refused:
        add_step(jobcenter, goal, enrolment=seat(person, im))
    assert refused.value.message_dict["enrolment"] == [
        "Your office may not see this course enrolment."
    ]


def test_a_kept_link_stands_when_the_step_changes_and_a_new_link_is_a_change(
    person, jobcenter, add_goal, add_step
):
    first = seat(person, jobcenter)
    step = add_step(jobcenter, add_goal(jobcenter, person), enrolment=first)
    step_change(
        actor=jobcenter,
        step=step,
        data=step_input(jobcenter.office, text="Anmeldung bestätigen", enrolment=first),
    )
    second = seat(person, jobcenter)
    step_change(
        actor=jobcenter,
        step=step,
        data=step_input(
            jobcenter.office,
            text="Anmeldung bestätigen",
            enrolment=second,
            due_on=TODAY + timedelta(days=3),
        ),
    )
    changes = PlanChange.objects.filter(step=step, kind=ChangeKind.STEP_CHANGED).order_by("pk")
    assert list(changes[0].changes) == ["text"]
    assert changes[1].changes["enrolment"] == [
        {"enrolment": first.pk},
        {"enrolment": second.pk},
    ]
    assert change_view(changes[1]).fields == [("Course enrolment", "linked", "linked")]
