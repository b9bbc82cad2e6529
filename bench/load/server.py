"""The production WSGI application (config.wsgi) as the load benchmark serves it.

Two additions, both for the benchmark only and never part of a deployment:

* `/bench/ceiling/`: a bare Django view (a request object, a view, a response; no URL
  resolution, no middleware) served by the same gunicorn workers, as the ceiling the pages are
  measured against in the same run;
* every answer carries `X-Bench-Queries` (SQL statements the request ran) and
  `X-Bench-Audit-Rows` (rows it added to the audit trail), counted with Django's
  `connection.execute_wrapper` on the request's own thread, so that the figures are per page.
"""

from django.core.handlers.wsgi import WSGIRequest
from django.db import connection
from django.http import HttpResponse

from config.wsgi import application as lotse_application

CEILING_PATH = "/bench/ceiling/"
AUDIT_TABLE = "audit_auditevent"


def ceiling_view(request: WSGIRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


class _Counter:
    def __init__(self) -> None:
        self.queries = 0
        self.audit_rows = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.queries += 1
        if sql.lstrip().upper().startswith("INSERT") and AUDIT_TABLE in sql:
            self.audit_rows += _rows_inserted(sql, params, many)
        return result


def _rows_inserted(sql: str, params, many: bool) -> int:
    """Rows of one INSERT: one per parameter set (executemany), one per array element
    (PostgreSQL's `SELECT * FROM UNNEST(...)`, Django's bulk_create there), or one per VALUES
    tuple (the flat parameters divided by the columns named)."""
    if many:
        return len(params)
    if not params:
        return 1
    if "UNNEST" in sql.upper():
        return len(params[0])
    columns = sql[sql.index("(") + 1 : sql.index(")")].count(",") + 1
    return max(1, len(params) // columns)


def application(environ, start_response):
    if environ.get("PATH_INFO") == CEILING_PATH:
        response = ceiling_view(WSGIRequest(environ))
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]
    counter = _Counter()

    def counted_start_response(status, headers, exc_info=None):
        headers = [
            *headers,
            ("X-Bench-Queries", str(counter.queries)),
            ("X-Bench-Audit-Rows", str(counter.audit_rows)),
        ]
        return start_response(status, headers, exc_info)

    with connection.execute_wrapper(counter):
        return lotse_application(environ, counted_start_response)


def call(environ: dict) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request through `application` in this process, as a WSGI server makes it (the
    answer closed: request_finished, connections kept): status, headers, body. For the
    benchmarks that time pages without a server (bench/load/alone.py, bench/plans/measure.py)."""
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = headers

    result = application(environ, start_response)
    content = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return answer["status"], answer["headers"], content
