"""Each page alone: what one request of each page costs, without other users.

    .venv/bin/python bench/load/alone.py [--persons 1000000] [--databases postgres,sqlite]
                                         [--keep var/bench-load] [--repeat 30]

The companion of run.py: the same kept registry (prepared by run.py's `prepare`, loaded once),
the same production settings and the same WSGI application with its per-request counters
(server.py), but no gunicorn, no Locust and no concurrency. One caseworker signs in through the
real sign-in (password, then the second factor) and asks each page `--repeat` times, one after
the other, in one process; the bare Django view of server.py is asked as often, as the ceiling.

It prints per page the median wall time, the median CPU time of the serving process (on SQLite
that includes the database, which runs in the process; on PostgreSQL the database's own CPU is
only in the wall time), the SQL queries and audit rows of one view, and the median wall time as
a multiple of the bare view's. Under load (run.py) every page's share of the two cores is about
its CPU time here: the figures say which page to make cheaper.
"""

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PAGES = [
    ("start page", "/"),
    ("caseload (mine)", "/cases/?mine=1"),
    ("caseload (office)", "/cases/"),
    ("caseload (page 3, sorted)", "/cases/?page=3&sort=-opened"),
    ("person search", "/persons/?q={surname}"),
    ("person page", "/persons/{person}/"),
    ("status timeline", "/persons/{person}/status/"),
    ("case page", "/cases/{case}/"),
    ("hand-overs", "/referrals/"),
]
BARE = ("bare Django view (ceiling)", "/bench/ceiling/")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSON_LINK = re.compile(r'href="/persons/([0-9a-f-]{36})/"')
CASE_LINK = re.compile(r'href="/cases/(\d+)/"')


class Browser:
    """A caseworker's browser against the WSGI application (server.call): cookies kept, no
    HTTP."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None):
        from wsgiref.util import setup_testing_defaults

        body = urlencode(data or {}).encode()
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "HTTP_HOST": "127.0.0.1",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        }
        setup_testing_defaults(environ)
        from server import call

        status, answer_headers, content = call(environ)
        for name, value in answer_headers:
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    self.cookies[key] = morsel.value
        headers = {name.lower(): value for name, value in answer_headers}
        return status, headers, content.decode("utf-8", "replace")


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


def sign_in(browser: Browser, login: str, password: str, secret: str) -> None:
    from totp import totp

    for _attempt in range(3):
        _s, _h, page = browser.request("GET", "/accounts/login/")
        browser.request(
            "POST",
            "/accounts/login/",
            {"login": login, "password": password, "csrfmiddlewaretoken": _csrf(page)},
        )
        _s, _h, page = browser.request("GET", "/accounts/2fa/authenticate/")
        status, headers, _page = browser.request(
            "POST",
            "/accounts/2fa/authenticate/",
            {"code": totp(secret), "csrfmiddlewaretoken": _csrf(page)},
        )
        if status == 302 and "/accounts/" not in headers.get("location", "/accounts/"):
            return
        # A code is accepted once per login: wait for the next one.
        time.sleep(30 - time.time() % 30 + 0.5)
    raise SystemExit(f"{login}: the sign-in did not pass the second factor")


def _time(browser: Browser, path: str, repeat: int, profiler) -> tuple[list, list, dict]:
    """The wall and CPU milliseconds of `repeat` requests, and the last one's headers."""
    walls, cpus, headers = [], [], {}
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        _status, headers, _page = browser.request("GET", path)
        if profiler:
            profiler.disable()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus, headers


class StatementClock:
    """The time of each SQL statement a page sends, summed over the page's requests by the
    statement's text (its parameters apart): `--slowest` prints the most expensive ones."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            row = self.totals.setdefault(sql, [0.0, 0])
            row[0] += (time.perf_counter() - started) * 1000
            row[1] += 1

    def report(self, name: str, repeat: int, top: int) -> None:
        slowest = sorted(self.totals.items(), key=lambda item: -item[1][0])[:top]
        print(f"\n{name}: the {top} statements taking longest (ms per view, statements per view)",
              file=sys.stderr)  # fmt: skip
        for sql, (total, count) in slowest:
            text = " ".join(sql.split())
            print(
                f"  {total / repeat:7.2f} ms {count / repeat:4.1f}×  {text[:150]}", file=sys.stderr
            )


def worker(plan_file: str, repeat: int, profile: str | None = None, slowest: int = 0) -> None:
    """Runs with the production environment (run.py's `prepare`), as gunicorn would."""
    import cProfile

    import django
    from django.db import connection

    django.setup()
    plan = json.loads(Path(plan_file).read_text())
    browser = Browser()
    sign_in(browser, plan["logins"][0], plan["password"], plan["totp_secret"])
    # A person and a case of the office, as a caseworker finds them: in the office's caseload,
    # else (a caseload that names no persons) through the search and the case page.
    status, _h, office = browser.request("GET", "/cases/")
    case = CASE_LINK.search(office)
    if status != 200 or case is None:
        raise SystemExit(f"the office's caseload answered {status} without a case")
    seen = office
    for path in (f"/persons/?{urlencode({'q': plan['surnames'][0]})}", f"/cases/{case.group(1)}/"):
        if not PERSON_LINK.search(seen):
            seen += browser.request("GET", path)[2]
    person = PERSON_LINK.search(seen)
    if person is None:
        raise SystemExit("no person of the office found in its caseload, search or case page")
    values = {"surname": plan["surnames"][0], "person": person.group(1), "case": case.group(1)}
    rows = []
    for name, pattern in [BARE, *PAGES]:
        path = pattern.format(**values)
        for _warm in range(2):
            status, headers, _page = browser.request("GET", path)
        if status != 200:
            raise SystemExit(f"{name}: {path} answered {status}")
        profiler = cProfile.Profile() if profile else None
        clock = StatementClock()
        if slowest:
            with connection.execute_wrapper(clock):
                walls, cpus, headers = _time(browser, path, repeat, profiler)
            clock.report(name, repeat, slowest)
        else:
            walls, cpus, headers = _time(browser, path, repeat, profiler)
        if profiler and profile:
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            profiler.dump_stats(Path(profile) / f"{slug}.pstats")
        rows.append(
            {
                "page": name,
                "wall_ms": statistics.median(walls),
                "cpu_ms": statistics.median(cpus),
                "queries": int(headers.get("x-bench-queries", 0)),
                "audit_rows": int(headers.get("x-bench-audit-rows", 0)),
            }
        )
    print(json.dumps(rows))


def report(database: str, persons: int, rows: list[dict]) -> None:
    bare = rows[0]["wall_ms"]
    print(f"\n{database}: {persons:,} persons, each page alone (medians)")
    header = f"{'page':<28} {'wall ms':>8} {'cpu ms':>7} {'queries':>7} {'audit':>5} {'/ bare':>7}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['page']:<28} {row['wall_ms']:>8.2f} {row['cpu_ms']:>7.1f} "
            f"{row['queries']:>7} {row['audit_rows']:>5} {row['wall_ms'] / bare:>6.0f}x"
        )
    pages = rows[1:]
    print(
        f"pages: wall {statistics.mean(r['wall_ms'] for r in pages):.1f} ms, serving process CPU "
        f"{statistics.mean(r['cpu_ms'] for r in pages):.1f} ms on average (unweighted)"
    )


def main() -> None:
    import run

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    run.registry_options(parser)
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    parser.add_argument("--login", help="the caseworker (default: the first of the registry's)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--profile",
        help="write each page's cProfile statistics to DIR/<page>.pstats (the times grow with "
        "the profiler; read them with python -m pstats)",
        metavar="DIR",
    )
    parser.add_argument(
        "--slowest", type=int, default=0, metavar="N",
        help="print each page's N SQL statements that take longest (the timing adds a little)",
    )  # fmt: skip
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.repeat, args.profile, args.slowest)
        return

    results = {}
    for database in (d.strip() for d in args.databases.split(",")):
        kept = Path(args.keep).resolve() / database
        env, server, plan = run.prepare(database, args, kept)
        plan_file = kept / "alone-plan.json"
        if args.login:
            plan["logins"] = [args.login]
        plan_file.write_text(json.dumps(plan))
        try:
            output = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--worker", str(plan_file), "--repeat",
                 str(args.repeat),
                 *(["--profile", str(Path(args.profile).resolve())] if args.profile else []),
                 "--slowest", str(args.slowest)],
                env=env | {"PYTHONPATH": f"{HERE.parents[1]}:{HERE}"},
                cwd=HERE.parents[1], check=True,
                stdout=subprocess.PIPE, text=True,
            ).stdout  # fmt: skip
        finally:
            if server:
                server.stop()
        rows = json.loads(output.strip().splitlines()[-1])
        report(database, args.persons, rows)
        results[database] = rows
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
