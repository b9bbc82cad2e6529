"""Where a request comes from (client_ip) and its id (X-Request-ID), kept in the audit trail."""

import uuid

import pytest
from django.test import Client, RequestFactory, override_settings

from lotse.audit.models import AuditEvent, EventType
from lotse.core.context import client_ip


def _ip(remote: str = "10.0.0.1", forwarded: str | None = None) -> str | None:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers))


def test_without_proxies_the_address_is_the_peer_and_the_header_is_ignored():
    assert _ip() == "10.0.0.1"
    assert _ip(forwarded="203.0.113.7") == "10.0.0.1"


@override_settings(LOTSE_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_entry_is_the_client():
    assert _ip(forwarded="203.0.113.7") == "203.0.113.7"
    # What the client wrote itself stands further left and is not believed.
    assert _ip(forwarded="1.2.3.4, 203.0.113.7") == "203.0.113.7"
    assert _ip(forwarded="2001:db8::1") == "2001:db8::1"


@override_settings(LOTSE_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client():
    assert _ip(forwarded="1.2.3.4, 203.0.113.7, 10.0.0.9") == "203.0.113.7"


@override_settings(LOTSE_PROXY_COUNT=2)
@pytest.mark.parametrize("forwarded", [None, "", "203.0.113.7", "kein-name, 10.0.0.9"])
def test_a_request_past_the_proxies_keeps_the_peer_address(forwarded):
    assert _ip(forwarded=forwarded) == "10.0.0.1"


# --- the request id ----------------------------------------------------------------------
def _failed_sign_in(headers: dict):
    response = Client(headers=headers).post(
        "/accounts/login/", {"login": "niemand", "password": "falsch-falsch-falsch"}
    )
    return response, AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent", ["3f1c2b9e-8a47-4d2e-9a71-5c0e6f3b2a10", "lb-7.trace_01", "A" * 36]
)
def test_a_well_formed_request_id_is_kept(sent):
    response, event = _failed_sign_in({"X-Request-ID": sent})
    assert event.request_id == sent
    assert response["X-Request-ID"] == sent


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent",
    [
        "<script>alert(1)</script>",
        "id with blanks",
        "A" * 37,
        "x; DROP TABLE",
        "ümlaut",
        "",
    ],
)
def test_any_other_request_id_is_replaced_by_our_own(sent):
    response, event = _failed_sign_in({"X-Request-ID": sent})
    assert event.request_id != sent
    assert str(uuid.UUID(event.request_id)) == event.request_id
    assert response["X-Request-ID"] == event.request_id
