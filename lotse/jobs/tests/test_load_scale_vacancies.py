"""The matching benchmark's vacancy loader (manage.py load_scale_vacancies): what a caseworker
then sees in the vacancy list, and that it refuses outside demo mode."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from lotse.audit.models import AuditEvent, EventType
from lotse.courses.tests.factories import place
from lotse.jobs.models import Employer, Vacancy, VacancyStatus
from lotse.jobs.selectors import vacancy_list
from lotse.jobs.tests.factories import employer_staff
from lotse.organisations.models import OfficeKind
from lotse.organisations.tests.personas import LUDWIGSBURG, TUEBINGEN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def gemeinden():
    return [place(TUEBINGEN, "Tübingen"), place(LUDWIGSBURG, "Ludwigsburg")]


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_scale_vacancies", *args, stdout=out)
    return out.getvalue()


def test_loads_open_vacancies_at_employers_recorded_by_the_employer_services():
    output = load("--vacancies", "120", "--employers", "12")
    assert "Added 12 employers with 120 open vacancies" in output
    generated = Vacancy.objects.filter(employer__name__contains="(Lasttest)")
    assert generated.count() == 120
    assert set(generated.values_list("status", flat=True)) == {VacancyStatus.OPEN}
    kinds = set(generated.values_list("recorded_by__kind", flat=True))
    assert kinds <= {OfficeKind.AGENTUR, OfficeKind.JOBCENTER}
    assert all(v.occupation.kldb_code.isdigit() for v in generated.select_related("occupation"))
    assert AuditEvent.objects.filter(
        event_type=EventType.VACANCY_RECORDED, details__benchmark=True
    ).exists()
    # A caseworker of the Jobcenter Tübingen sees the ones of its Kreis in the list.
    seen = vacancy_list(actor=employer_staff()).filter(employer__name__contains="(Lasttest)")
    assert 0 < seen.count() < 120


def test_running_it_again_adds_nothing():
    load("--vacancies", "30", "--employers", "3")
    assert "Nothing to add: 30 generated vacancies" in load("--vacancies", "30", "--employers", "3")
    assert Employer.objects.filter(name__contains="(Lasttest)").count() == 3


def test_bad_arguments_and_production_are_refused():
    with pytest.raises(CommandError, match="must not exceed"):
        load("--vacancies", "3", "--employers", "5")
    with pytest.raises(CommandError, match="at least 1"):
        load("--vacancies", "0")
    with override_settings(LOTSE_DEMO=False), pytest.raises(CommandError, match="demo mode"):
        load()
    assert not Vacancy.objects.filter(employer__name__contains="(Lasttest)").exists()
