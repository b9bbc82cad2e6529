"""Searching the audit trail: data-protection officers, their own controller's events only."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.audit.selectors import AuditFilters, audit_event_get, audit_event_search
from lotse.audit.services import audit_record
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import (
    ABH_TUEBINGEN,
    JOBCENTER_LUDWIGSBURG,
    JOBCENTER_TUEBINGEN,
)


@pytest.fixture
def trail(db):
    """One event by a member of staff of each of three offices."""

    def staff(code: str, name: str):
        return UserFactory(office=reference_office(code), first_name="Ida", last_name=name)

    actors = {
        "abh": staff(ABH_TUEBINGEN, "Auslaenderamtlich"),  # the Kreis Tübingen, like the DPO
        "jc": staff(JOBCENTER_TUEBINGEN, "Jobcentrisch"),  # gE: another controller
        "lb": staff(JOBCENTER_LUDWIGSBURG, "Ludwigsburgerin"),  # another Kreis
    }
    return {
        key: audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=actor, reason=f"sample-{key}")
        for key, actor in actors.items()
    }


def _search(actor, **filters):
    return list(audit_event_search(actor=actor, filters=AuditFilters(**filters)))


def test_a_dpo_finds_their_own_controllers_events_only(dpo, trail):
    found = _search(dpo)
    assert trail["abh"] in found
    assert trail["jc"] not in found
    assert trail["lb"] not in found
    assert all(event.office.controller_key == dpo.office.controller_key for event in found)


def test_the_dpo_of_a_zkt_sees_the_kreis_and_its_jobcenter(db, trail):
    kreis_dpo = UserFactory(
        office=reference_office("sozialamt-ludwigsburg-08118"),
        roles=[Role.DATA_PROTECTION_OFFICER],
    )
    found = _search(kreis_dpo)
    assert trail["lb"] in found  # the kommunales Jobcenter shares the Kreis as controller
    assert trail["abh"] not in found


def test_a_ge_dpo_sees_the_jobcenter_only(db, trail):
    jc_dpo = UserFactory(
        office=reference_office(JOBCENTER_TUEBINGEN), roles=[Role.DATA_PROTECTION_OFFICER]
    )
    assert set(_search(jc_dpo)) >= {trail["jc"]}
    assert trail["abh"] not in _search(jc_dpo)


def test_every_search_is_itself_recorded(dpo, trail):
    _search(dpo, text="Auslaender", event_type=EventType.LOGIN_SUCCEEDED)
    event = AuditEvent.objects.get(event_type=EventType.AUDIT_TRAIL_SEARCHED)
    assert event.actor == dpo
    assert event.purpose == "data-protection control"
    assert event.details == {"text": "Auslaender", "event_type": "auth.login"}


def test_filters(dpo, trail):
    assert _search(dpo, text="Auslaender") == [trail["abh"]]
    assert _search(dpo, text="sample-abh") == [trail["abh"]]
    assert _search(dpo, text="Jobcentrisch") == []
    assert trail["abh"] in _search(dpo, event_type=EventType.LOGIN_SUCCEEDED)
    assert trail["abh"] not in _search(dpo, event_type=EventType.LOGOUT)
    assert trail["abh"] not in _search(dpo, outcome=Outcome.DENIED)
    today = timezone.localdate()
    assert trail["abh"] in _search(dpo, date_from=today, date_to=today)
    assert trail["abh"] not in _search(dpo, date_to=today - timedelta(days=1))
    assert trail["abh"] not in _search(dpo, date_from=today + timedelta(days=1))


@pytest.mark.parametrize("persona", ["caseworker", "team_lead", "planner", "administrator"])
def test_other_roles_may_not_search(make_persona, persona, trail):
    user = make_persona(persona)
    with pytest.raises(PermissionDenied):
        _search(user)
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=user, action="audit_trail.view"
    ).exists()
    assert not AuditEvent.objects.filter(event_type=EventType.AUDIT_TRAIL_SEARCHED).exists()


def test_an_event_of_another_controller_is_not_found(dpo, trail):
    assert audit_event_get(actor=dpo, event_id=trail["abh"].pk) == trail["abh"]
    from django.http import Http404

    with pytest.raises(Http404):
        audit_event_get(actor=dpo, event_id=trail["jc"].pk)
    refusal = AuditEvent.objects.get(event_type=EventType.ACCESS_DENIED, actor=dpo)
    assert refusal.object_id == str(trail["jc"].pk)


# --- the page --------------------------------------------------------------------------------
def test_the_search_page_shows_own_events_and_filters(dpo, trail, client_for):
    client = client_for(dpo)
    body = client.get("/audit/").content.decode()
    assert "Auslaenderamtlich" in body
    assert "Jobcentrisch" not in body
    assert "Ludwigsburgerin" not in body

    filtered = client.get("/audit/", {"q": "nobody-at-all"}).content.decode()
    assert "Auslaenderamtlich" not in filtered


def test_a_bad_date_is_reported_not_ignored(dpo, trail, client_for):
    response = client_for(dpo).get("/audit/", {"from": "2026-02-30"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="from" name="from" type="date" value="" aria-invalid="true"' in body
    assert 'id="to" name="to" type="date" value="" aria-invalid' not in body


def test_the_detail_page(dpo, trail, client_for):
    client = client_for(dpo)
    own = client.get(f"/audit/{trail['abh'].pk}/")
    assert own.status_code == 200
    assert "Auslaenderamtlich" in own.content.decode()
    other = client.get(f"/audit/{trail['jc'].pk}/")
    assert other.status_code == 404
    assert "Jobcentrisch" not in other.content.decode()


@pytest.mark.parametrize("persona", ["caseworker", "team_lead", "planner", "administrator"])
def test_the_page_refuses_other_roles(make_persona, persona, trail, client_for):
    response = client_for(make_persona(persona)).get("/audit/")
    assert response.status_code == 403
    assert "Auslaenderamtlich" not in response.content.decode()


def test_visitors_are_sent_to_sign_in(trail):
    response = Client().get("/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
