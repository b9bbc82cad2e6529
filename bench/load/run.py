"""The load benchmark: caseworkers of several offices against the production configuration.

    .venv/bin/python bench/load/run.py [--persons 1000000] [--users 50] [--duration 600]
                                       [--databases postgres,sqlite] [--keep var/bench-load]

For each database it prepares (once; a kept directory is reused) a registry of `--persons`
generated persons with cases, status events, referrals and consents on top of the demo region
(`manage.py load_scale_registry`), starts gunicorn on 127.0.0.1 with the production settings
(`DJANGO_DEBUG` off, a secret key, WhiteNoise's manifest, persistent database connections) and
runs Locust headless in three phases against it:

1. **ceiling**: a bare Django view served by the same workers (bench/load/server.py), as many
   requests as the users can make, without pause (`--ceiling-seconds`);
2. **pages**: `--users` caseworkers, each signed in with a login of their own and the second
   factor, doing what caseworkers do with a pause of `--wait` seconds between pages, for
   `--duration` seconds;
3. **saturation**: the same caseworkers' pages without pause (`--saturation-seconds`), for the
   pages' throughput beside the ceiling's.

It prints per page p50/p95/p99, requests per second, errors, SQL queries and audit rows per page
view (counted by the server per request), the ratio of each p95 to the ceiling's, the audit
trail's growth per 1,000 page views and the targets met or not. PostgreSQL is started from the
machine's binaries like the test suite's (as the `postgres` user when run as root). Loopback
only; every process it starts is stopped at the end.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
P95_TARGET_MS = 100
THROUGHPUT_TARGET = 0.25


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clean_env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "LOTSE_", "DB_", "DATABASE_URL"))
    }


def _manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


PLAN_SCRIPT = """
import json
from django.db.models import Count
from lotse.demo.region import DEMO_PASSWORD, DEMO_TOTP_SECRET
from lotse.people.models import PersonName
from lotse.organisations.models import User
logins = list(User.objects.filter(username__regex=r"-sb-[0-9]+$").order_by("username")
              .values_list("username", flat=True))
surnames = list(PersonName.objects.values("family_name").annotate(n=Count("id"))
                .order_by("-n").values_list("family_name", flat=True)[:200])
print(json.dumps({"logins": logins, "password": DEMO_PASSWORD,
                  "totp_secret": DEMO_TOTP_SECRET, "surnames": surnames}))
"""

AUDIT_SCRIPT = """
import json
from django.db import connection
from lotse.audit.models import AuditEvent
size = None
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size('audit_auditevent')")
        size = cursor.fetchone()[0]
print(json.dumps({"rows": AuditEvent.objects.count(), "bytes": size}))
"""

ANALYZE_SCRIPT = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        cursor.execute(
            "SELECT pg_prewarm(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')"
        )
print("{}")
"""


def _shell(env: dict[str, str], script: str) -> dict:
    output = _manage(env, "shell", "--no-imports", "-c", script, capture=True)
    return json.loads(output.strip().splitlines()[-1])


DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}


def prepare(database: str, args, kept: Path) -> tuple[dict[str, str], object | None, dict]:
    """The database under `kept` (loaded once), the server's environment and the plan."""
    from lotse.core.tests.pytest_plugin import PostgresServer

    kept.mkdir(parents=True, exist_ok=True)
    env = _clean_env() | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOTSE_VAR_DIR": str(kept),
        "LOTSE_LOCAL_ENV": str(kept / "no-local.env"),
    }
    server = None
    if database == "postgres":
        # Sized like a small production server rather than PostgreSQL's 128 MB default
        # (docs/deployment.md, "At scale").
        server = PostgresServer(
            root=kept / "cluster",
            settings={
                "shared_buffers": "2GB",
                "effective_cache_size": "8GB",
                "work_mem": "16MB",
                "max_connections": "200",
                # --durable: every COMMIT waits for the write-ahead log on the disk, as on a
                # production server (the test suite's throw-away cluster does not)
                **(DURABLE if getattr(args, "durable", False) else {}),
            },
        )
        env["DATABASE_URL"] = server.start()
    loading = env | {"DJANGO_DEBUG": "1"}
    marker = kept / "loaded.json"
    loaded = json.loads(marker.read_text()) if marker.exists() else None
    if loaded and loaded["persons"] != args.persons:
        raise SystemExit(
            f"{kept} holds a registry of {loaded['persons']:,} persons, not {args.persons:,}: "
            f"remove the directory or choose another --keep"
        )
    if loaded is None:
        print(f"[{database}] loading {args.persons:,} persons (once; kept in {kept}) …", flush=True)
        started = time.perf_counter()
        _manage(loading, "migrate", "--no-input", "-v0")
        _manage(loading, "createcachetable")
        _manage(loading, "load_reference_data", "-v0")
        _manage(loading, "seed_demo")
        _manage(
            loading,
            "load_scale_registry",
            "--persons", str(args.persons),
            "--caseworkers", str(args.caseworkers),
        )  # fmt: skip
        loaded = {"persons": args.persons, "load_seconds": round(time.perf_counter() - started)}
        marker.write_text(json.dumps(loaded))
    else:  # the code may have moved on since the registry was loaded
        _manage(loading, "migrate", "--no-input", "-v0")
    _shell(loading, ANALYZE_SCRIPT)
    plan = _shell(loading, PLAN_SCRIPT) | {"load_seconds": loaded["load_seconds"]}
    production = env | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no TLS redirect, no secure-only cookies.
        "LOTSE_HTTPS": "0",
        "DB_CONN_MAX_AGE": "600",
        # As behind the reverse proxy: the client's address is the X-Forwarded-For entry.
        "LOTSE_PROXY_COUNT": "1",
    }
    if args.pool and database == "postgres":
        # Django's connection pool instead of one persistent connection per thread.
        production["DB_POOL_SIZE"] = str(args.pool)
        del production["DB_CONN_MAX_AGE"]
    _manage(production, "collectstatic", "--no-input", "-v0")
    return production, server, plan


def start_gunicorn(env: dict[str, str], args, port: int, log: Path) -> subprocess.Popen:
    argv = [
        str(VENV_BIN / "gunicorn"),
        "--chdir", str(ROOT),
        "--pythonpath", str(HERE),
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers),
        "--threads", str(args.threads),
        "--worker-class", "gthread",
        "--keep-alive", "5",
        "--error-logfile", str(log),
        "server:application",
    ]  # fmt: skip
    process = subprocess.Popen(argv, env=env, cwd=ROOT, start_new_session=True)  # noqa: S603
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"gunicorn did not answer /health/; see {log}")


def _number(text: str) -> float:
    """A figure of Locust's CSV; "N/A" (no answer measured) as NaN."""
    return float("nan") if text == "N/A" else float(text)


def run_locust(port: int, plan: dict, user_class: str, users: int, seconds: int, work: Path,
               name: str) -> dict:  # fmt: skip
    # Caseworkers arrive five a second: each sign-in hashes a password on purpose.
    spawn_rate = 10 if user_class == "CeilingUser" else 5
    plan_file = work / f"{name}-plan.json"
    counts_file = work / f"{name}-counts.json"
    plan_file.write_text(json.dumps(plan | {"counts_file": str(counts_file)}))
    prefix = work / name
    argv = [
        str(VENV_BIN / "locust"),
        "-f", str(HERE / "locustfile.py"),
        "--headless", "--only-summary",
        "--host", f"http://127.0.0.1:{port}",
        "--users", str(users), "--spawn-rate", str(min(users, spawn_rate)),
        "--run-time", f"{seconds}s", "--stop-timeout", "10",
        "--csv", str(prefix),
        "--loglevel", "WARNING",
        user_class,
    ]  # fmt: skip
    subprocess.run(  # noqa: S603
        argv, env=os.environ | {"BENCH_PLAN": str(plan_file)}, check=False,
        stdout=subprocess.DEVNULL, stderr=open(work / f"{name}-locust.log", "w"),  # noqa: SIM115
    )  # fmt: skip
    pages = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pages[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50": _number(row["50%"]),
                "p95": _number(row["95%"]),
                "p99": _number(row["99%"]),
                "rps": _number(row["Requests/s"]),
            }
    counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    for page, (requests, queries, audit, missing) in counts.items():
        if page in pages and requests - missing:
            pages[page]["queries"] = queries / (requests - missing)
            pages[page]["audit_rows"] = audit / (requests - missing)
    failures = {}
    failures_csv = Path(f"{prefix}_failures.csv")
    if failures_csv.exists():
        with failures_csv.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                failures[f"{row['Name']}: {row['Error']}"[:200]] = int(row["Occurrences"])
    return {"pages": pages, "failures": failures, "views": sum(c[0] for c in counts.values())}


def measure(database: str, args) -> dict:
    kept = Path(args.keep).resolve() / database
    env, server, plan = prepare(database, args, kept)
    if args.load_only:
        if server:
            server.stop()
        return {}
    port = _free_port()
    gunicorn = start_gunicorn(env, args, port, kept / "gunicorn.log")
    work = Path(tempfile.mkdtemp(prefix=f"lotse-load-{database}-"))
    logins = plan["logins"]
    if len(logins) < 2 * args.users:
        raise SystemExit(f"{len(logins)} logins for 2 × {args.users} users: raise --caseworkers")
    try:
        print(f"[{database}] ceiling: {args.users} users, {args.ceiling_seconds} s", flush=True)
        ceiling = run_locust(port, plan, "CeilingUser", args.users, args.ceiling_seconds, work,
                             "ceiling")  # fmt: skip
        before = _shell(env, AUDIT_SCRIPT)
        print(f"[{database}] pages: {args.users} caseworkers, {args.duration} s", flush=True)
        pages = run_locust(port, plan | {"wait": args.wait, "first_login": 0}, "CaseworkerUser",
                           args.users, args.duration, work, "pages")  # fmt: skip
        after = _shell(env, AUDIT_SCRIPT)
        # Other logins than the pages' phase: a second-factor code is accepted once per login.
        print(f"[{database}] saturation: {args.saturation_seconds} s without pause", flush=True)
        saturation = run_locust(
            port, plan | {"wait": [0, 0], "first_login": args.users}, "CaseworkerUser",
            args.users, args.saturation_seconds, work, "saturation",
        )  # fmt: skip
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    views = max(pages["views"], 1)
    return {
        "database": database,
        "persons": args.persons,
        "load_seconds": plan["load_seconds"],
        "ceiling": ceiling["pages"].get("bare Django view (ceiling)", {}),
        "pages": pages["pages"],
        "failures": pages["failures"] | saturation["failures"],
        "saturation": saturation["pages"].get("Aggregated", {}),
        "audit_rows_per_1000_views": round((after["rows"] - before["rows"]) * 1000 / views),
        "audit_bytes_per_1000_views": (
            round((after["bytes"] - before["bytes"]) * 1000 / views) if after["bytes"] else None
        ),
    }


def report(result: dict) -> None:
    ceiling = result["ceiling"]
    print(
        f"\n{result['database']}: {result['persons']:,} persons (loaded in "
        f"{result['load_seconds']:,} s); ceiling (bare Django view) p50 {ceiling['p50']:.0f} ms, "
        f"p95 {ceiling['p95']:.0f} ms, {ceiling['rps']:.0f} requests/s"
    )
    header = (
        f"{'page':<32} {'requests':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6} "
        f"{'errors':>6} {'queries':>7} {'audit':>6} {'p95/ceil':>8}"
    )
    print(header)
    print("-" * len(header))
    ok_p95 = True
    nan = float("nan")
    for name, page in sorted(result["pages"].items(), key=lambda item: item[0] == "Aggregated"):
        ratio = page["p95"] / ceiling["p95"] if ceiling.get("p95") else float("nan")
        if name not in ("Aggregated", "sign-in") and page["p95"] > P95_TARGET_MS:
            ok_p95 = False
        print(
            f"{name:<32} {page['requests']:>8} {page['p50']:>6.0f} {page['p95']:>6.0f} "
            f"{page['p99']:>6.0f} {page['rps']:>6.1f} {page['errors']:>6} "
            f"{page.get('queries', nan):>7.1f} {page.get('audit_rows', nan):>6.2f} "
            f"{ratio:>7.1f}x"
        )
    saturation = result["saturation"]
    share = saturation.get("rps", 0) / ceiling["rps"] if ceiling.get("rps") else 0
    errors = sum(p["errors"] for n, p in result["pages"].items() if n != "Aggregated")
    enough = share >= THROUGHPUT_TARGET
    print(
        f"saturation (pages without pause): {saturation.get('rps', 0):.0f} requests/s = "
        f"{share:.0%} of the ceiling's; p95 {saturation.get('p95', 0):.0f} ms"
    )
    growth = result["audit_bytes_per_1000_views"]
    print(
        f"audit trail per 1,000 page views: {result['audit_rows_per_1000_views']:,} rows"
        + (f", {growth / 1024:,.0f} KiB (table and indexes)" if growth else "")
    )
    for name, occurrences in result["failures"].items():
        print(f"  failure ×{occurrences}: {name}")
    print(
        f"targets: every page p95 ≤ {P95_TARGET_MS} ms: {'met' if ok_p95 else 'NOT met'}; "
        f"0 errors: {'met' if errors == 0 else f'NOT met ({errors})'}; throughput ≥ "
        f"{THROUGHPUT_TARGET:.0%} of the ceiling: {'met' if enough else 'NOT met'}"
    )


def registry_options(parser: argparse.ArgumentParser) -> None:
    """The options of the kept registry and its database (`prepare`), for run.py and alone.py."""
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--databases", default="postgres,sqlite")
    parser.add_argument("--keep", default=str(ROOT / "var" / "bench-load"))
    parser.add_argument("--caseworkers", type=int, default=6, help="logins per demo office")
    parser.add_argument(
        "--pool", type=int, default=0,
        help="PostgreSQL: DB_POOL_SIZE per worker instead of persistent connections",
    )  # fmt: skip
    parser.add_argument(
        "--durable", action="store_true",
        help="PostgreSQL with durable commits (fsync, synchronous_commit) as in production",
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=600, help="seconds of the pages phase")
    parser.add_argument("--ceiling-seconds", type=int, default=60)
    parser.add_argument("--saturation-seconds", type=int, default=60)
    parser.add_argument(
        "--wait", type=float, nargs=2, default=[0.5, 2.0], metavar=("MIN", "MAX"),
        help="seconds a caseworker pauses between pages",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    registry_options(parser)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--load-only", action="store_true", help="prepare the kept registry, measure nothing"
    )
    args = parser.parse_args()
    if not shutil.which("locust", path=str(VENV_BIN)):
        raise SystemExit("Locust is missing: `make bench-load` installs requirements-load.lock")
    results = []
    for database in args.databases.split(","):
        result = measure(database.strip(), args)
        if not result:
            continue
        report(result)
        results.append(result)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
