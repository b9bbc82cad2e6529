"""Employers and vacancies for tests, recorded through the services by a member of staff of the
Jobcenter or the Agentur (who may record them)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lotse.courses.tests.factories import place
from lotse.jobs.models import Employer, Vacancy
from lotse.jobs.services import EmployerInput, VacancyInput, employer_record, vacancy_record
from lotse.organisations.models import Role, User
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import TUEBINGEN

JOBCENTER_TUEBINGEN = "jc-tubingen-08416"
AGENTUR_TUEBINGEN = "aa-balingen-reutlingen"  # serves the Landkreis Tübingen
ELECTRICIAN = "26212"


def employer_staff(office: str = JOBCENTER_TUEBINGEN, role: str = Role.CASEWORKER) -> User:
    return UserFactory(office=reference_office(office), roles=[role])


def employer(actor: User | None = None, **fields: Any) -> Employer:
    values: dict[str, Any] = {
        "name": "Elektro Hölderlin GmbH",
        "gemeinde": place(TUEBINGEN, "Tübingen"),
        "sector": "crafts",
        "contact_name": "Frieda Funke",
        "contact_phone": "07071 123456",
        "contact_email": "funke@example.de",
        "offers": ["language_support", "mentor"],
    }
    values.update(fields)
    return employer_record(actor=actor or employer_staff(), data=EmployerInput(**values))


def vacancy_input(**fields: Any) -> VacancyInput:
    values: dict[str, Any] = {
        "kind": "job",
        "title": "Elektroniker/in für Energie- und Gebäudetechnik",
        "occupation": ELECTRICIAN,
        "gemeinde": place(TUEBINGEN, "Tübingen"),
        "hours_per_week": 39,
        "starts_on": timezone.localdate() + timedelta(days=30),
        "german_speaking": "B1",
        "german_listening": "B1",
    }
    values.update(fields)
    return VacancyInput(**values)


def vacancy(actor: User | None = None, of: Employer | None = None, **fields: Any) -> Vacancy:
    actor = actor or employer_staff()
    return vacancy_record(actor=actor, employer=of or employer(actor), data=vacancy_input(**fields))
