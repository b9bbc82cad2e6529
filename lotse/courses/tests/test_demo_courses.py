"""The demo courses in the four pilot Kreise."""

import pytest
from django.test import override_settings

from lotse.courses.models import Course
from lotse.demo.courses import DEMO_COURSES, demo_courses_seed
from lotse.demo.region import demo_region_seed


@override_settings(LOTSE_DEMO=True)
@pytest.mark.django_db
def test_the_demo_region_has_courses_in_every_pilot_kreis():
    demo_region_seed()
    school = Course.objects.filter(course_type__family="school").count()  # lotse/demo/school.py
    assert Course.objects.count() - school == len(DEMO_COURSES)
    kreise = set(Course.objects.values_list("gemeinde__kreis__code", flat=True))
    assert kreise == {"08118", "08317", "08415", "08416"}
    assert Course.objects.filter(childcare=True).exists()
    assert demo_courses_seed() == 0  # seeding again adds nothing
