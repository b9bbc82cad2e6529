"""Placements in the API: record one, move it on to the hire, record a follow-up, the board
paginated; a wrong move is a 422 with the field's message, another Kreis gets a 404."""

import json

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.vocabulary import ListRead
from lotse.jobs.placement_models import Placement
from lotse.jobs.tests.factories import employer_staff, vacancy
from lotse.jobs.tests.match_factories import electrician
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_LUDWIGSBURG

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def jc():
    return employer_staff()


def test_record_move_and_follow_up(jc, client_for):
    person = electrician(jc)
    job = vacancy(jc)
    client = client_for(jc)
    answer = _post(client, f"/api/v1/persons/{person.pk}/placements", {"vacancy": job.pk})
    assert answer.status_code == 201, answer.content
    placement = answer.json()
    assert placement["stage"] == "proposed"
    today = timezone.localdate().isoformat()
    for stage in ("applied", "interview", "offer"):
        answer = _post(
            client, f"/api/v1/placements/{placement['id']}/steps", {"stage": stage, "on": today}
        )
        assert answer.status_code == 201, answer.content
    answer = _post(
        client,
        f"/api/v1/placements/{placement['id']}/steps",
        {"stage": "hired", "on": today, "start_date": "2025-01-01", "contract_type": "permanent"},
    )
    data = answer.json()
    assert data["stage"] == "hired"
    assert [f["months"] for f in data["follow_ups"]] == [1, 3, 6]
    assert [s["stage"] for s in data["steps"]] == [
        "proposed",
        "applied",
        "interview",
        "offer",
        "hired",
    ]
    first = data["follow_ups"][0]["id"]
    answer = _post(
        client,
        f"/api/v1/placements/{placement['id']}/follow-ups/{first}",
        {"done_on": today, "outcome": "at_risk", "note": "Sprachprobleme"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["outcome"] == "at_risk"
    listed = client.get(f"/api/v1/persons/{person.pk}/placements").json()
    assert listed[0]["follow_ups"][0]["outcome"] == "at_risk"


def test_a_wrong_move_is_a_422_with_the_field(jc, client_for):
    person = electrician(jc)
    job = vacancy(jc)
    client = client_for(jc)
    placement = _post(client, f"/api/v1/persons/{person.pk}/placements", {"vacancy": job.pk}).json()
    answer = _post(
        client,
        f"/api/v1/placements/{placement['id']}/steps",
        {"stage": "hired", "on": timezone.localdate().isoformat()},
    )
    assert answer.status_code == 422
    fields = {tuple(item["loc"]) for item in answer.json()["detail"]}
    assert ("body", "stage") in fields
    assert ("body", "start_date") in fields
    assert Placement.objects.get().stage == "proposed"


def test_the_board_is_paginated_and_logged(jc, client_for):
    person = electrician(jc)
    job = vacancy(jc)
    client = client_for(jc)
    _post(client, f"/api/v1/persons/{person.pk}/placements", {"vacancy": job.pk})
    data = client.get("/api/v1/placements?limit=10").json()
    assert data["count"] == 1
    assert data["items"][0]["person"] == str(person.pk)
    assert AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, action=ListRead.PLACEMENTS
    ).exists()


def test_another_kreis_gets_nothing(jc, client_for):
    person = electrician(jc)
    job = vacancy(jc)
    placement = _post(
        client_for(jc), f"/api/v1/persons/{person.pk}/placements", {"vacancy": job.pk}
    ).json()
    other = UserFactory(office=reference_office(JOBCENTER_LUDWIGSBURG), roles=[Role.CASEWORKER])
    client = client_for(other)
    assert client.get("/api/v1/placements").json()["count"] == 0
    answer = _post(
        client,
        f"/api/v1/placements/{placement['id']}/steps",
        {"stage": "applied", "on": timezone.localdate().isoformat()},
    )
    assert answer.status_code == 404
