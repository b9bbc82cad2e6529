"""Registering a family through the page: the person and the members who live with them, in one
form and one POST, the address entered once; without JavaScript; input kept on error."""

import pytest

from conftest import in_english
from lotse.cases.models import Case
from lotse.identity.registry import candidate_ref
from lotse.people.households import current_membership
from lotse.people.models import HouseholdMember, Person, PersonAddress
from lotse.people.tests.factories import register
from lotse.people.tests.test_registration import FORM


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


def _rows(*members, total=None):
    data = {"member-TOTAL_FORMS": str(total or len(members)), "member-INITIAL_FORMS": "0"}
    for index, member in enumerate(members):
        for name, value in member.items():
            data[f"member-{index}-{name}"] = value
    return data


KARIM = {
    "role": "partner",
    "family_name": "Al-Hassan",
    "given_names": "Karim",
    "sex": "m",
    "birth_date": "04.03.1986",
    "nationality": "SYR",
}
LINA = {
    "role": "child",
    "family_name": "Al-Hassan",
    "given_names": "Lina",
    "sex": "f",
    "birth_date": "02.06.2011",
    "nationality": "SYR",
}
OMAR = {
    "role": "child",
    "family_name": "Al-Hassan",
    "given_names": "Omar",
    "sex": "m",
    "birth_date": "09.09.2014",
    "nationality": "SYR",
}
EMPTY = {
    "role": "child",
    "family_name": "",
    "given_names": "",
    "sex": "u",
    "birth_date": "",
    "nationality": "",
}


def test_the_page_has_a_family_row_and_an_add_button(caseworker, client_for):
    html = client_for(caseworker).get("/persons/new/").content.decode()
    assert "Family members in the same household" in html
    assert 'name="member-0-given_names"' in html
    assert 'name="add_member"' in html


def test_a_family_of_four_is_registered_in_one_post(caseworker, client_for):
    client = client_for(caseworker)
    response = client.post("/persons/new/", {**FORM, **_rows(KARIM, LINA, OMAR, EMPTY)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Person.objects.count() == 4  # the empty row is left out
    amal = Person.objects.get(names__given_names="Amal")
    household = current_membership(amal).household
    assert sorted(household.members.values_list("role", flat=True)) == [
        "applicant",
        "child",
        "child",
        "partner",
    ]
    assert set(PersonAddress.objects.values_list("street", "city")) == {("Hauptstr. 1", "Tübingen")}
    assert PersonAddress.objects.count() == 4
    assert Case.objects.filter(office=caseworker.office).count() == 4
    page = client.get(response["Location"]).content.decode()
    assert "Bedarfsgemeinschaft" in page
    assert "Al-Hassan, Omar" in page


def test_add_a_member_keeps_the_input_without_javascript(caseworker, client_for):
    response = client_for(caseworker).post(
        "/persons/new/", {**FORM, **_rows(KARIM), "add_member": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Karim"' in html
    assert 'value="Al-Hassan"' in html
    assert 'value="Hauptstr. 1"' in html
    assert 'name="member-1-given_names"' in html  # one more row
    assert "Please check your entries" not in html  # no checks yet
    assert Person.objects.count() == 0
    # the page sent again as shown, the new row left empty: the family is registered
    data = {**FORM, **_rows(KARIM, EMPTY)}
    data["member-INITIAL_FORMS"] = "2"
    response = client_for(caseworker).post("/persons/new/", data)
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_a_bad_member_entry_is_explained_and_everything_kept(caseworker, client_for):
    bad = {**LINA, "birth_date": "31.02.2011"}
    response = client_for(caseworker).post("/persons/new/", {**FORM, **_rows(KARIM, bad)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check the entries of the family members" in html
    assert "This date does not exist" in html
    assert 'value="Karim"' in html
    assert 'value="31.02.2011"' in html
    assert 'value="Hauptstr. 1"' in html
    assert Person.objects.count() == 0


def test_a_member_without_a_name_is_refused(caseworker, client_for):
    nameless = {**LINA, "family_name": "", "given_names": ""}
    response = client_for(caseworker).post("/persons/new/", {**FORM, **_rows(nameless)})
    assert response.status_code == 400
    assert "Enter at least one name" in response.content.decode()
    assert Person.objects.count() == 0


def test_a_member_found_by_the_duplicate_check_is_linked_not_registered_twice(
    caseworker, client_for
):
    lina = register(
        caseworker,
        family_name="Al-Hassan",
        given_names="Lina",
        original=None,
        birth=(2011, 6, 2),
        placeholder=False,
    )
    client = client_for(caseworker)
    response = client.post("/persons/new/", {**FORM, **_rows(KARIM, LINA)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "may belong to this family member" in html
    ref = candidate_ref(caseworker, lina.pk)
    assert f'value="link:{ref}"' in html
    assert Person.objects.count() == 1  # nothing stored while undecided
    response = client.post(
        "/persons/new/", {**FORM, **_rows(KARIM, {**LINA, "decision": f"link:{ref}"})}
    )
    assert response.status_code == 302
    assert Person.objects.count() == 3
    assert current_membership(lina).role == "child"
    assert HouseholdMember.objects.filter(household=current_membership(lina).household).count() == 3


def test_a_member_held_in_another_kreis_is_not_offered_for_linking(
    caseworker, other_caseworker, client_for
):
    elsewhere = register(
        other_caseworker,
        family_name="Al-Hassan",
        given_names="Lina",
        original=None,
        birth=(2011, 6, 2),
        placeholder=False,
    )
    client = client_for(caseworker)
    html = client.post("/persons/new/", {**FORM, **_rows(LINA)}).content.decode()
    assert f'value="link:{candidate_ref(caseworker, elsewhere.pk)}"' not in html
    assert str(elsewhere.pk) not in html
    assert "A record exists in another Kreis" in html
    response = client.post(
        "/persons/new/", {**FORM, **_rows({**LINA, "decision": f"link:{elsewhere.pk}"})}
    )
    assert response.status_code == 400
    assert "another Kreis" in response.content.decode()
    assert Person.objects.count() == 1
    assert current_membership(elsewhere) is None


def test_the_single_registration_still_works_without_family_rows(caseworker, client_for):
    response = client_for(caseworker).post("/persons/new/", {**FORM, **_rows(EMPTY)})
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert not HouseholdMember.objects.exists()


# --- the Bedarfsgemeinschaft on the person page ------------------------------------------------


def test_the_person_page_adds_a_found_person_and_records_leaving(caseworker, client_for):
    client = client_for(caseworker)
    amal = register(caseworker)
    karim = register(
        caseworker,
        family_name="Al-Hassan",
        given_names="Karim",
        original=None,
        birth=(1986, 3, 4),
        placeholder=False,
        sex="m",
    )
    page = client.get(f"/persons/{amal.pk}/", {"family_q": "Karim"}).content.decode()
    assert "No Bedarfsgemeinschaft recorded" in page
    assert f'name="member" value="{karim.pk}"' in page
    response = client.post(
        f"/persons/{amal.pk}/household/add/", {"member": str(karim.pk), "role": "partner"}
    )
    assert response.status_code == 302
    page = client.get(f"/persons/{amal.pk}/").content.decode()
    assert "Al-Hassan, Karim" in page
    assert "spouse or partner" in page
    member = current_membership(karim)
    response = client.post(
        f"/persons/{amal.pk}/household/remove/",
        {"member": member.pk, "valid_to": member.valid_from.isoformat(), "reason": "separated"},
    )
    assert response.status_code == 302
    page = client.get(f"/persons/{amal.pk}/").content.decode()
    assert "Former members" in page
    assert "separated" in page
    assert current_membership(karim) is None


def test_another_kreis_cannot_change_the_household_or_add_its_record(
    caseworker, other_caseworker, client_for
):
    amal = register(caseworker)
    own = register(other_caseworker, family_name="Haile", given_names="Semhar", original=None)
    other = client_for(other_caseworker)
    response = other.post(
        f"/persons/{amal.pk}/household/add/", {"member": str(own.pk), "role": "child"}
    )
    assert response.status_code == 404
    # nor can the Tübingen office add the Ludwigsburg record: refused in plain words
    response = client_for(caseworker).post(
        f"/persons/{amal.pk}/household/add/", {"member": str(own.pk), "role": "child"}, follow=True
    )
    assert "holds the record in an open case" in response.content.decode()
    assert current_membership(own) is None
    assert current_membership(amal) is None
