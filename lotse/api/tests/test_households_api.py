"""The Bedarfsgemeinschaft through the JSON API: read and replace, with the same policy as the
person page."""

import json

import pytest

from conftest import in_english
from lotse.audit.models import AuditEvent, EventType
from lotse.people.households import current_membership
from lotse.people.models import HouseholdMember
from lotse.people.tests.factories import register


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


def _put(client, person, body):
    return client.put(
        f"/api/v1/persons/{person.pk}/household",
        data=json.dumps(body),
        content_type="application/json",
    )


@pytest.fixture
def family(caseworker):
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
    omar = register(
        caseworker,
        family_name="Al-Hassan",
        given_names="Omar",
        original=None,
        birth=(2014, 9, 9),
        placeholder=False,
        sex="m",
    )
    return amal, karim, omar


def test_put_and_get_the_household(caseworker, client_for, family):
    amal, karim, omar = family
    client = client_for(caseworker)
    assert client.get(f"/api/v1/persons/{amal.pk}/household").json() == {
        "household": None,
        "members": [],
        "former": [],
    }
    body = {
        "members": [
            {"person": str(amal.pk), "role": "applicant"},
            {"person": str(karim.pk), "role": "partner"},
            {"person": str(omar.pk), "role": "child"},
        ]
    }
    response = _put(client, amal, body)
    assert response.status_code == 200, response.content
    got = client.get(f"/api/v1/persons/{omar.pk}/household").json()
    assert {(m["name"], m["role"]) for m in got["members"]} == {
        ("Al-Hassan, Amal", "applicant"),
        ("Al-Hassan, Karim", "partner"),
        ("Al-Hassan, Omar", "child"),
    }
    # Karim leaves: one row ended, the history kept
    response = _put(client, amal, {"members": body["members"][::2], "reason": "separated"})
    assert response.status_code == 200
    data = response.json()
    assert len(data["members"]) == 2
    assert [(m["name"], m["end_reason"]) for m in data["former"]] == [
        ("Al-Hassan, Karim", "separated")
    ]
    assert HouseholdMember.objects.filter(person=karim).count() == 1
    assert AuditEvent.objects.filter(
        event_type=EventType.PERSON_CHANGED, person_id=str(karim.pk), details__change="left"
    ).exists()


def test_bad_input_is_a_422_and_nothing_is_stored(caseworker, client_for, family):
    amal, karim, _omar = family
    client = client_for(caseworker)
    two_applicants = {
        "members": [
            {"person": str(amal.pk), "role": "applicant"},
            {"person": str(karim.pk), "role": "applicant"},
        ]
    }
    assert _put(client, amal, two_applicants).status_code == 422
    without_self = {"members": [{"person": str(karim.pk), "role": "applicant"}]}
    assert _put(client, amal, without_self).status_code == 422
    unknown_role = {"members": [{"person": str(amal.pk), "role": "aunt"}]}
    assert _put(client, amal, unknown_role).status_code == 422
    assert not HouseholdMember.objects.exists()


def test_another_kreis_neither_reads_nor_writes(caseworker, other_caseworker, client_for, family):
    amal, karim, _omar = family
    other = client_for(other_caseworker)
    assert other.get(f"/api/v1/persons/{amal.pk}/household").status_code == 404
    body = {"members": [{"person": str(amal.pk), "role": "applicant"}]}
    assert _put(other, amal, body).status_code == 404
    # a record the office cannot see is refused like one that does not exist
    own = register(other_caseworker, family_name="Haile", given_names="Semhar", original=None)
    client = client_for(caseworker)
    for person_id in (str(own.pk), "00000000-0000-0000-0000-000000000000"):
        response = _put(
            client,
            amal,
            {
                "members": [
                    {"person": str(amal.pk), "role": "applicant"},
                    {"person": person_id, "role": "child"},
                ]
            },
        )
        assert response.status_code == 422
        assert "open case" in response.json()["detail"][0]["msg"]
    assert current_membership(amal) is None
    assert current_membership(own) is None


def test_a_visitor_gets_401(client, family):
    amal, _karim, _omar = family
    assert client.get(f"/api/v1/persons/{amal.pk}/household").status_code == 401
