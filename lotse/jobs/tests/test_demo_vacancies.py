"""The demo employers and vacancies in the pilot Kreise."""

import pytest
from django.test import override_settings

from lotse.demo.region import demo_region_seed
from lotse.demo.vacancies import DEMO_EMPLOYERS, demo_vacancies_seed
from lotse.jobs.models import Change, Employer, Vacancy, VacancyStatus


@override_settings(LOTSE_DEMO=True)
@pytest.mark.django_db
def test_the_demo_region_has_employers_and_vacancies_in_the_pilot_kreise():
    demo_region_seed()
    assert Employer.objects.count() == len(DEMO_EMPLOYERS)
    assert Vacancy.objects.count() == sum(len(e.vacancies) for e in DEMO_EMPLOYERS)
    kreise = set(Vacancy.objects.values_list("gemeinde__kreis__code", flat=True))
    assert kreise == {"08118", "08317", "08415", "08416"}
    electrician = Vacancy.objects.get(
        title="Elektroniker/in für Energie- und Gebäudetechnik", kind="job"
    )
    assert electrician.occupation.kldb_code == "26212"
    assert electrician.gemeinde.name == "Tübingen"
    assert electrician.recorded_by.kind == "agentur"
    assert set(Vacancy.objects.values_list("kind", flat=True)) == {"job", "apprenticeship", "eq"}
    assert Vacancy.objects.filter(status=VacancyStatus.FILLED).exists()
    assert Change.objects.filter(vacancy=electrician).exists()
    assert demo_vacancies_seed() == 0  # seeding again adds nothing
