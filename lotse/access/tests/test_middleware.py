"""Sign-in required everywhere, a second factor passed in this session before anything else,
and no signed-in page in a cache."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client

from lotse.organisations.models import Role
from lotse.organisations.tests.factories import TEST_PASSWORD, UserFactory, activate_totp
from lotse.organisations.tests.personas import SIGN_IN_BACKEND, totp_code
from lotse.people.tests.factories import register

TOTP_SETUP = "/accounts/2fa/totp/activate/"
ENTER_CODE = "/accounts/2fa/reauthenticate/"


@pytest.fixture
def without_second_factor(db):
    return UserFactory(roles=[Role.CASEWORKER], totp=False)


@pytest.mark.parametrize("path", ["/", "/kreise/", "/offices/", "/account/", "/audit/", "/admin/"])
def test_without_a_second_factor_every_page_leads_to_its_setup(
    without_second_factor, client_for, path
):
    response = client_for(without_second_factor).get(path)
    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


def test_the_setup_page_itself_is_reachable(without_second_factor, client_for):
    response = client_for(without_second_factor).get(TOTP_SETUP, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [] or response.redirect_chain[-1][0].startswith("/accounts/")


def test_the_api_answers_403_json_without_a_second_factor(without_second_factor, client_for):
    response = client_for(without_second_factor).get("/api/v1/me")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "second factor" in json.loads(response.content)["detail"]


def test_signing_out_and_the_health_check_need_no_second_factor(without_second_factor, client_for):
    client = client_for(without_second_factor)
    assert client.get("/health/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert client.get("/")["Location"].startswith(settings.LOGIN_URL.replace("account_login", ""))


def test_setting_up_totp_opens_the_application(without_second_factor, client_for):
    client = client_for(without_second_factor)
    page = client.get(TOTP_SETUP)
    if page.status_code == 302:  # allauth may ask to confirm the password first
        assert page["Location"].startswith("/accounts/reauthenticate/")
        reauth = client.post(page["Location"], {"password": "Kompass-Nadel-2026!"})
        assert reauth.status_code == 302
        page = client.get(TOTP_SETUP)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(TOTP_SETUP, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=without_second_factor, type=Authenticator.Type.TOTP
    ).exists()
    # On to the recovery codes; the session was opened with the password only, so the new
    # second factor is asked for once on the way.
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    codes = client.get(response["Location"])
    assert codes.status_code == 302
    assert codes["Location"] == f"{ENTER_CODE}?next=%2Faccounts%2F2fa%2Frecovery-codes%2F"
    entered = client.post(codes["Location"], {"code": totp_code(secret)})
    assert entered.status_code == 302
    assert entered["Location"] == "/accounts/2fa/recovery-codes/"
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200
    assert client.get("/").status_code == 200


def test_a_wrong_code_sets_up_nothing(without_second_factor, client_for):
    client = client_for(without_second_factor)
    page = client.get(TOTP_SETUP)
    if page.status_code == 302:
        client.post(page["Location"], {"password": "Kompass-Nadel-2026!"})
        client.get(TOTP_SETUP)
    secret = client.session["mfa.totp.secret"]
    wrong = str((int(totp_code(secret)) + 1) % 1_000_000).zfill(6)
    response = client.post(TOTP_SETUP, {"code": wrong})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=without_second_factor).exists()
    assert client.get("/")["Location"] == TOTP_SETUP


def test_with_a_second_factor_pages_open(db, client_for):
    user = UserFactory(totp=False)
    activate_totp(user)
    assert client_for(user).get("/").status_code == 200


# --- a session that skipped the second factor ------------------------------------------------
def _skipped_second_factor(user) -> Client:
    """A session opened without the second factor (as Django's admin sign-in did): the user
    has an authenticator, but this session never entered its code."""
    client = Client()
    client.force_login(user, backend=SIGN_IN_BACKEND)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/persons/",
        "/cases/",
        "/admin/",
        "/admin/organisations/user/",
        "/audit/",
        # allauth's own pages too: recovery codes would be a second factor for the taking
        "/accounts/2fa/",
        "/accounts/2fa/recovery-codes/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/2fa/totp/deactivate/",
        "/accounts/reauthenticate/",
        "/accounts/password/change/",
        "/accounts/email/",
    ],
)
def test_a_session_that_skipped_the_second_factor_is_sent_to_enter_it(administrator, path):
    response = _skipped_second_factor(administrator).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{ENTER_CODE}?next=")


def test_the_api_refuses_a_session_that_skipped_the_second_factor(administrator):
    client = _skipped_second_factor(administrator)
    for path in ("/api/v1/me", "/api/v1/cases", "/api/v1/openapi.json"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "second factor" in json.loads(response.content)["detail"]


def test_entering_the_code_opens_the_session(caseworker):
    client = _skipped_second_factor(caseworker)
    page = client.get(f"{ENTER_CODE}?next=/persons/")
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()
    wrong = str((int(totp_code()) + 1) % 1_000_000).zfill(6)
    assert client.post(f"{ENTER_CODE}?next=/persons/", {"code": wrong}).status_code == 200
    assert client.get("/persons/")["Location"].startswith(ENTER_CODE)

    response = client.post(f"{ENTER_CODE}?next=/persons/", {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/persons/"
    assert client.get("/persons/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200


def test_a_password_is_no_second_factor(caseworker):
    client = _skipped_second_factor(caseworker)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert client.get("/")["Location"].startswith(ENTER_CODE)


def test_a_session_that_skipped_the_second_factor_can_sign_out(caseworker):
    client = _skipped_second_factor(caseworker)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/")["Location"].startswith("/accounts/login/")


# --- no signed-in page in a cache ------------------------------------------------------------
def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_pages_api_answers_and_documents_are_not_stored(caseworker, client_for):
    person = register(caseworker)
    case = person.cases.get(office=caseworker.office)
    client = client_for(caseworker)
    responses = {
        "person page": client.get(f"/persons/{person.pk}/"),
        "case page": client.get(f"/cases/{case.pk}/"),
        "API answer": client.get(f"/api/v1/cases/{case.pk}"),
        "start page": client.get("/"),
        "PDF": client.post(
            f"/persons/{person.pk}/subject-report/",
            {"request_reference": "Brief vom 02.03.", "language": "de"},
        ),
    }
    assert responses["PDF"]["Content-Type"] == "application/pdf"
    for what, response in responses.items():
        assert response.status_code == 200, what
        assert _no_store(response), f"{what}: {response.get('Cache-Control')}"
        assert "private" in response["Cache-Control"], what
