"""The plans benchmark's loader (manage.py load_scale_plans): what a caseworker then sees."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from lotse.cases.models import Case, CaseStatus
from lotse.courses.models import Enrolment
from lotse.demo.region import DEMO_PASSWORD, current_demo_code, demo_region_seed
from lotse.organisations.models import User
from lotse.people.models import PersonLanguage
from lotse.plans.models import Goal, PlanChange, Step
from lotse.profiles.models import Experience, Schooling

pytestmark = pytest.mark.django_db

PERSONS = 60


@pytest.fixture
def loaded():
    demo_region_seed()
    call_command(
        "load_scale_registry", "--persons", str(PERSONS), "--caseworkers", "1", stdout=io.StringIO()
    )
    before = set(Goal.objects.values_list("person_id", flat=True))  # the demo's own plans
    out = io.StringIO()
    call_command("load_scale_plans", stdout=out, stderr=io.StringIO())
    return out.getvalue(), before


def generated_persons():
    return Case.objects.filter(opened_reason="generated").values("person")


def test_every_person_of_the_registry_gets_a_profile_a_plan_and_some_an_enrolment(loaded):
    output, _ = loaded
    assert re.search(rf"Gave {PERSONS} persons \d+ profile entries", output)
    persons = generated_persons()
    assert Schooling.objects.filter(person__in=persons).count() == PERSONS
    assert Experience.objects.filter(person__in=persons).count() == PERSONS
    assert PersonLanguage.objects.filter(person__in=persons, language="de").count() == PERSONS
    goals = Goal.objects.filter(person__in=persons)
    assert PERSONS <= goals.count() <= 2 * PERSONS
    assert goals.values("person").distinct().count() == PERSONS
    assert Step.objects.filter(goal__in=goals).count() == 2 * goals.count()
    # As the services write them: the office of the case, who, and the change list.
    for goal in goals.select_related("owner", "recorded_by")[:20]:
        case = Case.objects.get(person_id=goal.person_id)
        assert goal.recorded_by_id == case.office_id
        assert goal.recorded_by_user_id == case.responsible_id
        assert goal.owner.kreis_id == case.office.kreis_id
        assert goal.steps.filter(person_id=goal.person_id).count() == 2
    assert PlanChange.objects.filter(goal__in=goals).count() == 3 * goals.count()
    week_end = timezone.localdate() + timezone.timedelta(days=6 - timezone.localdate().weekday())
    due = Step.objects.filter(goal__in=goals, due_on__range=(timezone.localdate(), week_end))
    assert due.values("goal").distinct().count() == goals.count()
    enrolments = Enrolment.objects.filter(person__in=persons).select_related("course__gemeinde")
    assert 0 < enrolments.count() < PERSONS
    for enrolment in enrolments:
        case = Case.objects.select_related("office").get(person_id=enrolment.person_id)
        assert enrolment.course.gemeinde.kreis_id == case.office.kreis_id


def test_running_it_again_adds_nothing(loaded):
    _, before = loaded
    goals = Goal.objects.count()
    out = io.StringIO()
    call_command("load_scale_plans", stdout=out)
    assert "Nothing to add" in out.getvalue()
    assert Goal.objects.count() == goals
    # The demo's own plans were left as they were.
    assert (
        not Goal.objects.filter(person_id__in=before)
        .exclude(person__in=generated_persons())
        .filter(recorded_by_user__username__regex=r"-sb-[0-9]+$")
        .exists()
    )


def test_the_caseload_shows_the_next_step_of_the_plan(loaded):
    case = (
        Case.objects.filter(status=CaseStatus.OPEN, opened_reason="generated")
        .exclude(responsible=None)
        .select_related("responsible")
        .first()
    )
    user: User = case.responsible
    step = Step.objects.filter(person_id=case.person_id).order_by("due_on", "pk").first()
    client = Client()
    client.post("/accounts/login/", {"login": user.username, "password": DEMO_PASSWORD})
    assert client.post("/accounts/2fa/authenticate/", {"code": current_demo_code()})["Location"]
    page = client.get("/cases/?mine=1&page_size=100")
    assert page.status_code == 200
    assert f'href="/persons/{case.person_id}/plan/#step-' in page.content.decode()
    plan = client.get(f"/persons/{case.person_id}/plan/")
    assert step.text in plan.content.decode()


def test_it_refuses_without_the_registry_and_in_production_mode():
    with pytest.raises(CommandError, match="load_scale_registry"):
        call_command("load_scale_plans")
    with override_settings(LOTSE_DEMO=False), pytest.raises(CommandError, match="demo mode"):
        call_command("load_scale_plans")
