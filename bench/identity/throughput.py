"""Throughput of the batch duplicate search (`match_persons` on a generated file): wall time,
peak memory, and the ratio against a brute-force all-pairs scan measured in the same run.

Run by `make bench`; see README.md beside this file.
"""

import argparse
import itertools
import resource
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import setup_django


def _peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest worker, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def batch(rows: int, seed: int, folder: Path) -> float:
    from django.core.management import call_command

    from lotse.identity.generate import write_csv

    source, out = folder / f"persons-{rows}.csv", folder / f"pairs-{rows}.csv"
    started = time.perf_counter()
    write_csv(source, rows, seed=seed, duplicates=0.2)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    call_command("match_persons", str(source), out=out, stdout=StringIO(), stderr=StringIO())
    seconds = time.perf_counter() - started
    with out.open(encoding="utf-8") as handle:
        pairs = sum(1 for _ in handle) - 1
    own, worker = _peak_mib()
    print(
        f"{rows:>9,} rows: generated in {generated:5.1f} s; match_persons {seconds:6.1f} s "
        f"({rows / seconds:,.0f} rows/s), {pairs:,} pairs; peak memory {own:,.0f} MiB "
        f"(main process), {worker:,.0f} MiB (largest worker)"
    )
    return seconds


def brute_force_ratio(sample: int, seed: int, rows: list[int], timings: list[float]) -> None:
    """All pairs of a sample compared one by one, against the blocked search of the same
    sample; then the all-pairs time of the full sizes extrapolated from the measured rate."""
    from lotse.identity.csvio import record_from_row
    from lotse.identity.generate import Generator
    from lotse.identity.matching import NameFrequencies, compare, find_duplicates, prepare

    records = [record_from_row(r) for r in Generator(seed=seed, duplicates=0.2).rows(sample)]
    started = time.perf_counter()
    list(find_duplicates(records, processes=1))
    blocked = time.perf_counter() - started
    started = time.perf_counter()
    prepared = [prepare(record) for record in records]
    freq = NameFrequencies.from_prepared(prepared)
    compared = 0
    for a, b in itertools.combinations(prepared, 2):
        compare(a, b, freq)
        compared += 1
    brute = time.perf_counter() - started
    rate = compared / brute
    print(
        f"\nSample of {sample:,} rows, one process: blocked search {blocked:.2f} s, "
        f"brute-force all pairs ({compared:,} comparisons) {brute:.1f} s: "
        f"{brute / blocked:,.0f}x faster"
    )
    for size, seconds in zip(rows, timings, strict=True):
        all_pairs = size * (size - 1) / 2 / rate
        print(
            f"{size:>9,} rows: brute force would take {all_pairs / 3600:,.0f} h on one core "
            f"({all_pairs / seconds:,.0f}x the blocked search)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    setup_django()
    print("Batch duplicate search with match_persons (all cores), generated population.")
    with tempfile.TemporaryDirectory() as folder:
        timings = [batch(rows, args.seed, Path(folder)) for rows in args.rows]
    brute_force_ratio(args.sample, args.seed, args.rows, timings)


if __name__ == "__main__":
    main()
