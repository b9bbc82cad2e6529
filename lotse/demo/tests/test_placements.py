"""The demo placements: Olena hired with a follow-up due and her work goal reached, Yusuf at
the interview; once only."""

import pytest
from django.utils import timezone

from lotse.demo.persons import demo_persons_seed
from lotse.demo.placements import demo_placements_seed
from lotse.demo.plans import demo_plans_seed
from lotse.demo.profiles import demo_profiles_seed
from lotse.demo.region import demo_region_seed
from lotse.jobs.placement_models import Placement
from lotse.jobs.placement_selectors import follow_ups_due
from lotse.organisations.models import User
from lotse.plans.models import Goal, GoalStatus

pytestmark = pytest.mark.django_db


def test_the_demo_placements():
    demo_region_seed()
    demo_persons_seed()
    demo_profiles_seed()
    demo_plans_seed()
    assert demo_placements_seed() == 2
    assert demo_placements_seed() == 0  # once only
    stages = {str(p.person): p.stage for p in Placement.objects.all()}
    assert sorted(stages.values()) == ["hired", "interview"]
    work = Goal.objects.get(text="Arbeit als Buchhalterin in Offenburg")
    assert work.status == GoalStatus.REACHED
    jc = User.objects.get(username="og-jc-sb")
    due = follow_ups_due(actor=jc)
    assert [f.months for f in due] == [1, 3, 6]
    assert due[0].due_on <= timezone.localdate() < due[1].due_on  # the first one is due
