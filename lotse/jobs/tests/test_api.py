"""Employers and vacancies in the API: the same services and refusals (422 with the field and
the message), the contact person for the Agentur and the Jobcenter only."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.courses.tests.factories import place
from lotse.jobs.models import Employer, Vacancy
from lotse.jobs.tests.factories import employer, employer_staff, vacancy
from lotse.organisations.tests.personas import LUDWIGSBURG

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _send(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def _vacancy_body(firm, **changes):
    body = {
        "employer": firm.pk,
        "kind": "apprenticeship",
        "title": "Ausbildung Elektroniker/in",
        "occupation": "26212",
        "place": place().pk,
        "hours_per_week": 39,
        "starts_on": (TODAY + timedelta(days=60)).isoformat(),
        "german_reading": "B1",
        "german_firm": True,
    }
    body.update(changes)
    return body


def test_record_change_and_close_a_vacancy(client_for):
    staff = employer_staff()
    firm = employer(staff)
    client = client_for(staff)
    created = _send(client, "POST", "/api/v1/vacancies", _vacancy_body(firm))
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["occupation"] == "26212"
    assert item["isco"] == "7411"
    assert item["german"]["reading"] == "B1"
    assert item["german"]["firm"] is True
    assert item["status"] == "open"
    url = f"/api/v1/vacancies/{item['id']}"
    changed = _send(client, "PATCH", url, {"hours_per_week": 30})
    assert changed.status_code == 200, changed.content
    assert changed.json()["hours_per_week"] == 30
    assert changed.json()["title"] == "Ausbildung Elektroniker/in"  # the rest kept
    refused = _send(client, "POST", url + "/status", {"status": "withdrawn"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "reason"]
    closed = _send(client, "POST", url + "/status", {"status": "filled"})
    assert closed.json()["status"] == "filled"
    assert client.get("/api/v1/vacancies").json()["items"] == []
    assert len(client.get("/api/v1/vacancies?status=all").json()["items"]) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_on": (TODAY - timedelta(days=1)).isoformat()}, "starts_on"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"hours_per_week": 49}, "hours_per_week"),
        ({"german_reading": "B7"}, "german_reading"),
        ({"occupation": "00000"}, "occupation"),
        ({"title": "x" * 201}, "title"),
        ({"place": 999999}, "place"),
    ],
)
def test_bad_input_is_422_with_the_field_and_nothing_stored(client_for, changes, field):
    staff = employer_staff()
    firm = employer(staff)
    response = _send(client_for(staff), "POST", "/api/v1/vacancies", _vacancy_body(firm, **changes))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert ["body", field] in [item["loc"] for item in detail]
    assert all(item["msg"] for item in detail)
    assert not Vacancy.objects.exists()


def test_the_sozialamt_reads_without_the_contact_person_and_may_not_write(caseworker, client_for):
    job = vacancy()
    client = client_for(caseworker)
    item = client.get(f"/api/v1/vacancies/{job.pk}").json()
    assert item["title"] == job.title
    firm = client.get(f"/api/v1/employers/{job.employer_id}").json()
    assert firm["name"] == "Elektro Hölderlin GmbH"
    assert firm["contact_name"] is None
    assert firm["contact_email"] is None
    assert (
        _send(client, "PATCH", f"/api/v1/vacancies/{job.pk}", {"hours_per_week": 10}).status_code
        == 403
    )
    assert (
        _send(
            client,
            "POST",
            "/api/v1/employers",
            {"name": "X", "sector": "crafts", "place": place().pk},
        ).status_code
        == 403
    )
    staff_view = client_for(employer_staff()).get(f"/api/v1/employers/{job.employer_id}").json()
    assert staff_view["contact_name"] == "Frieda Funke"


def test_another_kreis_gets_404(other_caseworker, client_for):
    job = vacancy()
    client = client_for(other_caseworker)
    assert client.get(f"/api/v1/vacancies/{job.pk}").status_code == 404
    assert client.get(f"/api/v1/employers/{job.employer_id}").status_code == 404
    assert client.get("/api/v1/vacancies").json()["items"] == []
    assert (
        _send(client, "PATCH", f"/api/v1/vacancies/{job.pk}", {"hours_per_week": 10}).status_code
        == 404
    )


def test_employers_recorded_and_changed(other_caseworker, client_for):
    client = client_for(other_caseworker)
    body = {
        "name": "Logistik Neckar",
        "place": place(LUDWIGSBURG, "Ludwigsburg").pk,
        "sector": "logistics",
        "contact_email": "nicht-gültig",
        "offers": ["mentor"],
    }
    refused = _send(client, "POST", "/api/v1/employers", body)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "contact_email"]
    assert not Employer.objects.exists()
    created = _send(client, "POST", "/api/v1/employers", {**body, "contact_email": "a@b.de"})
    assert created.status_code == 201, created.content
    url = f"/api/v1/employers/{created.json()['id']}"
    changed = _send(client, "PATCH", url, {"offers": ["mentor", "housing"]})
    assert changed.json()["offers"] == ["mentor", "housing"]
    assert changed.json()["contact_email"] == "a@b.de"
    # a Gemeinde of another Kreis is none of the caller's
    moved = _send(client, "PATCH", url, {"place": place().pk})
    assert moved.status_code == 422
    assert moved.json()["detail"][0]["loc"] == ["body", "place"]
    listed = client.get("/api/v1/employers?q=neckar").json()["items"]
    assert [e["name"] for e in listed] == ["Logistik Neckar"]
