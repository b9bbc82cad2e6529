"""Offices around one person, as in Amal's journey: the Agentur für Arbeit records her profile
during the asylum procedure, the Jobcenter and the Integrationsmanagement of the Landkreis
Tübingen open cases of their own; the Sozialamt registers her."""

import pytest

from conftest import in_english
from lotse.cases.services import case_open
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register

AGENTUR = "aa-balingen-reutlingen"
JOBCENTER = "jc-tubingen-08416"
IM = "im-tubingen-08416"
ABH = "abh-tubingen-08416"
JOBCENTER_LUDWIGSBURG = "jc-ludwigsburg-08118"


def staff(username: str, office: str, role=Role.CASEWORKER):
    return UserFactory(username=username, office=reference_office(office), roles=[role])


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


@pytest.fixture
def agentur(db):
    return staff("aa-sb", AGENTUR)


@pytest.fixture
def jobcenter(db):
    return staff("jc-sb", JOBCENTER)


@pytest.fixture
def im(db):
    return staff("im-sb", IM)


@pytest.fixture
def abh(db):
    return staff("abh-sb", ABH)


@pytest.fixture
def elsewhere(db):
    return staff("jc-lb-sb", JOBCENTER_LUDWIGSBURG)


@pytest.fixture
def person(caseworker, agentur, jobcenter, im, abh):
    """Amal: registered by the Sozialamt, with open cases at the Agentur, the Jobcenter, the
    Integrationsmanagement and the Ausländerbehörde."""
    person = register(caseworker)
    person.preferred_language = "ar"
    person.save(update_fields=["preferred_language"])
    for actor, reason in (
        (agentur, "Frühintervention"),
        (jobcenter, "Rechtskreiswechsel"),
        (im, "Beratung"),
        (abh, "Aufenthalt"),
    ):
        case_open(actor=actor, person=person, reason=reason)
    return person
