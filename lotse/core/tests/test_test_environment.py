"""The test session itself: the database it runs on, and the environment it set."""

import os

import pytest
from django.conf import settings
from django.db import connection

from lotse.core.tests.pytest_plugin import PostgresServer, requested_database


def test_the_suite_runs_on_the_database_it_was_asked_for():
    expected = {"sqlite": "sqlite", "postgres": "postgresql"}[requested_database()]
    assert connection.vendor == expected
    if expected == "postgresql":
        assert settings.DATABASES["default"]["HOST"] == "127.0.0.1"


@pytest.mark.django_db
def test_postgresql_is_a_real_server():
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite run")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 13
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == "postgres"


def test_an_unknown_test_database_is_refused(monkeypatch):
    monkeypatch.setenv("LOTSE_TEST_DATABASE", "mysql")
    with pytest.raises(pytest.UsageError, match="LOTSE_TEST_DATABASE='mysql'"):
        requested_database()


def test_the_postgresql_binaries_are_found():
    server = PostgresServer()
    assert (server.bindir / "pg_ctl").is_file()
    assert server.os_user == ("postgres" if os.geteuid() == 0 else None)


def test_the_environment_is_the_suites_own():
    assert os.environ["DJANGO_DEBUG"] == "1"
    assert settings.LOTSE_DEMO is True
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # not a developer's LOTSE_SESSION_IDLE_MINUTES
