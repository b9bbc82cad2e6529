"""The JSON API under /api/v1/: the same policy as the pages, described by OpenAPI."""

import json
import re

import pytest

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import audit_record
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_TUEBINGEN, SOZIALAMT_TUEBINGEN
from lotse.people.tests.factories import register

API = "/api/v1"


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    return response, json.loads(response.content) if response.content else None


def test_me(caseworker, client_for):
    response, data = get(client_for(caseworker), "/me")
    assert response.status_code == 200
    assert data["username"] == "caseworker"
    assert data["full_name"] == "Carla Casewerk"
    assert data["roles"] == ["caseworker"]
    assert data["team"] is None
    assert data["office"]["code"] == SOZIALAMT_TUEBINGEN
    assert data["office"]["kreis"] == "08416"


def test_kreise(caseworker, client_for):
    response, data = get(client_for(caseworker), "/kreise")
    assert response.status_code == 200
    assert len(data) == 44
    assert data[0]["code"] == "08111"
    assert {"code", "ags", "name", "kind", "regierungsbezirk", "valid_from", "valid_to"} == set(
        data[0]
    )
    _, found = get(client_for(caseworker), "/kreise", q="Tüb")
    assert [k["code"] for k in found] == ["08416"]
    _, by_code = get(client_for(caseworker), "/kreise", q="0841")
    assert {k["code"] for k in by_code} == {"08415", "08416", "08417"}


def test_one_kreis_and_a_missing_one(caseworker, client_for):
    response, data = get(client_for(caseworker), "/kreise/08118")
    assert response.status_code == 200
    assert data["name"] == "Ludwigsburg"
    missing, error = get(client_for(caseworker), "/kreise/99999")
    assert missing.status_code == 404
    assert error == {"detail": "Not found"}


def test_offices_are_paginated_and_filtered(caseworker, client_for):
    client = client_for(caseworker)
    response, page = get(client, "/offices", limit=10)
    assert response.status_code == 200
    assert len(page["items"]) == 10
    assert page["count"] > 44 * 4  # four offices per Kreis, plus Agenturen
    _, second = get(client, "/offices", limit=10, offset=10)
    assert {o["code"] for o in page["items"]}.isdisjoint({o["code"] for o in second["items"]})

    _, agenturen = get(client, "/offices", kind="agentur", limit=100)
    codes = {o["code"] for o in agenturen["items"]}
    assert "aa-balingen-reutlingen" in codes
    assert "aa-reutlingen" not in codes  # ended 2025-12-31: only current offices
    assert all(o["kreis"] is None for o in agenturen["items"])


def test_one_office(caseworker, client_for):
    response, data = get(client_for(caseworker), f"/offices/{JOBCENTER_TUEBINGEN}")
    assert response.status_code == 200
    assert (data["kind"], data["jobcenter_form"], data["kreis"]) == ("jobcenter", "gE", "08416")
    assert get(client_for(caseworker), "/offices/nowhere")[0].status_code == 404


# --- audit events: data-protection officers, own controller ----------------------------------
@pytest.fixture
def events(db):
    own = UserFactory(office=reference_office("abh-tubingen-08416"), last_name="Eigenamt")
    other = UserFactory(office=reference_office(JOBCENTER_TUEBINGEN), last_name="Fremdamt")
    return {
        "own": audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=own),
        "other": audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=other),
    }


def test_a_dpo_reads_their_controllers_events(dpo, events, client_for):
    response, page = get(client_for(dpo), "/audit/events", limit=100)
    assert response.status_code == 200
    ids = {event["id"] for event in page["items"]}
    assert events["own"].pk in ids
    assert events["other"].pk not in ids
    item = next(e for e in page["items"] if e["id"] == events["own"].pk)
    assert item["office"] == "abh-tubingen-08416"
    assert "Eigenamt" in item["actor_label"]
    assert AuditEvent.objects.filter(event_type=EventType.AUDIT_TRAIL_SEARCHED, actor=dpo).exists()


def test_audit_event_filters(dpo, events, client_for):
    _, page = get(client_for(dpo), "/audit/events", q="Eigenamt", event_type="auth.login")
    assert [e["id"] for e in page["items"]] == [events["own"].pk]
    _, none = get(client_for(dpo), "/audit/events", event_type="auth.logout", q="Eigenamt")
    assert none["items"] == []
    bad, _ = get(client_for(dpo), "/audit/events", date_from="gestern")
    assert bad.status_code == 422


@pytest.mark.parametrize("persona", ["caseworker", "team_lead", "planner", "administrator"])
def test_other_roles_get_403_and_are_recorded(make_persona, persona, events, client_for):
    user = make_persona(persona)
    response, data = get(client_for(user), "/audit/events")
    assert response.status_code == 403
    assert "role does not allow" in data["detail"] or "Rolle" in data["detail"]
    assert "Eigenamt" not in response.content.decode()
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=user).exists()


# --- the description and who may call ----------------------------------------------------------
@pytest.fixture
def schema(client_for, caseworker):
    # For signed-in staff only (visitors: lotse/api/tests/test_docs.py).
    response = client_for(caseworker).get(f"{API}/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_openapi_description_lists_the_endpoints(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "lotse API"
    assert {
        f"{API}/me",
        f"{API}/kreise",
        f"{API}/kreise/{{code}}",
        f"{API}/offices",
        f"{API}/offices/{{code}}",
        f"{API}/audit/events",
    } <= set(schema["paths"])


def test_the_openapi_description_is_consistent(schema):
    """Every operation answers something, every reference resolves, every path parameter is
    declared."""
    components = schema.get("components", {}).get("schemas", {})
    text = json.dumps(schema)
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text)):
        assert ref in components, ref
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert method in {"get", "post", "put", "patch", "delete"}, (path, method)
            assert operation["responses"], (path, method)
            assert operation.get("security"), f"{method.upper()} {path} is not protected"
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == set(re.findall(r"{(\w+)}", path)), (path, method)


def test_every_endpoint_answers_401_without_sign_in(schema, client_for):
    client = client_for(None)
    for path, operations in schema["paths"].items():
        url = re.sub(r"{\w+}", "x", path)
        for method in operations:
            response = client.generic(method.upper(), url)
            assert response.status_code == 401, f"{method.upper()} {path}"
            assert json.loads(response.content) == {"detail": "Unauthorized"}


def test_every_endpoint_answers_403_without_a_second_factor(schema, client_for, db):
    client = client_for(UserFactory(totp=False))
    for path in schema["paths"]:
        response = client.get(re.sub(r"{\w+}", "x", path))
        assert response.status_code == 403, path


def test_the_docs_page(client_for, caseworker):
    response = client_for(caseworker).get(f"{API}/docs")
    assert response.status_code == 200
    assert "openapi.json" in response.content.decode()


@pytest.mark.parametrize("path", ["/offices", "/audit/events"])
@pytest.mark.parametrize(
    "params",
    [{"limit": "99999999999999999999"}, {"offset": "99999999999999999999"}, {"limit": "0"}],
    ids=["huge-limit", "huge-offset", "zero-limit"],
)
def test_paginated_lists_refuse_numbers_out_of_bounds(dpo, client_for, path, params):
    response, data = get(client_for(dpo), path, **params)
    assert response.status_code == 422
    assert data["detail"][0]["loc"][-1] in params


def test_paginated_lists_take_the_largest_page(caseworker, client_for):
    response, page = get(client_for(caseworker), "/offices", limit=500, offset=10)
    assert response.status_code == 200
    assert len(page["items"]) == min(500, page["count"] - 10)


def test_audit_events_by_person_include_the_lists_that_showed_them(caseworker, dpo, client_for):
    """A caseload page is one event naming every person shown (`persons`); the search by person
    finds it for each of them."""
    shown = [register(caseworker, family_name=f"Apiliste {i}") for i in range(3)]
    assert client_for(caseworker).get("/cases/").status_code == 200
    _, page = get(client_for(dpo), "/audit/events", person=str(shown[1].pk), limit=100)
    (listed,) = [event for event in page["items"] if event["persons"]]
    assert sorted(listed["persons"]) == sorted(str(person.pk) for person in shown)
    assert listed["person_id"] == ""
    assert listed["action"] == "case.list"
