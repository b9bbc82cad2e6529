"""The health check (/health/): answered before the middleware stack with one query, no
session, no cookie; 503 when the database does not answer."""

import json
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


@contextmanager
def database_down():
    """Every query fails as with a database that went away (Django's execute_wrapper hook)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def test_health_answers_ok_with_one_query_and_no_cookie(django_assert_num_queries):
    client = Client()
    with django_assert_num_queries(1) as queries:
        response = client.get("/health/")
    assert "SELECT 1" in queries.captured_queries[0]["sql"]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "debug": False}
    assert "Set-Cookie" not in response
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_head_is_answered_too(django_assert_num_queries):
    with django_assert_num_queries(1):
        response = Client().head("/health/")
    assert response.status_code == 200
    assert "Set-Cookie" not in response


def test_a_signed_in_session_is_neither_read_nor_saved(caseworker, client_for):
    client = client_for(caseworker)
    expiry = Session.objects.get().expire_date
    sessions = Session.objects.count()
    response = client.get("/health/")
    assert response.status_code == 200
    assert "Set-Cookie" not in response
    assert Session.objects.count() == sessions
    assert Session.objects.get().expire_date == expiry  # not saved (SESSION_SAVE_EVERY_REQUEST)


def test_health_answers_503_when_the_database_does_not_answer():
    client = Client()
    with database_down():
        response = client.get("/health/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "detail": "database"}
    assert "Set-Cookie" not in response
    # and once it answers again, so does the check
    assert client.get("/health/").status_code == 200


def test_other_methods_still_reach_the_view_and_are_refused():
    assert Client().post("/health/").status_code == 405


def test_the_health_check_stands_right_after_the_security_middleware():
    security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    assert settings.MIDDLEWARE[security + 1] == "lotse.core.middleware.HealthCheckMiddleware"
