"""GET /api/v1/youth: the list of the page /youth/, paginated, 422 on a bad filter."""

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.vocabulary import ListRead
from lotse.courses.tests.factories import asylum_seeker

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def test_the_list_paginated(jugendamt_caseworker, client_for):
    for name, years in (("Tesfay", 16), ("Haile", 22), ("Alt", 40)):
        asylum_seeker(
            jugendamt_caseworker,
            nationality="ERI",
            family_name=name,
            birth=(YEAR - years, None, None),
            placeholder=False,
        )
    client = client_for(jugendamt_caseworker)
    body = client.get("/api/v1/youth?limit=1").json()
    assert body["count"] == 2
    (item,) = body["items"]
    assert item["name"].startswith("Amal Haile") or "Haile" in item["name"]
    assert item["age_uncertain"] is True
    assert item["stage"] == "none"
    second = client.get("/api/v1/youth?limit=1&offset=1").json()["items"]
    assert "Tesfay" in second[0]["name"]
    minors = client.get("/api/v1/youth?minors=true").json()
    assert [i["name"] for i in minors["items"]] == [second[0]["name"]]
    assert AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, action=ListRead.YOUTH
    ).exists()


def test_bad_filters_are_422_with_the_field(jugendamt_caseworker, client_for):
    client = client_for(jugendamt_caseworker)
    response = client.get("/api/v1/youth?stage=holiday")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "stage"
    response = client.get("/api/v1/youth?kreis=08118")  # Ludwigsburg: not served
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "kreis"


def test_the_sozialamt_is_refused(caseworker, client_for):
    assert client_for(caseworker).get("/api/v1/youth").status_code == 403
