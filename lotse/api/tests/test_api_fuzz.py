"""The whole API under generated requests (schemathesis): no answer is a server error, and every
answer is one the OpenAPI description documents, with its schema.

Signed in as a caseworker who has a case, a referral and a consent to find; 25 examples per
operation, derandomised (the same requests every run), on SQLite and PostgreSQL alike.
"""

import zlib
from datetime import timedelta

import hypothesis
import pytest
import schemathesis
from django.test.client import ClientHandler
from django.utils import timezone
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lotse.api.api import api
from lotse.cases.models import Case
from lotse.cases.referrals import referral_request
from lotse.consent.services import ConsentInput, consent_record
from lotse.organisations.tests.factories import reference_office
from lotse.organisations.tests.personas import JOBCENTER_TUEBINGEN
from lotse.people.tests.factories import register

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
_handler = ClientHandler(enforce_csrf_checks=False)


def _wsgi(environ, start_response):
    """Django's test request handler as a WSGI application: the requests run in the test's
    transaction (no connection is closed after a request) and without CSRF tokens."""
    response = _handler(environ)
    headers = list(response.items())
    headers += [
        ("Set-Cookie", cookie.output(header="").strip()) for cookie in response.cookies.values()
    ]
    start_response(f"{response.status_code} {response.reason_phrase}", headers)
    return [response.content]


schema.app = _wsgi


@pytest.fixture
def session(caseworker, client_for) -> tuple[str, dict]:
    """The caseworker's signed-in session, and the path parameters of what it can find: a
    case, a referral, a consent of the person."""
    case = Case.objects.get(person=register(caseworker))
    referral = referral_request(
        actor=caseworker,
        case=case,
        to_office=reference_office(JOBCENTER_TUEBINGEN),
        kind="service",
        purpose="check",
        categories=[],
        respond_by=timezone.localdate(),
    )
    consent = consent_record(
        actor=caseworker,
        person=case.person,
        data=ConsentInput(
            recipients=[reference_office(JOBCENTER_TUEBINGEN)],
            categories=["profile"],
            purposes=["job_placement"],
            given_on=timezone.localdate(),
            given_how="signed_form",
            explained_language="de",
            valid_until=timezone.localdate() + timedelta(days=365),
        ),
    )
    known = {
        "case_id": case.pk,
        "referral_id": referral.pk,
        "person_id": str(case.person_id),
        "consent_id": consent.pk,
    }
    return client_for(caseworker).cookies["sessionid"].value, known


def _aim_at_known_objects(case, known: dict) -> None:
    """Two of three generated identifiers are replaced by those of existing objects, so that
    the generated bodies reach the services rather than ending in 404."""
    for name, value in (case.path_parameters or {}).items():
        if name in known and zlib.crc32(str(value).encode()) % 3:
            case.path_parameters[name] = known[name]


@schema.parametrize()
@hypothesis.settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
def test_the_api_answers_every_request_as_documented(case, session):
    cookie, known = session
    _aim_at_known_objects(case, known)
    # The description names the session cookie as the API's security scheme, so schemathesis
    # generates one: the signed-in session replaces it.
    case.cookies = {**(case.cookies or {}), "sessionid": cookie}
    case.call_and_validate(checks=CHECKS)
