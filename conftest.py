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
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import hypothesis
import hypothesis.configuration
import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connections
from django.test import Client, TransactionTestCase, override_settings
from django.test.client import ClientHandler

from lotse.courses.catalogue import load_catalogue
from lotse.organisations.models import User
from lotse.organisations.reference import load_reference_data
from lotse.organisations.tests.personas import create_persona, force_sign_in
from lotse.profiles.occupations import load_subset

# No example database under the working tree, and no deadline: timings on a shared CI machine
# vary too much to fail a test on.
hypothesis.settings.register_profile("lotse", database=None, deadline=None)
hypothesis.settings.load_profile("lotse")
hypothesis.configuration.set_hypothesis_home_dir(
    Path(__file__).parent / ".pytest_cache" / "hypothesis"
)

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


@contextmanager
def _audit_triggers_suspended():
    """Let the test harness empty the audit table: the append-only triggers refuse the DELETE
    (SQLite) and TRUNCATE (PostgreSQL) with which Django's flush ends a transactional test."""
    migration = import_module("lotse.audit.migrations.0003_append_only")
    for connection in connections.all(initialized_only=True):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            else:
                for statement in migration.SQLITE_REVERSE:
                    cursor.execute(statement)
    try:
        yield
    finally:
        for connection in connections.all(initialized_only=True):
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
                else:
                    for statement in migration.SQLITE:
                        cursor.execute(statement)


@pytest.fixture(autouse=True, scope="session")
def _flushable_audit_trail(django_test_environment):
    """Transactional tests (live server, on_commit) end with a flush of every table."""
    original = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self):
        with _audit_triggers_suspended():
            original(self)
        # The flush also removed the reference data that migration organisations.0002 loads
        # into every database: the next test expects it.
        load_reference_data(django_apps)
        load_catalogue(django_apps)  # the course catalogue of migration courses.0002
        load_subset(django_apps)  # the occupations of migration profiles.0002

    TransactionTestCase._fixture_teardown = _fixture_teardown
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture
def make_persona(db) -> Callable[[str], User]:
    """make_persona("dpo") → that persona's user, created once per test."""
    made: dict[str, User] = {}

    def make(key: str) -> User:
        if key not in made:
            made[key] = create_persona(key)
        return made[key]

    return make


def english(client: Client) -> Client:
    """The client asks for English, so that assertions read as the msgids."""
    client.cookies["django_language"] = "en"
    return client


def in_english(client_for: Callable[[User | None], Client]) -> Callable[[User | None], Client]:
    """client_for whose clients ask for English:
    `def client_for(client_for): return in_english(client_for)` in a test module's fixture."""
    return lambda user: english(client_for(user))


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
def jugendamt_caseworker(make_persona) -> User:
    return make_persona("jugendamt_caseworker")


@pytest.fixture
def client_for(db) -> Callable[[User | None], Client]:
    """client_for(user) → a test client signed in as `user`, past the second factor.

    The session records the sign-in steps (password and TOTP code) as the real sign-in does
    (personas.force_sign_in); a user without an authenticator has passed the password only.
    client_for(None) is an anonymous client.
    """

    def make(user: User | None) -> Client:
        client = Client()
        client.handler = _shared_handler()
        if user is not None:
            force_sign_in(client, user)
        return client

    return make
