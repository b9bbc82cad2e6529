"""Cases and referrals through the JSON API: same services, same policy, same audit trail."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register


@pytest.fixture
def jobcenter(db):
    return UserFactory(
        username="jc-sb", office=reference_office("jc-tubingen-08416"), roles=[Role.CASEWORKER]
    )


@pytest.fixture
def case(caseworker):
    return Case.objects.get(person=register(caseworker))


def _json(client, method: str, url: str, body: dict):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_caseload_and_case(caseworker, case, client_for):
    client = client_for(caseworker)
    listed = client.get("/api/v1/cases").json()
    assert [c["id"] for c in listed] == [case.pk]
    assert client.get(f"/api/v1/cases/{case.pk}").json()["person_name"] == "Al-Hassan, Amal"
    assert AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, person_id=str(case.person_id)
    ).exists()


def test_a_stale_update_is_refused_with_the_current_state(caseworker, case, client_for):
    client = client_for(caseworker)
    first = _json(
        client, "patch", f"/api/v1/cases/{case.pk}", {"version": case.version, "summary": "A"}
    )
    assert first.status_code == 200
    second = _json(
        client, "patch", f"/api/v1/cases/{case.pk}", {"version": case.version, "summary": "B"}
    )
    assert second.status_code == 409
    assert second.json()["current"]["summary"] == "A"


def test_a_hand_over_through_the_api(caseworker, jobcenter, case, client_for):
    soon = (timezone.localdate() + timedelta(days=5)).isoformat()
    created = _json(
        client_for(caseworker),
        "post",
        "/api/v1/referrals",
        {
            "case": case.pk,
            "to_office": "jc-tubingen-08416",
            "kind": "transfer",
            "purpose": "Rechtskreiswechsel",
            "categories": ["profile"],
            "respond_by": soon,
        },
    )
    assert created.status_code == 201
    referral = created.json()
    assert referral["shared"]["profile"].startswith("§ 69")
    accepted = _json(
        client_for(jobcenter), "post", f"/api/v1/referrals/{referral['id']}/accept", {}
    )
    assert accepted.json()["state"] == "accepted"
    refused = _json(
        client_for(caseworker), "post", f"/api/v1/referrals/{referral['id']}/accept", {}
    )
    assert refused.status_code == 422


def test_forbidden_paths(case, other_caseworker, planner, client_for):
    assert client_for(other_caseworker).get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client_for(planner).get("/api/v1/cases").status_code == 403
    assert client_for(None).get("/api/v1/cases").status_code == 401


def test_openapi_describes_cases_and_referrals(caseworker, client_for):
    paths = client_for(caseworker).get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/cases", "/api/v1/referrals", "/api/v1/referrals/{referral_id}/{step}"} <= set(
        paths
    )


def test_an_unknown_referral_step_is_refused(caseworker, jobcenter, case, client_for):
    soon = (timezone.localdate() + timedelta(days=5)).isoformat()
    referral = _json(
        client_for(caseworker),
        "post",
        "/api/v1/referrals",
        {
            "case": case.pk,
            "to_office": "jc-tubingen-08416",
            "kind": "service",
            "purpose": "check",
            "categories": [],
            "respond_by": soon,
        },
    ).json()
    response = _json(
        client_for(jobcenter), "post", f"/api/v1/referrals/{referral['id']}/approve", {}
    )
    assert response.status_code == 404
    assert "accept" in response.json()["detail"]
