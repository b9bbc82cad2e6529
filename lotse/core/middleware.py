"""The health check, answered before the rest of the middleware stack.

A load balancer asks `/health/` every few seconds. Through the whole stack each probe would
read (and, as sessions are saved on every request, write) a session, resolve the user, set
cookies and run allauth, axes and the history middleware: work and rows that have nothing to do
with whether this process can serve. HealthCheckMiddleware stands right after SecurityMiddleware
and answers GET and HEAD of `/health/` itself, with one `SELECT 1` on the default database:
200 and the same JSON the view `web:health` gives, or 503 when the database does not answer.
No session is read or written, no cookie set. Other methods go on to the view (405).
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import Error, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

HEALTH_PATH = "/health/"


def database_answers(alias: str = "default") -> bool:
    """One `SELECT 1` on the database: does it answer?"""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error:
        logger.warning("health check: the database %r does not answer", alias, exc_info=True)
        return False
    return True


def health_response() -> JsonResponse:
    """The health check's answer (the middleware's and the view's): liveness and whether the
    database answers; reveals nothing else."""
    if database_answers():
        response = JsonResponse({"status": "ok", "debug": settings.DEBUG is True})
    else:
        response = JsonResponse({"status": "unavailable", "detail": "database"}, status=503)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
