"""Times the pages in this process (called by bench/plans/run.py with the production
environment): prints one JSON line with p50/p95 and SQL queries per page.

Each turn requests every page once, the bare Django view among them, in the opposite order of
the turn before (alternating turns), so that the machine's noise, the caches and the order fall
on all pages alike. Every request goes through the production WSGI application of
bench/load/server.py, which counts the SQL statements of each request (`X-Bench-Queries`)."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "load"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count, Q  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from server import CEILING_PATH, call  # noqa: E402  (bench/load/server.py)

from lotse.cases.models import Case  # noqa: E402
from lotse.organisations.models import User  # noqa: E402
from lotse.organisations.tests.personas import force_sign_in  # noqa: E402

WARM_UP = 5


def login() -> tuple[User, int]:
    """The first caseworker login of the office with the most open cases."""
    office = (
        Case.objects.filter(status="open")
        .values("office")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    user = (
        User.objects.filter(office_id=office["office"], username__regex=r"-sb-[0-9]+$")
        .order_by("username")
        .first()
    )
    return user, office["n"]


def persons_of(user: User, limit: int = 50) -> list[str]:
    from lotse.plans.models import Goal

    ids = (
        Case.objects.filter(office_id=user.office_id, status="open")
        .filter(Q(person__in=Goal.objects.values("person")))
        .order_by("pk")
        .values_list("person_id", flat=True)[:limit]
    )
    return [str(pid) for pid in ids]


def request(cookies: str, path: str, *, body: bool = False) -> tuple:
    """(milliseconds, SQL queries, status), and the body when `body` is set."""
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="GET",
        SERVER_NAME="127.0.0.1",
        HTTP_HOST="127.0.0.1",
        HTTP_COOKIE=cookies,
        HTTP_X_FORWARDED_FOR="127.0.0.2",
    )
    started = time.perf_counter()
    status, headers, content = call(environ)
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise SystemExit(f"{path}: {status} {content[:300]!r}")
    timed = (elapsed, int(dict(headers).get("X-Bench-Queries", 0)), status)
    return (*timed, content) if body else timed


def main() -> None:
    from lotse.courses.models import Enrolment
    from lotse.plans.models import Goal, Step
    from lotse.profiles.models import Schooling

    turns = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    user, open_cases = login()
    client = force_sign_in(Client(), user)
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    persons = persons_of(user)
    if not persons:
        raise SystemExit("no person with a plan in the office: run manage.py load_scale_plans")
    pages = {
        "bare Django view": lambda i: CEILING_PATH,
        "caseload": lambda i: "/cases/",
        "person page": lambda i: f"/persons/{persons[i % len(persons)]}/",
        "profile page": lambda i: f"/persons/{persons[i % len(persons)]}/profile/",
        "plan page": lambda i: f"/persons/{persons[i % len(persons)]}/plan/",
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    queries: dict[str, list[int]] = {name: [] for name in pages}
    order = list(pages.items())
    for turn in range(WARM_UP + turns):
        for name, path in order if turn % 2 else reversed(order):
            elapsed, count, _status = request(cookies, path(turn))
            if turn >= WARM_UP:
                times[name].append(elapsed)
                queries[name].append(count)
    result = {
        "login": user.username,
        "open_cases": open_cases,
        "profiles": Schooling.objects.values("person").distinct().count(),
        "plans": Goal.objects.values("person").distinct().count(),
        "goals": Goal.objects.count(),
        "steps": Step.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "turns": turns,
        "pages": {
            name: {
                "p50": statistics.median(values),
                "p95": statistics.quantiles(values, n=20)[18],
                "queries": statistics.median(queries[name]),
                "queries_max": max(queries[name]),
            }
            for name, values in times.items()
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
