"""A person of the Landkreis Tübingen with open cases at the Jobcenter and the
Integrationsmanagement, the Jobcenter's caseworker, and the Tübingen interpreters' pool."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from conftest import in_english
from lotse.appointments.holidays_bw import holiday_name
from lotse.appointments.models import Interpreter
from lotse.cases.services import case_open
from lotse.organisations.models import Kreis, Office, Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register

IM_TUEBINGEN = "im-tubingen-08416"
JC_TUEBINGEN = "jc-tubingen-08416"
TUEBINGEN = "08416"


def working_day(days_ahead: int = 7, hour: int = 10) -> datetime:
    """A weekday that is no public holiday, `days_ahead` days or a little more from today."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    while day.weekday() >= 5 or holiday_name(day):
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


def staff(username: str, office: Office, role=Role.CASEWORKER):
    return UserFactory(username=username, office=office, roles=[role])


@pytest.fixture
def jobcenter(db):
    return staff("jc-sb", reference_office(JC_TUEBINGEN))


@pytest.fixture
def im(db):
    return staff("im-sb", reference_office(IM_TUEBINGEN))


@pytest.fixture
def jc_lead(db):
    return staff("jc-tl", reference_office(JC_TUEBINGEN), Role.TEAM_LEAD)


@pytest.fixture
def amal(jobcenter, im):
    person = register(jobcenter, given_names="Amal", family_name="Al-Hassan")
    person.preferred_language = "ar"
    person.email = "amal@example.org"
    person.save(update_fields=["preferred_language", "email"])
    case_open(actor=im, person=person, reason="Integrationsmanagement")
    return person


@pytest.fixture
def only_jobcenter(jobcenter):
    return register(jobcenter, given_names="Samir", family_name="Haddad", original=None)


@pytest.fixture
def tuebingen(db) -> Kreis:
    return Kreis.objects.get(code=TUEBINGEN)


@pytest.fixture
def arabic(tuebingen) -> Interpreter:
    return Interpreter.objects.create(
        kreis=tuebingen, name="Nour Khalil", languages=["ar", "fr"], contact="0151 000000"
    )


@pytest.fixture
def arabic_too(tuebingen) -> Interpreter:
    return Interpreter.objects.create(kreis=tuebingen, name="Hassan Omar", languages=["ar"])
