"""The plans benchmark: the caseload, person, profile and plan pages at scale, beside a bare page.

    .venv/bin/python bench/plans/run.py [--persons 100000] [--requests 200]
                                        [--databases sqlite,postgres] [--keep var/bench-plans]

For each database it prepares (once; a kept directory is reused) the load benchmark's registry
of `--persons` generated persons (bench/load/run.py `prepare`: the demo region, then
`manage.py load_scale_registry`), adds a profile, an integration plan and course enrolments to
every person (`manage.py load_scale_plans`), and then times the pages in one process with the
production settings (`DJANGO_DEBUG` off): each request goes through the production WSGI
application (bench/load/server.py, which counts the SQL queries of each request), signed in as
a caseworker of an office with the second factor. The pages are requested in turns, so that
the machine's noise falls on all of them alike, and the bare Django view (no middleware) is
requested in the same turns as the baseline.

It prints per page p50/p95 in milliseconds, queries per page and the ratio of each p50 and p95
to the bare view's. Loopback only, no server is started (PostgreSQL is, like the test suite's,
and stopped at the end).
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "load"))

from run import ANALYZE_SCRIPT, _manage, _shell, prepare  # noqa: E402  (bench/load/run.py)


def measure(database: str, args) -> dict:
    kept = Path(args.keep).resolve() / database
    env, server, _plan = prepare(database, args, kept)
    try:
        marker = kept / "loaded.json"
        loaded = json.loads(marker.read_text())
        if not loaded.get("plans"):
            print(f"[{database}] adding profiles, plans and enrolments (once) …", flush=True)
            started = time.perf_counter()
            loading = {k: v for k, v in env.items() if not k.startswith("DB_")}
            _manage(loading | {"DJANGO_DEBUG": "1"}, "load_scale_plans")
            loaded["plans"] = True
            loaded["plans_seconds"] = round(time.perf_counter() - started)
            marker.write_text(json.dumps(loaded))
            _shell(env | {"DJANGO_DEBUG": "1"}, ANALYZE_SCRIPT)
        if args.load_only:
            return {}
        print(f"[{database}] timing {args.requests} turns of every page …", flush=True)
        output = subprocess.run(  # noqa: S603
            [sys.executable, str(Path(__file__).with_name("measure.py")), str(args.requests)],
            env=env | {"PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
    finally:
        if server:
            server.stop()
    return {
        "database": database,
        "persons": args.persons,
        "load_seconds": loaded["load_seconds"],
        "plans_seconds": loaded.get("plans_seconds"),
    } | result


def report(result: dict) -> None:
    bare = result["pages"]["bare Django view"]
    print(
        f"\n{result['database']}: {result['persons']:,} persons, "
        f"{result['profiles']:,} profiles, {result['plans']:,} plans ({result['goals']:,} goals, "
        f"{result['steps']:,} steps), {result['enrolments']:,} enrolments; signed in as "
        f"{result['login']} ({result['open_cases']:,} open cases in the office); "
        f"{result['turns']} alternating turns"
    )
    header = (
        f"{'page':<28} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'p50/bare':>9} {'p95/bare':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, page in result["pages"].items():
        print(
            f"{name:<28} {page['p50']:>7.2f} {page['p95']:>7.2f} {page['queries']:>7.0f} "
            f"{page['p50'] / bare['p50']:>8.0f}x {page['p95'] / bare['p95']:>8.0f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="turns: requests per page")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--caseworkers", type=int, default=1, help="logins per demo office")
    parser.add_argument("--keep", default=str(ROOT / "var" / "bench-plans"))
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--load-only", action="store_true", help="prepare, measure nothing")
    args = parser.parse_args()
    args.pool = 0  # bench/load's prepare: persistent connections, no pool
    results = []
    for database in args.databases.split(","):
        result = measure(database.strip(), args)
        if result:
            report(result)
            results.append(result)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
