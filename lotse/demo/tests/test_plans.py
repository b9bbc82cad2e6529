"""The demo persons' plans: Amal's goals of the Integrationsmanagement and the Agentur, seen
by each office as the access model allows."""

import pytest

from lotse.demo.persons import demo_persons_seed
from lotse.demo.plans import demo_plans_seed
from lotse.demo.region import demo_region_seed
from lotse.organisations.models import User
from lotse.plans.models import Goal
from lotse.plans.selectors import plan_get

pytestmark = pytest.mark.django_db


def test_amals_plan_and_who_sees_which_goal():
    demo_region_seed()
    demo_persons_seed()
    assert demo_plans_seed() > 0
    assert demo_plans_seed() == 0  # once only
    amal = Goal.objects.get(text="Deutsch B1 bis 06/2027").person

    def goals(username: str) -> set[str]:
        plan = plan_get(actor=User.objects.get(username=username), person=amal)
        return {view.goal.text for view in plan.goals}

    recognition = "Anerkennung als Pharmazeutisch-technische Assistentin"
    assert goals("tue-im-sb") == {"Deutsch B1 bis 06/2027", recognition}  # with her consent
    assert goals("tue-sozialamt-sb") == {recognition}  # § 69 SGB X
    assert goals("aa-rt-sb") == {recognition}


def test_amals_integration_course_step_names_the_agenturs_enrolment():
    demo_region_seed()
    demo_persons_seed()
    demo_plans_seed()
    amal = Goal.objects.get(text="Deutsch B1 bis 06/2027").person
    plan = plan_get(actor=User.objects.get(username="tue-im-sb"), person=amal)
    views = [view for goal in plan.goals for view in goal.steps]
    linked = [view for view in views if view.enrolment is not None]
    assert len(linked) == 1
    enrolment = linked[0].enrolment
    assert enrolment is not None
    assert enrolment.course.provider == "Frauenbildungswerk Tübingen (Demo)"
    assert enrolment.admission == "admissible"  # the rules engine: an asylum seeker from Syria
