"""Sign-in required everywhere, and a second factor before anything else."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings

from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, activate_totp
from lotse.organisations.tests.personas import totp_code

TOTP_SETUP = "/accounts/2fa/totp/activate/"


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


# --- not signed in ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/kreise/08416/", "/audit/", "/account/"])
def test_pages_send_visitors_to_sign_in(client_for, path, db):
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_the_api_answers_401_to_visitors(client_for, db):
    response = client_for(None).get("/api/v1/me")
    assert response.status_code == 401


def test_the_sign_in_page_and_health_check_are_open(client_for, db):
    assert client_for(None).get("/accounts/login/").status_code == 200
    health = client_for(None).get("/health/")
    assert health.status_code == 200
    assert json.loads(health.content)["status"] == "ok"


def test_visitors_can_switch_the_language_of_the_sign_in_page(client_for, db):
    client = client_for(None)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/accounts/login/")
    assert page["Content-Language"] == "en"
