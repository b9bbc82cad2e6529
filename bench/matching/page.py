"""The matching benchmark's page phase: one person's matches on the page at scale, beside a
bare page, on the plans benchmark's registry with `--vacancies` open vacancies.

    nice -n 10 .venv/bin/python bench/matching/page.py [--persons 100000] [--vacancies 20000]
        [--requests 100] [--databases postgres] [--keep var/bench-plans]

For each database it prepares (once; a kept directory is reused, and it is the plans
benchmark's, so both share one registry) the load benchmark's registry of `--persons`
generated persons (bench/load/run.py `prepare`), their profiles and plans (`manage.py
load_scale_plans`) and `--vacancies` open vacancies at generated employers (`manage.py
load_scale_vacancies`), and then times, in one process with the production settings
(bench/matching/measure_page.py), signed in as a caseworker of the Jobcenter or Agentur with
the most open cases (the offices that place people in work), for up to 50 of its persons with a
recorded occupation, in alternating turns: the bare Django view, the person page and the
person's matches page (`/persons/<id>/matches/`: the rules engine's labour-market answer, the
profile, the vacancies in reach and their scores with all reasons). It prints p50/p95 in
milliseconds, the queries per page and the ratios to the bare view of the same run; the target
is p95 ≤ 200 ms on PostgreSQL.
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
        loading = {k: v for k, v in env.items() if not k.startswith("DB_")} | {"DJANGO_DEBUG": "1"}
        changed = False
        if not loaded.get("plans"):
            print(f"[{database}] adding profiles, plans and enrolments (once) …", flush=True)
            started = time.perf_counter()
            _manage(loading, "load_scale_plans")
            loaded |= {"plans": True, "plans_seconds": round(time.perf_counter() - started)}
            changed = True
        if loaded.get("vacancies", 0) < args.vacancies:
            print(f"[{database}] adding {args.vacancies:,} vacancies (once) …", flush=True)
            started = time.perf_counter()
            _manage(loading, "load_scale_vacancies", "--vacancies", str(args.vacancies))
            loaded |= {
                "vacancies": args.vacancies,
                "vacancies_seconds": round(time.perf_counter() - started),
            }
            changed = True
        if changed:
            marker.write_text(json.dumps(loaded))
            _shell(loading, ANALYZE_SCRIPT)
        if args.load_only:
            return {}
        print(f"[{database}] timing {args.requests} turns of every page …", flush=True)
        output = subprocess.run(  # noqa: S603
            [sys.executable, str(Path(__file__).with_name("measure_page.py")), str(args.requests)],
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
    return {"database": database, "persons": args.persons} | result


def report(result: dict) -> None:
    bare = result["pages"]["bare Django view"]
    print(
        f"\n{result['database']}: {result['persons']:,} persons, {result['vacancies']:,} open "
        f"vacancies; signed in as {result['login']} ({result['open_cases']:,} open cases in the "
        f"office); {result['turns']} alternating turns; {result['with_matches']} of "
        f"{result['persons_timed']} persons timed had at least one suggestion"
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
    matches = result["pages"]["person's matches"]
    verdict = "met" if matches["p95"] <= 200 else "NOT met"
    print(f"person's matches p95 {matches['p95']:.0f} ms, goal ≤ 200 ms: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=100, help="turns: requests per page")
    parser.add_argument("--databases", default="postgres")
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
