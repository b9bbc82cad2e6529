"""Cases and referrals through the JSON API: same services, same policy, same audit trail."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case, Referral
from lotse.cases.tests.factories import CaseFactory
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
    assert listed["count"] == 1
    assert [c["id"] for c in listed["items"]] == [case.pk]
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


def _referral_body(case, to_office: str, **changes) -> dict:
    soon = (timezone.localdate() + timedelta(days=5)).isoformat()
    body = {
        "case": case.pk,
        "to_office": to_office,
        "kind": "service",
        "purpose": "check",
        "categories": [],
        "respond_by": soon,
    }
    return {**body, **changes}


def test_a_referral_to_an_office_of_another_kreis_is_refused(
    caseworker, other_caseworker, case, client_for
):
    response = _json(
        client_for(caseworker),
        "post",
        "/api/v1/referrals",
        _referral_body(case, "jc-ludwigsburg-08118"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "to_office"]
    assert not Referral.objects.exists()
    assert client_for(other_caseworker).get("/api/v1/referrals").json()["incoming"] == []


def test_patch_changes_only_the_fields_sent(caseworker, case, client_for):
    client = client_for(caseworker)
    url = f"/api/v1/cases/{case.pk}"
    first = _json(client, "patch", url, {"version": case.version, "summary": "apply for SGB II"})
    assert first.json()["responsible"] == "caseworker"
    only_version = _json(client, "patch", url, {"version": first.json()["version"]})
    assert only_version.status_code == 200
    assert only_version.json()["summary"] == "apply for SGB II"
    assert only_version.json()["responsible"] == "caseworker"
    unassigned = _json(
        client, "patch", url, {"version": only_version.json()["version"], "responsible": None}
    )
    assert unassigned.json()["responsible"] is None
    assert unassigned.json()["summary"] == "apply for SGB II"


def test_a_responsible_is_found_by_any_spelling_of_the_user_name(caseworker, case, client_for):
    # User names have one form (sign-in, lockout, creation); the API looks them up in it too.
    client = client_for(caseworker)
    url = f"/api/v1/cases/{case.pk}"
    answer = _json(client, "patch", url, {"version": case.version, "responsible": " CaseWorker "})
    assert answer.status_code == 200
    assert answer.json()["responsible"] == "caseworker"


def _service_case(caseworker):
    return Case.objects.get(person=register(caseworker))


def _factory_case(caseworker):
    return CaseFactory(responsible=caseworker)


@pytest.mark.parametrize("make", [_service_case, _factory_case], ids=["service", "factory"])
@pytest.mark.parametrize("history", [True, False], ids=["with-history", "without-history"])
def test_a_stale_patch_answers_409_for_every_case(caseworker, client_for, make, history):
    case = make(caseworker)
    client = client_for(caseworker)
    url = f"/api/v1/cases/{case.pk}"
    assert _json(client, "patch", url, {"version": case.version, "summary": "A"}).status_code == 200
    if not history:
        case.history.all().delete()
    stale = _json(client, "patch", url, {"version": case.version, "summary": "B"})
    assert stale.status_code == 409
    assert stale.json()["current"]["summary"] == "A"
    assert "meanwhile" in stale.json()["detail"] or "inzwischen" in stale.json()["detail"]


def test_a_follow_up_title_longer_than_the_field_is_refused(caseworker, case, client_for):
    due = timezone.localdate().isoformat()
    response = _json(
        client_for(caseworker),
        "post",
        f"/api/v1/cases/{case.pk}/follow-ups",
        {"due_on": due, "title": "x" * 1000},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "title"
    assert not case.follow_ups.exists()


@pytest.mark.parametrize("text", ["\ud800", "a\x00b"], ids=["lone-surrogate", "nul"])
def test_a_note_that_cannot_be_stored_is_refused(caseworker, case, client_for, text):
    response = _json(
        client_for(caseworker),
        "post",
        f"/api/v1/cases/{case.pk}/notes",
        {"text": text, "visibility": "office"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]
    assert not case.notes.exists()


def test_a_second_accept_answers_409(caseworker, jobcenter, case, client_for):
    referral = _json(
        client_for(caseworker),
        "post",
        "/api/v1/referrals",
        _referral_body(case, "jc-tubingen-08416"),
    ).json()
    receiver = client_for(jobcenter)
    url = f"/api/v1/referrals/{referral['id']}/accept"
    assert _json(receiver, "post", url, {}).status_code == 200
    again = _json(receiver, "post", url, {})
    assert again.status_code == 409
    assert again.json()["detail"]


def test_a_body_over_the_upload_limit_answers_413(caseworker, case, client_for):
    response = _json(
        client_for(caseworker),
        "post",
        f"/api/v1/cases/{case.pk}/notes",
        {"text": "x" * 3_000_000, "visibility": "office"},
    )
    assert response.status_code == 413
    assert "2.5 MB" in response.json()["detail"]
    assert not case.notes.exists()


def test_unknown_names_in_the_body_are_refused_fields(caseworker, case, client_for):
    client = client_for(caseworker)
    patched = _json(
        client, "patch", f"/api/v1/cases/{case.pk}", {"version": 1, "responsible": "nobody"}
    )
    assert patched.status_code == 422
    assert patched.json()["detail"][0]["loc"] == ["body", "responsible"]
    referred = _json(client, "post", "/api/v1/referrals", _referral_body(case, "no-such-office"))
    assert referred.status_code == 422
    assert referred.json()["detail"][0]["loc"] == ["body", "to_office"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises all writes")
@pytest.mark.django_db(transaction=True)
def test_six_parallel_accepts_give_one_200_and_five_409(caseworker, jobcenter, client_for):
    case = Case.objects.get(person=register(caseworker))
    referral = _json(
        client_for(caseworker),
        "post",
        "/api/v1/referrals",
        _referral_body(case, "jc-tubingen-08416"),
    ).json()
    clients = [client_for(jobcenter) for _ in range(6)]
    barrier = threading.Barrier(6)

    def accept(client) -> int:
        barrier.wait()
        try:
            url = f"/api/v1/referrals/{referral['id']}/accept"
            return _json(client, "post", url, {}).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = sorted(pool.map(accept, clients))
    assert codes == [200, 409, 409, 409, 409, 409]


def test_the_caseload_and_referrals_come_in_pages_with_their_counts(
    caseworker, jobcenter, client_for
):
    for given in ("Amal", "Karim", "Lina"):
        register(caseworker, given_names=given, original=None)
    client = client_for(caseworker)
    first = client.get("/api/v1/cases?limit=2").json()
    second = client.get("/api/v1/cases?limit=2&offset=2").json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2
    assert len(second["items"]) == 1
    assert {c["id"] for c in first["items"]} | {c["id"] for c in second["items"]} == set(
        Case.objects.values_list("pk", flat=True)
    )
    assert client.get("/api/v1/cases?limit=501").status_code == 422
    assert client.get("/api/v1/cases?offset=-1").status_code == 422
    listed = client.get("/api/v1/referrals?limit=1").json()
    assert listed["incoming_count"] == listed["outgoing_count"] == 0
