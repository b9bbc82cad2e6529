"""Signing in through allauth: password, then the TOTP code; the admin signs in the same way;
lockout by one form of the name and the client's address; sessions; no sign-up."""

from datetime import timedelta

import pytest
from allauth.account.adapter import get_adapter
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.views import LoginView
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from lotse.access.admin_site import StaffAdminSite
from lotse.access.services import user_create
from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.organisations.models import Role, User
from lotse.organisations.tests.factories import TEST_PASSWORD, reference_office
from lotse.organisations.tests.personas import totp_code

LOGIN = "/accounts/login/"
SECOND_FACTOR = "/accounts/2fa/authenticate/"


def _password_step(client: Client, username: str, password: str = TEST_PASSWORD):
    return client.post(LOGIN, {"login": username, "password": password})


def _sign_in(client: Client, user: User, code: str | None = None):
    response = _password_step(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR
    return client.post(SECOND_FACTOR, {"code": code or totp_code()})


def test_sign_in_with_password_and_totp_code(caseworker):
    client = Client()
    assert client.get(LOGIN).status_code == 200

    after_password = _password_step(client, caseworker.username)
    assert after_password.status_code == 302
    assert after_password["Location"] == SECOND_FACTOR
    # The password alone opens nothing.
    assert client.get("/")["Location"].startswith(LOGIN)

    page = client.get(SECOND_FACTOR)
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()

    after_code = client.post(SECOND_FACTOR, {"code": totp_code()})
    assert after_code.status_code == 302
    assert after_code["Location"] == "/"

    start = client.get("/")
    assert start.status_code == 200
    assert caseworker.get_full_name() in start.content.decode()
    event = AuditEvent.objects.get(event_type=EventType.LOGIN_SUCCEEDED)
    assert (event.actor, event.office, event.ip_address) == (
        caseworker,
        caseworker.office,
        "127.0.0.1",
    )


def test_a_wrong_totp_code_does_not_sign_in(caseworker):
    client = Client()
    _password_step(client, caseworker.username)
    wrong = str((int(totp_code()) + 500_000) % 1_000_000).zfill(6)
    response = client.post(SECOND_FACTOR, {"code": wrong})
    assert response.status_code == 200
    assert client.get("/")["Location"].startswith(LOGIN)
    assert not AuditEvent.objects.filter(event_type=EventType.LOGIN_SUCCEEDED).exists()


def test_a_totp_code_cannot_be_used_twice(caseworker):
    # One code for both attempts: computed twice, a 30-second step between them gave a new code.
    code = totp_code()
    _sign_in(Client(), caseworker, code)
    replay = Client()
    _password_step(replay, caseworker.username)
    response = replay.post(SECOND_FACTOR, {"code": code})
    assert response.status_code == 200
    assert replay.get("/")["Location"].startswith(LOGIN)


def test_a_wrong_password_is_recorded_without_linking_a_user(caseworker):
    client = Client()
    response = _password_step(client, caseworker.username, "falsch-falsch-falsch")
    assert response.status_code == 200
    event = AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED)
    assert event.outcome == Outcome.DENIED
    assert event.actor is None
    assert event.details == {"login": caseworker.username}


def test_an_unknown_name_reads_like_a_wrong_password(caseworker):
    wrong_password = _password_step(Client(), caseworker.username, "falsch-falsch-falsch")
    unknown_user = _password_step(Client(), "niemand", "falsch-falsch-falsch")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert AuditEvent.objects.filter(event_type=EventType.LOGIN_FAILED).count() == 2


def test_repeated_wrong_passwords_lock_the_account_out(caseworker):
    client = Client(headers={"Accept-Language": "en"})
    wrong = "falsch-falsch-falsch"
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _password_step(client, caseworker.username, wrong).status_code == 200
    locked = _password_step(client, caseworker.username, wrong)
    assert locked.status_code == 429
    assert "Sign-in blocked" in locked.content.decode()
    # Even the right password is refused now, and nothing is signed in.
    again = _password_step(client, caseworker.username)
    assert again.status_code in (200, 429)
    assert "Too many failed" in again.content.decode()
    assert again.get("Location") != SECOND_FACTOR
    assert client.get("/")["Location"].startswith(LOGIN)

    lockout = AuditEvent.objects.get(event_type=EventType.LOGIN_LOCKED_OUT)
    assert lockout.outcome == Outcome.DENIED
    assert lockout.details == {"login": caseworker.username}
    assert AuditEvent.objects.filter(event_type=EventType.LOGIN_FAILED).count() >= limit - 1
    assert not AuditEvent.objects.filter(event_type=EventType.LOGIN_SUCCEEDED).exists()


def test_the_lockout_is_per_name_and_address(caseworker, team_lead):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, caseworker.username, "falsch-falsch-falsch")
    # A colleague at the same address still signs in.
    response = _sign_in(Client(), team_lead)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_successful_sign_in_resets_the_count(caseworker):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _password_step(Client(), caseworker.username, "falsch-falsch-falsch")
    assert _sign_in(Client(), caseworker)["Location"] == "/"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            _password_step(Client(), caseworker.username, "falsch-falsch-falsch").status_code == 200
        )


def test_an_inactive_account_cannot_sign_in(caseworker):
    caseworker.is_active = False
    caseworker.save()
    client = Client()
    response = _password_step(client, caseworker.username)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] != SECOND_FACTOR
    assert client.get("/")["Location"].startswith(LOGIN)


# --- sessions --------------------------------------------------------------------------------
def test_session_settings():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.ACCOUNT_SESSION_REMEMBER is False


def _session_of(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_every_request_renews_the_idle_timeout(caseworker):
    client = Client()
    _sign_in(client, caseworker)
    session = _session_of(client)
    # Five minutes before it would end…
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get("/").status_code == 200
    # …a request gives it the full half hour again.
    renewed = _session_of(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)
    # The cookie itself ends with the browser.
    assert not client.cookies[settings.SESSION_COOKIE_NAME]["max-age"]


def test_an_unchanged_session_is_written_at_most_once_a_minute(caseworker):
    client = Client()
    _sign_in(client, caseworker)
    session = _session_of(client)
    # Renewed half a minute ago: the next request leaves the row as it is…
    stored = timezone.now() + timedelta(minutes=30) - timedelta(seconds=30)
    Session.objects.filter(pk=session.pk).update(expire_date=stored)
    assert client.get("/").status_code == 200
    assert _session_of(client).expire_date == stored
    # …renewed more than a minute ago, it has the full half hour again.
    stored = timezone.now() + timedelta(minutes=30) - timedelta(seconds=61)
    Session.objects.filter(pk=session.pk).update(expire_date=stored)
    assert client.get("/").status_code == 200
    renewed = _session_of(client).expire_date - timezone.now()
    assert timedelta(minutes=29, seconds=30) < renewed <= timedelta(minutes=30)


def test_an_idle_session_ends(caseworker):
    client = Client()
    _sign_in(client, caseworker)
    session = _session_of(client)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_signing_out_is_recorded_and_ends_the_session(caseworker):
    client = Client()
    _sign_in(client, caseworker)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.get("/")["Location"].startswith(LOGIN)
    event = AuditEvent.objects.get(event_type=EventType.LOGOUT)
    assert event.actor == caseworker


# --- no self-service sign-up -----------------------------------------------------------------
@pytest.mark.django_db
def test_there_is_no_sign_up():
    client = Client()
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="password1"' not in body
    assert 'name="username"' not in body

    users_before = User.objects.count()
    response = client.post(
        "/accounts/signup/",
        {
            "username": "selbst",
            "password1": "ein-langes-Passwort-7",
            "password2": "ein-langes-Passwort-7",
        },
    )
    assert response.status_code in (200, 302, 403)
    assert User.objects.count() == users_before
    assert not User.objects.filter(username="selbst").exists()


# --- the admin signs in through allauth ------------------------------------------------------
def test_the_admin_sign_in_form_signs_nobody_in(administrator):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": administrator.username, "password": TEST_PASSWORD, "next": "/admin/"},
    )
    # Sent to the staff sign-in; the password posted to the admin is not even looked at.
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/"
    for path in ("/admin/", "/admin/organisations/user/", "/persons/", "/"):
        page = client.get(path)
        assert page.status_code == 302, path
        assert page["Location"].startswith((LOGIN, "/admin/login/")), path
    assert client.get("/api/v1/me").status_code == 401
    assert not AuditEvent.objects.filter(event_type=EventType.LOGIN_SUCCEEDED).exists()


def test_the_admin_is_reached_through_the_staff_sign_in(administrator):
    client = Client()
    to_sign_in = client.get("/admin/login/?next=/admin/organisations/")
    assert to_sign_in.status_code == 302
    assert to_sign_in["Location"] == f"{LOGIN}?next=/admin/organisations/"
    after_password = client.post(
        to_sign_in["Location"], {"login": administrator.username, "password": TEST_PASSWORD}
    )
    assert after_password["Location"] == SECOND_FACTOR
    assert client.get("/admin/").status_code == 302  # not before the code
    after_code = client.post(SECOND_FACTOR, {"code": totp_code()})
    assert after_code["Location"] == "/admin/organisations/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"
    event = AuditEvent.objects.get(event_type=EventType.LOGIN_SUCCEEDED)
    assert event.actor == administrator

    # Signing out of the admin is the staff sign-out, recorded as well.
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert AuditEvent.objects.get(event_type=EventType.LOGOUT).actor == administrator
    assert client.get("/admin/").status_code == 302


def test_the_admin_sign_in_refuses_who_is_no_administrator(caseworker, client_for):
    assert client_for(caseworker).get("/admin/login/?next=/admin/").status_code == 403


def test_the_api_uses_the_sign_in_session(caseworker):
    client = Client()
    _password_step(client, caseworker.username)
    assert client.get("/api/v1/me").status_code == 401  # the password alone
    client.post(SECOND_FACTOR, {"code": totp_code()})
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["username"] == caseworker.username
    assert AuditEvent.objects.get(event_type=EventType.LOGIN_SUCCEEDED).actor == caseworker


def _patterns(resolver: URLResolver):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry)
        elif isinstance(entry, URLPattern):
            yield entry


def test_allauth_is_the_only_sign_in():
    """Signing in is allauth's (password, then the second-factor stage, audited by the
    adapter); no form of Django's own is reachable, the admin's included."""
    for pattern in _patterns(get_resolver()):
        view_class = getattr(pattern.callback, "view_class", None)
        assert not (view_class and issubclass(view_class, LoginView)), pattern
    admin_login = resolve("/admin/login/").func
    assert admin_login.__func__ is StaffAdminSite.login
    assert settings.ACCOUNT_ADAPTER == "lotse.access.adapters.AccountAdapter"
    assert getattr(settings, "ACCOUNT_LOGIN_ON_PASSWORD_RESET", False) is False


# --- one form of a user name -----------------------------------------------------------------
def test_the_lockout_counts_every_spelling_of_a_name(caseworker):
    client = Client(headers={"Accept-Language": "en"})
    spellings = ["caseworker", "CASEWORKER", " Caseworker ", "CaseWorker"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, spellings[attempt % len(spellings)], "falsch-falsch-falsch")
    again = _password_step(client, "CASEWORKER")
    assert again.get("Location") != SECOND_FACTOR
    assert "Too many failed" in again.content.decode()
    assert AuditEvent.objects.get(event_type=EventType.LOGIN_LOCKED_OUT).details == {
        "login": "caseworker"
    }
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"caseworker"}


@pytest.mark.django_db
def test_a_user_name_is_stored_and_found_in_one_form():
    office = reference_office("sozialamt-tubingen-08416")
    user = user_create(
        actor=None,
        username=" Neu-Kollegin ",
        office=office,
        roles=[Role.CASEWORKER],
        password=TEST_PASSWORD,
    )
    assert user.username == "neu-kollegin"
    with pytest.raises(ValidationError):
        user_create(actor=None, username="NEU-KOLLEGIN", office=office, roles=[])
    assert User.normalize_username("TUE-ABH-TL") == "tue-abh-tl"
    response = _password_step(Client(), "NEU-Kollegin")
    assert response.status_code == 302
    assert AuditEvent.objects.get(event_type=EventType.LOGIN_SUCCEEDED).actor == user


# --- the client's address behind a reverse proxy ---------------------------------------------
FORWARDED = {"X-Forwarded-For": "10.66.66.66, 203.0.113.7"}  # the first entry: the client's own


def _allauth_client_ip(headers: dict) -> str:
    return get_adapter().get_client_ip(RequestFactory().get("/", headers=headers))


@override_settings(LOTSE_PROXY_COUNT=1)
def test_behind_a_proxy_every_record_has_the_forwarded_address(caseworker):
    _password_step(Client(headers=FORWARDED), caseworker.username, "falsch-falsch-falsch")
    assert AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED).ip_address == "203.0.113.7"
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    assert _allauth_client_ip(FORWARDED) == "203.0.113.7"


@override_settings(LOTSE_PROXY_COUNT=1)
def test_behind_a_proxy_failures_from_one_address_lock_out_no_one_else(caseworker, team_lead):
    attacker = Client(headers={"X-Forwarded-For": "203.0.113.7"})
    # Enough failures for every limit per address (allauth's ten a minute, axes' per name).
    for number in range(10):
        _password_step(attacker, f"niemand-{number}", "falsch-falsch-falsch")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(attacker, caseworker.username, "falsch-falsch-falsch")
    assert _password_step(attacker, team_lead.username).get("Location") != SECOND_FACTOR
    # A colleague at another address comes through the same proxy, and signs in.
    colleague = Client(headers={"X-Forwarded-For": "198.51.100.20"})
    assert _sign_in(colleague, team_lead)["Location"] == "/"


def test_without_a_proxy_a_forwarded_header_is_ignored(caseworker):
    assert settings.LOTSE_PROXY_COUNT == 0
    _password_step(Client(headers=FORWARDED), caseworker.username, "falsch-falsch-falsch")
    assert AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED).ip_address == "127.0.0.1"
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"
    assert _allauth_client_ip(FORWARDED) == "127.0.0.1"
    # Nor does a made-up header escape the lockout.
    for number in range(settings.AXES_FAILURE_LIMIT):
        spoofed = Client(headers={"X-Forwarded-For": f"203.0.113.{number + 10}"})
        _password_step(spoofed, caseworker.username, "falsch-falsch-falsch")
    last = _password_step(Client(headers={"X-Forwarded-For": "203.0.113.99"}), caseworker.username)
    assert last.get("Location") != SECOND_FACTOR
