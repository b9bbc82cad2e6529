"""Shared test fixtures: named personas, one per role, and signed-in clients.

The test environment itself (settings, the PostgreSQL server for LOTSE_TEST_DATABASE=postgres) is
set up by lotse/core/tests/pytest_plugin.py before Django starts. Reference data (the 44 Kreise
and their offices) is loaded by migration, so it exists in every test database.

Personas work at the Sozialamt of the Landkreis Tübingen (a gE Jobcenter Kreis), one per role,
plus a caseworker of the kommunales Jobcenter (zkT) of the Landkreis Ludwigsburg. They are
created through the user_create service with an activated TOTP authenticator:

    def test_something(caseworker, client_for):
        response = client_for(caseworker).get("/")
"""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.test.client import ClientHandler

from lotse.organisations.models import User
from lotse.organisations.tests.personas import create_persona

_handlers: dict[tuple[str, ...], ClientHandler] = {}


def _shared_handler() -> ClientHandler:
    """One request handler for all clients (per middleware setting): loading the middleware
    costs more than most requests (WhiteNoise indexes the static files)."""
    key = tuple(settings.MIDDLEWARE)
    if key not in _handlers:
        _handlers[key] = ClientHandler(enforce_csrf_checks=False)
    return _handlers[key]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing(django_test_environment):
    # Real hashing costs ~0.2 s a user; the suite creates hundreds of them.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def make_persona(db) -> Callable[[str], User]:
    """make_persona("dpo") → that persona's user, created once per test."""
    made: dict[str, User] = {}

    def make(key: str) -> User:
        if key not in made:
            made[key] = create_persona(key)
        return made[key]

    return make


@pytest.fixture
def caseworker(make_persona) -> User:
    return make_persona("caseworker")


@pytest.fixture
def team_lead(make_persona) -> User:
    return make_persona("team_lead")


@pytest.fixture
def dpo(make_persona) -> User:
    return make_persona("dpo")


@pytest.fixture
def planner(make_persona) -> User:
    return make_persona("planner")


@pytest.fixture
def administrator(make_persona) -> User:
    return make_persona("administrator")


@pytest.fixture
def other_caseworker(make_persona) -> User:
    return make_persona("other_caseworker")


@pytest.fixture
def client_for(db) -> Callable[[User | None], Client]:
    """client_for(user) → a test client signed in as `user`, past the second factor.

    The second-factor middleware asks only whether a TOTP authenticator exists, so a forced
    login of a persona (who has one) is a fully signed-in session. client_for(None) is an
    anonymous client.
    """

    def make(user: User | None) -> Client:
        client = Client()
        client.handler = _shared_handler()
        if user is not None:
            client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        return client

    return make
