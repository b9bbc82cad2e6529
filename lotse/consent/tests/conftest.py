"""Offices of the Landkreis Tübingen around one person: the Sozialamt registers her and records
her language levels; the Integrationsmanagement and the Jobcenter open cases of their own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import in_english
from lotse.cases.services import case_open
from lotse.consent.services import ConsentInput, consent_record
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import PersonLanguage
from lotse.people.tests.factories import register

IM_TUEBINGEN = "im-tubingen-08416"
JC_TUEBINGEN = "jc-tubingen-08416"
ABH_TUEBINGEN = "abh-tubingen-08416"
SOZIALAMT_TUEBINGEN = "sozialamt-tubingen-08416"


def staff(username: str, office: str, role=Role.CASEWORKER):
    return UserFactory(username=username, office=reference_office(office), roles=[role])


@pytest.fixture
def client_for(client_for):
    """Signed-in clients that ask for English, so that the assertions read as the msgids."""
    return in_english(client_for)


@pytest.fixture
def im_caseworker(db):
    return staff("im-sb", IM_TUEBINGEN)


@pytest.fixture
def jc_caseworker(db):
    return staff("jc-sb", JC_TUEBINGEN)


@pytest.fixture
def abh_caseworker(db):
    return staff("abh-sb", ABH_TUEBINGEN)


@pytest.fixture
def person(caseworker, im_caseworker, jc_caseworker):
    """Amal, registered by the Sozialamt (which records her German levels), with open cases at
    the Integrationsmanagement and the Jobcenter."""
    person = register(caseworker)
    person.preferred_language = "ar"
    person.save(update_fields=["preferred_language"])
    PersonLanguage.objects.create(
        person=person,
        language="de",
        listening="B1",
        reading="A2",
        speaking="B1",
        writing="A2",
        source="dtz",
        recorded_by=caseworker.office,
    )
    case_open(actor=im_caseworker, person=person, reason="Beratung")
    case_open(actor=jc_caseworker, person=person, reason="Rechtskreiswechsel")
    return person


def consent_input(**overrides) -> ConsentInput:
    today = timezone.localdate()
    values = {
        "recipients": [reference_office(IM_TUEBINGEN)],
        "categories": ["profile"],
        "purposes": ["integration_counselling"],
        "given_on": today,
        "given_how": "signed_form_interpreter",
        "interpreter_name": "Samira Haddad",
        "interpreter_language": "ar",
        "explained_language": "ar",
        "valid_until": today + timedelta(days=365),
    }
    values.update(overrides)
    return ConsentInput(**values)


@pytest.fixture
def record():
    """record(actor, person, **overrides) → a consent recorded through the service."""

    def make(actor, person, **overrides):
        return consent_record(actor=actor, person=person, data=consent_input(**overrides))

    return make
