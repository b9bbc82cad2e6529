"""Registering a person through the page, as a caseworker would, with the duplicate check."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import in_english
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.identity.registry import candidate_ref
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import Person, PersonName
from lotse.people.tests.factories import register
from lotse.web.person_forms import parse_partial_date

FORM = {
    "family_name": "Al-Hassan",
    "given_names": "Amal",
    "name_source": "bamf",
    "original_family_name": "الحسن",
    "original_given_names": "أمل",
    "original_script": "Arab",
    "sex": "f",
    "birth_date": "01.01.1990",
    "birth_date_placeholder": "on",
    "birth_place": "Aleppo",
    "birth_country": "SYR",
    "nationality": "SYR",
    "identifier_type": "azr",
    "identifier_value": "123456789012",
    "accommodation": "vorlaeufig",
    "street": "Hauptstr. 1",
    "postcode": "72070",
    "city": "Tübingen",
    "address_since": "2015-11-20",
}


@pytest.fixture
def client_for(client_for):
    """Signed-in clients that ask for English, so that the assertions read as the msgids."""
    return in_english(client_for)


@pytest.fixture
def abh_caseworker(db):
    return UserFactory(
        username="abh-sb", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )


def _link_values(html: str) -> list[str]:
    return re.findall(r'value="link:([0-9a-f-]+)"', html)


def test_caseworker_registers_a_person_and_sees_the_page(caseworker, client_for):
    client = client_for(caseworker)
    response = client.post("/persons/new/", FORM)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Al-Hassan, Amal" in page
    assert 'dir="auto" lang="ar"' in page  # the Arabic name keeps its own direction
    assert "01.01.1990" in page
    person = Person.objects.get()
    assert Case.objects.get(person=person).office == caseworker.office
    events = set(
        AuditEvent.objects.filter(person_id=str(person.pk)).values_list("event_type", flat=True)
    )
    assert {EventType.PERSON_CREATED, EventType.CASE_OPENED, EventType.PERSON_DATA_READ} <= events


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"family_name": "", "given_names": ""}, "Enter at least one name"),
        ({"identifier_value": ""}, "Give both the kind of identifier and its number"),
        ({"birth_date": "31.02.1990", "birth_date_placeholder": ""}, "This date does not exist"),
        ({"birth_date": "05.03.1990"}, "Only a 1 January date can be a placeholder"),
        ({"birth_date": "1990/3"}, "DD.MM.YYYY"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(caseworker, client_for, change, message):
    response = client_for(caseworker).post("/persons/new/", {**FORM, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Person.objects.count() == 0


def test_variant_spelling_at_another_office_finds_the_record_without_revealing_it(
    caseworker, abh_caseworker, client_for
):
    person = register(caseworker, identifiers=(("azr", "123456789012"),))
    client = client_for(abh_caseworker)
    variant = {
        **FORM,
        "family_name": "Alhasan",
        "given_names": "Amel",
        "original_family_name": "",
        "original_given_names": "",
        "original_script": "",
        "identifier_type": "",
        "identifier_value": "",
        "birth_date": "1990",
        "birth_date_placeholder": "",
    }
    response = client.post("/persons/new/", variant)
    html = response.content.decode()
    # named by a reference of the check, not by the hidden record's id
    assert _link_values(html) == [candidate_ref(abh_caseworker, person.pk)]
    assert str(person.pk) not in html
    assert "A record exists" in html
    assert "Sozialamt" in html
    assert "Al-Hassan" not in html  # the other office's record is not shown
    assert client.get(f"/persons/{person.pk}/").status_code == 404

    response = client.post(
        "/persons/new/",
        {**variant, "decision": f"link:{candidate_ref(abh_caseworker, person.pk)}"},
    )
    assert response.status_code == 302
    assert Person.objects.count() == 1  # nobody created a second record
    assert PersonName.objects.filter(person=person, family_name="Alhasan", kind="variant").exists()
    assert "Alhasan" in client.get(f"/persons/{person.pk}/").content.decode()


def test_a_matching_azr_number_decides(caseworker, abh_caseworker, client_for):
    register(caseworker, identifiers=(("azr", "123456789012"),))
    other_name = {
        **FORM,
        "family_name": "Mustermann",
        "given_names": "Erika",
        "original_family_name": "",
        "original_given_names": "",
        "original_script": "",
        "identifier_value": "1234 5678 9012",
    }
    client = client_for(abh_caseworker)
    html = client.post("/persons/new/", other_name).content.decode()
    assert "cannot be created" in html
    response = client.post("/persons/new/", {**other_name, "decision": "new"})
    assert response.status_code == 400
    assert Person.objects.count() == 1


def test_only_a_proposed_record_can_be_linked(caseworker, other_caseworker, client_for):
    person = register(caseworker)
    stranger = {
        **FORM,
        "family_name": "Nowak",
        "given_names": "Jan",
        "original_family_name": "",
        "original_given_names": "",
        "original_script": "",
        "identifier_type": "",
        "identifier_value": "",
    }
    response = client_for(other_caseworker).post(
        "/persons/new/", {**stranger, "decision": f"link:{person.pk}"}
    )
    assert "was not proposed" in response.content.decode()
    assert not Case.objects.filter(office=other_caseworker.office).exists()


def test_another_kreis_sees_nothing_and_the_refusal_is_logged(
    caseworker, other_caseworker, client_for
):
    person = register(caseworker)
    response = client_for(other_caseworker).get(f"/persons/{person.pk}/")
    assert response.status_code == 404
    assert "Al-Hassan" not in response.content.decode()
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=other_caseworker, object_id=str(person.pk)
    ).exists()


@pytest.mark.parametrize("query", ["Amel Alhasan", "Hassan Amal", "1990", "123 456 789 012"])
def test_search_finds_any_spelling_year_or_identifier(caseworker, client_for, query):
    register(caseworker, identifiers=(("azr", "123456789012"),))
    html = client_for(caseworker).get("/persons/", {"q": query}).content.decode()
    assert "Al-Hassan, Amal" in html


def test_search_lists_only_persons_of_the_own_office(caseworker, other_caseworker, client_for):
    register(caseworker)
    html = client_for(other_caseworker).get("/persons/", {"q": "Amal"}).content.decode()
    assert "Al-Hassan" not in html


@given(st.integers(1900, 2025), st.integers(1, 12), st.integers(1, 28))
def test_partial_dates_in_every_form(year, month, day):
    assert parse_partial_date(f"{day:02d}.{month:02d}.{year}") == (year, month, day)
    assert parse_partial_date(f"{year}-{month:02d}-{day:02d}") == (year, month, day)
    assert parse_partial_date(f"{month:02d}.{year}") == (year, month, None)
    assert parse_partial_date(f"{year}") == (year, None, None)
    assert parse_partial_date("") == (None, None, None)


IMPOSSIBLE_BIRTH_DATES = {
    "13.1990": "There is no month 13",
    "00.1990": "There is no month 0",
    "1990-13": "There is no month 13",
    "1990-00": "There is no month 0",
    "00.05.1990": "This date does not exist",
    "32.01.1990": "This date does not exist",
    "1990-05-00": "This date does not exist",
    "15.13.1990": "There is no month 13",
}


@pytest.mark.parametrize("birth_date", IMPOSSIBLE_BIRTH_DATES)
def test_an_impossible_month_or_day_is_explained_not_a_server_error(
    caseworker, client_for, birth_date
):
    change = {"birth_date": birth_date, "birth_date_placeholder": ""}
    response = client_for(caseworker).post("/persons/new/", {**FORM, **change})
    assert response.status_code == 400
    assert IMPOSSIBLE_BIRTH_DATES[birth_date] in response.content.decode()
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("birth", "field"),
    [
        ((1990, 13, None), "birth_month"),
        ((1990, 0, None), "birth_month"),
        ((1990, 5, 0), "birth_day"),
    ],
)
def test_the_service_refuses_an_impossible_month_or_day(caseworker, birth, field):
    # Every way in (API, commands) goes through the service: it checks before the database does.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        register(caseworker, birth=birth, placeholder=False)
    assert field in refused.value.message_dict
    assert Person.objects.count() == 0
