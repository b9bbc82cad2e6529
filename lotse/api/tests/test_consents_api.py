"""Consents through the JSON API."""

import json
from datetime import timedelta

from django.utils import timezone

from lotse.people.tests.factories import register


def _post(client, url: str, body: dict):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _consent(**changes) -> dict:
    today = timezone.localdate()
    return {
        "recipients": ["im-tubingen-08416"],
        "categories": ["profile"],
        "purposes": ["integration_counselling"],
        "given_on": today.isoformat(),
        "given_how": "signed_form",
        "explained_language": "ar",
        "valid_until": (today + timedelta(days=365)).isoformat(),
        **changes,
    }


def test_record_list_and_withdraw(caseworker, client_for):
    person = register(caseworker)
    client = client_for(caseworker)
    created = _post(client, f"/api/v1/persons/{person.pk}/consents", _consent())
    assert created.status_code == 201
    consent = created.json()
    assert consent["recipients"] == ["im-tubingen-08416"]
    listed = client.get(f"/api/v1/persons/{person.pk}/consents").json()
    assert [c["id"] for c in listed] == [consent["id"]]
    withdrawn = _post(
        client,
        f"/api/v1/persons/{person.pk}/consents/{consent['id']}/withdraw",
        {"reason": "the person said so at the counter", "how": "in_person"},
    )
    assert withdrawn.json()["withdrawn_at"] is not None


def test_a_vague_consent_is_refused(caseworker, client_for):
    person = register(caseworker)
    response = _post(
        client_for(caseworker), f"/api/v1/persons/{person.pk}/consents", _consent(purposes=[])
    )
    assert response.status_code == 422


def test_another_kreis_cannot_see_consents(caseworker, other_caseworker, client_for):
    person = register(caseworker)
    assert (
        client_for(other_caseworker).get(f"/api/v1/persons/{person.pk}/consents").status_code == 404
    )


def test_fields_longer_than_stored_are_refused_not_cut(caseworker, client_for):
    person = register(caseworker)
    response = _post(
        client_for(caseworker),
        f"/api/v1/persons/{person.pk}/consents",
        _consent(given_how="signed_form_interpreter", interpreter_name="x" * 151),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "interpreter_name"
    assert not person.consents.exists()
