"""A person the Sozialamt Tübingen registered and referred to the Jobcenter Tübingen (gE), which
accepted and read what was shared: the setting of the person's own report."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import in_english
from lotse.cases.models import Case
from lotse.cases.referrals import referral_accept, referral_request
from lotse.cases.selectors import case_get, shared_with_office
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import PersonLanguage
from lotse.people.tests.factories import register

JC_TUEBINGEN = "jc-tubingen-08416"


@pytest.fixture
def client_for(client_for):
    """Signed-in clients that ask for English, so that the assertions read as the msgids."""
    return in_english(client_for)


@pytest.fixture
def jc_caseworker(db):
    return UserFactory(
        username="jc-sb", office=reference_office(JC_TUEBINGEN), roles=[Role.CASEWORKER]
    )


@pytest.fixture
def person(caseworker):
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
    return person


@pytest.fixture
def referred(person, caseworker, jc_caseworker):
    """The Sozialamt refers the person to the Jobcenter, sharing profile data under § 69 SGB X;
    the Jobcenter accepts and opens the case page (reads through the real selectors)."""
    case = Case.objects.get(person=person, office=caseworker.office)
    referral = referral_request(
        actor=caseworker,
        case=case,
        to_office=reference_office(JC_TUEBINGEN),
        kind="transfer",
        purpose="Rechtskreiswechsel nach Anerkennung",
        categories=["profile"],
        respond_by=timezone.localdate() + timedelta(days=7),
    )
    referral_accept(actor=jc_caseworker, referral=referral)
    jc_case = case_get(actor=jc_caseworker, case_id=referral.to_case_id)
    shared_with_office(actor=jc_caseworker, case=jc_case)
    return referral
