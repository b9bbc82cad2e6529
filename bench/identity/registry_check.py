"""The registration duplicate check against a registry of N persons, on SQLite and PostgreSQL.

    .venv/bin/python bench/identity/registry_check.py [--persons 1000000] [--queries 200]

For each database it migrates a fresh database, loads N generated persons (with planted
duplicates) through the bulk loader, then times `lotse.identity.registry.duplicate_check` — the
very function behind the registration page, with the access policy and the audit event — for
`--queries` registrations taken from the same population (so most of them have real
candidates). It prints p50 and p95 and, as the baseline measured in the same run, a brute-force
check that compares the same inputs with every person in the registry (on a few queries only,
since it is slow), and the ratio of the two.

Each database runs in its own process (Django reads its settings once). PostgreSQL is started
from the machine's binaries as the `postgres` user, like the test suite does.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _load(persons: int, queries: int) -> tuple[object, list[dict], float | None]:
    """The bench user, `queries` sample rows, and the load time (None: a kept database that
    already holds the registry; the same generated rows give the same samples)."""
    from django.core.management import call_command
    from django.db import connection

    from lotse.access.services import user_create
    from lotse.demo.registry_load import load_rows
    from lotse.identity.generate import Generator
    from lotse.organisations.models import Office, Role, User
    from lotse.people.models import Person

    call_command("migrate", verbosity=0)
    office = Office.objects.get(code="sozialamt-tubingen-08416")
    actor = User.objects.filter(username="bench").first()
    loaded = actor is not None and Person.objects.count() >= persons
    if actor is None:
        actor = user_create(actor=None, username="bench", office=office, roles=[Role.CASEWORKER])
    started = time.perf_counter()
    rows = Generator(seed=7, duplicates=0.1).rows(persons)
    sample_every = max(1, persons // queries)
    samples: list[dict] = []

    def keep(stream):
        for position, row in enumerate(stream):
            if position % sample_every == 0 and len(samples) < queries:
                samples.append(row)
            yield row

    if loaded:
        for _row in keep(rows):
            if len(samples) >= queries:
                break
        return actor, samples, None
    load_rows(keep(rows), office=office)
    # A registry in service has planner statistics; a freshly bulk-loaded one has none yet.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return actor, samples, time.perf_counter() - started


def _as_input(row: dict):
    from lotse.people.services import IdentifierInput, NameInput, PersonInput

    year, _, rest = row["birth_date"].partition("-")
    month, _, day = rest.partition("-")
    kinds = {"AZR": "azr", "BAMF": "bamf", "BA": "ba"}
    identifiers = [
        IdentifierInput(type=kinds.get(k, "id_card"), value=v)
        for k, _, v in (part.partition(":") for part in row["identifier"].split(";") if part)
    ]
    return PersonInput(
        names=[NameInput(given_names=row["given_names"], family_name=row["family_name"])],
        birth_year=int(year) if year else None,
        birth_month=int(month) if month else None,
        birth_day=int(day) if day else None,
        nationalities=[row["nationality"]] if row["nationality"] else [],
        identifiers=identifiers,
    )


def _brute_force_ms(data) -> float:
    """The baseline: the same comparison against every person, no index."""
    from lotse.identity.matching import compare, prepare
    from lotse.people.records import input_records, records_by_person

    started = time.perf_counter()
    new = [prepare(r) for r in input_records(data)]
    for records in records_by_person(None).values():
        for record in records:
            prepared = prepare(record)
            for mine in new:
                compare(mine, prepared)
    return (time.perf_counter() - started) * 1000


def _prewarm() -> None:
    """After a restart, PostgreSQL's buffer cache is empty; a server in service holds the
    registry's indexes there. pg_prewarm (PostgreSQL's contrib) loads them, as an operator
    would after a restart. SQLite reads through the operating system's cache."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        cursor.execute(
            "SELECT pg_prewarm(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')"
            " AND (c.relname LIKE 'people_%%' OR c.relname LIKE 'cases_case%%')"
            " AND c.relname NOT LIKE '%%historical%%'"
        )


def worker(persons: int, queries: int, brute: int) -> dict:
    """Load (unless a kept database already holds the registry) and time the check."""
    _setup()
    from lotse.identity.registry import duplicate_check
    from lotse.people.models import Person

    actor, drawn, load_seconds = _load(persons, 2 * queries)
    samples, warmup = drawn[::2], drawn[1::2]
    inputs = [_as_input(row) for row in samples]
    _prewarm()
    # A registry in service has its indexes in memory: warm them with other registrations
    # (every other drawn sample, never timed).
    for data in [_as_input(row) for row in warmup]:
        duplicate_check(actor=actor, data=data)
    timings, found = [], 0
    for data in inputs:
        started = time.perf_counter()
        found += bool(duplicate_check(actor=actor, data=data))
        timings.append((time.perf_counter() - started) * 1000)
    brute_timings = [_brute_force_ms(data) for data in inputs[:brute]]
    return {
        "persons": Person.objects.count(),
        "load_seconds": round(load_seconds, 1) if load_seconds else None,
        "queries": len(timings),
        "with_candidates": found,
        "p50_ms": round(_percentile(timings, 0.5), 2),
        "p95_ms": round(_percentile(timings, 0.95), 2),
        "brute_queries": len(brute_timings),
        "brute_median_ms": round(statistics.median(brute_timings), 1) if brute_timings else None,
    }


def batch_worker() -> dict:
    """The batch search over the registry loaded by `worker`, in a process of its own, so that
    its peak memory is its own."""
    import resource

    _setup()
    from lotse.identity.batch import duplicate_run_execute
    from lotse.identity.models import DuplicateRun
    from lotse.organisations.models import User

    run = DuplicateRun.objects.create(started_by=User.objects.get(username="bench"))
    started = time.perf_counter()
    run = duplicate_run_execute(run_id=run.pk)
    seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "batch_seconds": round(seconds, 1),
        "batch_pairs": run.pairs_found,
        "batch_peak_mb": round(max(own, children) / 1024),
    }


def _run(database: str, args) -> dict:
    from lotse.core.tests.pytest_plugin import PostgresServer

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "LOTSE_", "DATABASE_URL"))
    }
    kept = Path(args.keep).resolve() / database if args.keep else None
    if kept:
        kept.mkdir(parents=True, exist_ok=True)
    tmp = kept or Path(tempfile.mkdtemp(prefix=f"lotse-bench-{database}-"))
    env.update(DJANGO_DEBUG="1", LOTSE_VAR_DIR=str(tmp), DJANGO_SETTINGS_MODULE="config.settings")
    server = None
    if database == "postgres":
        # Sized like a small production server rather than PostgreSQL's 128 MB default.
        server = PostgresServer(
            root=kept / "cluster" if kept else None,
            settings={"shared_buffers": "2GB", "effective_cache_size": "8GB"},
        )
        env["DATABASE_URL"] = server.start()

    def child(*extra: str) -> dict:
        output = subprocess.run(  # noqa: S603
            [sys.executable, __file__, *extra],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])

    try:
        result = child(
            "--worker", "--persons", str(args.persons),
            "--queries", str(args.queries), "--brute", str(args.brute),
        )  # fmt: skip
        marker = tmp / "load.json"
        if result["load_seconds"] is not None:
            marker.write_text(json.dumps({"load_seconds": result["load_seconds"]}))
        elif marker.exists():
            result["load_seconds"] = json.loads(marker.read_text())["load_seconds"]
            result["load_kept"] = True
        if not args.no_batch:
            result.update(child("--batch-worker"))
    finally:
        if server:
            server.stop()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--brute", type=int, default=3, help="queries for the brute-force baseline")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch search")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the loaded databases in DIR and reuse them on the next run (same --persons)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--batch-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.persons, args.queries, args.brute)))
        return
    if args.batch_worker:
        print(json.dumps(batch_worker()))
        return
    print(f"Registration duplicate check, {args.persons:,} persons, {args.queries} queries")
    for database in args.databases.split(","):
        r = _run(database, args)
        ratio = r["brute_median_ms"] / r["p50_ms"] if r["brute_median_ms"] else float("nan")
        load = f"{r['load_seconds'] or 0:>7.1f} s{' (kept)' if r.get('load_kept') else ''}"
        print(
            f"{database:9} load {load} | check p50 {r['p50_ms']:>7.2f} ms "
            f"p95 {r['p95_ms']:>7.2f} ms | {r['with_candidates']}/{r['queries']} with candidates | "
            f"brute force {r['brute_median_ms']} ms (median of {r['brute_queries']}) = "
            f"{ratio:,.0f}x the indexed p50"
        )
        if "batch_seconds" in r:
            print(
                f"{'':9} batch search over the registry: {r['batch_seconds']} s wall, "
                f"peak {r['batch_peak_mb']} MB, {r['batch_pairs']:,} pairs"
            )


if __name__ == "__main__":
    main()
