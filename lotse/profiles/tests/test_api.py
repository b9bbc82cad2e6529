"""The profile through the JSON API: the same services, selectors and policy as the pages."""

import json

import pytest

from lotse.profiles.models import ProfileEntry
from lotse.profiles.tests.factories import record_entry

pytestmark = pytest.mark.django_db


def _post(client, url: str, body: dict):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_an_entry_recorded_by_the_agentur_is_read_by_the_jobcenter(
    agentur, jobcenter, person, client_for
):
    created = _post(
        client_for(agentur),
        f"/api/v1/persons/{person.pk}/profile/entries",
        {
            "kind": "work",
            "source": "document",
            "values": {"occupation": "26212", "years": 4, "country": "SYR"},
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["values"]["occupation"] == "26212"
    profile = client_for(jobcenter).get(f"/api/v1/persons/{person.pk}/profile").json()
    [work] = profile["entries"]["work"]
    assert work["entry"]["recorded_by"] == agentur.office.code
    assert profile["not_accessible"] == []


def test_the_integrationsmanagement_learns_only_that_entries_exist(agentur, im, person, client_for):
    record_entry(agentur, person)
    profile = client_for(im).get(f"/api/v1/persons/{person.pk}/profile").json()
    assert profile["entries"]["schooling"] == []
    assert profile["not_accessible"] == [{"office": agentur.office.code, "category": "profile"}]


def test_bad_input_is_422_with_the_field_and_nothing_is_stored(agentur, person, client_for):
    client = client_for(agentur)
    url = f"/api/v1/persons/{person.pk}/profile/entries"
    response = _post(client, url, {"kind": "work", "source": "", "values": {"occupation": "99999"}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "occupation"]
    response = _post(
        client, url, {"kind": "schooling", "source": "", "values": {"highest_certificate": "x"}}
    )
    assert response.status_code == 422
    fields = {item["loc"][-1] for item in response.json()["detail"]}
    assert {"source", "highest_certificate", "latin_literacy"} <= fields
    assert not ProfileEntry.objects.exists()


def test_a_level_without_a_source_is_422(agentur, person, client_for):
    response = _post(
        client_for(agentur),
        f"/api/v1/persons/{person.pk}/profile/languages",
        {"language": "de", "listening": "B1", "source": ""},
    )
    assert response.status_code == 422
    assert "without a source" in response.json()["detail"][0]["msg"]


def test_a_language_assessment_through_the_api(agentur, person, client_for):
    response = _post(
        client_for(agentur),
        f"/api/v1/persons/{person.pk}/profile/languages",
        {"language": "de", "listening": "B1", "writing": "A2", "source": "dtz"},
    )
    assert response.status_code == 201
    profile = client_for(agentur).get(f"/api/v1/persons/{person.pk}/profile").json()
    assert profile["languages"][0]["levels"]["listening"]["level"] == "B1"


def test_another_kreis_gets_404(agentur, elsewhere, person, client_for):
    record_entry(agentur, person)
    assert client_for(elsewhere).get(f"/api/v1/persons/{person.pk}/profile").status_code == 404


def test_the_occupation_search(agentur, client_for):
    found = client_for(agentur).get("/api/v1/occupations", {"q": "Elektr"}).json()
    codes = [o["kldb_code"] for o in found]
    assert "26212" in codes
    assert codes.index("26302") < codes.index("2630")  # the Berufsgattungen first
