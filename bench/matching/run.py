"""The matching benchmark (issue 15): every person's best vacancies and every vacancy's best
persons, with reasons, beside a brute-force scoring of every pair on a sample.

    .venv/bin/python bench/matching/run.py [--candidates 100000] [--vacancies 20000]
                                           [--workers 2] [--seed 15] [--sample 2000]
                                           [--vacancy-sample 20]

It generates a seeded population (lotse/jobs/matching/generate.py), runs the batch
(`match_all`: top 10 vacancies per person, top 50 persons per vacancy, all reasons) and prints
its wall time and peak memory against the goal (≤ 60 s, ≤ 4 GB on a 2-core machine). Then, in
the same run, it scores every pair of a sample without the index — `--sample` persons × all
vacancies and `--vacancy-sample` vacancies × all persons — prints the per-pair cost of each way
and their ratio, and counts the sample's lists where the batch's top-k differs from the brute
force's (same vacancies or persons, same order, same scores and reasons). Last it counts, over
every result the batch produced, the results that break a hard filter (work access on the
start date, a required recognition, a hard German requirement), read from the records
themselves rather than the engine's prepared forms. Mismatches and violations must be 0; the
exit status is 1 otherwise. No database, no Django: the engine is pure Python.
"""

import argparse
import importlib.util
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lotse.jobs.matching import (  # noqa: E402 (after the path)
    Access,
    Candidate,
    Match,
    MatchIndex,
    PreparedCandidate,
    PreparedVacancy,
    Recognition,
    Status,
    Vacancy,
    match_all,
)
from lotse.jobs.matching.generate import population  # noqa: E402
from lotse.jobs.matching.index import (  # noqa: E402
    brute_force_prepared_candidates,
    brute_force_prepared_vacancies,
)

K_VACANCIES, K_CANDIDATES = 10, 50
GOAL_SECONDS, GOAL_MIB = 60.0, 4 * 1024.0


def peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished worker, in MiB (Linux
    reports ru_maxrss in KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


# Run in a process of its own (a thread would make the batch fork a multi-threaded process).
SAMPLER = """
import sys, psutil
parent = psutil.Process(int(sys.argv[1]))
me = psutil.Process()
pss = rss = 0
def sample():
    global pss, rss
    total_pss = total_rss = 0
    for process in [parent, *parent.children(recursive=True)]:
        if process.pid == me.pid:
            continue
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        total_pss += info.pss
        total_rss += info.rss
    pss, rss = max(pss, total_pss), max(rss, total_rss)
import select
while not select.select([sys.stdin], [], [], float(sys.argv[2]))[0]:
    sample()
sample()
print(pss / 2**20, rss / 2**20)
"""


class MemorySampler:
    """The peak of the summed memory of this process and its workers, sampled every
    `interval` seconds while the batch runs: PSS (proportional set size: a page shared by n
    processes counts 1/n in each, so the sum is what the machine holds) and RSS (shared pages
    counted in every process). Needs psutil (locked with the project); without it, 0."""

    def __init__(self, interval: float = 0.25):
        self.interval = interval
        self.pss = self.rss = 0.0
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> "MemorySampler":
        if importlib.util.find_spec("psutil") is not None:
            self._process = subprocess.Popen(  # noqa: S603 (our own interpreter and code)
                [sys.executable, "-c", SAMPLER, str(os.getpid()), str(self.interval)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        return self

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            out, _ = self._process.communicate("")
            self.pss, self.rss = (float(x) for x in out.split())


def violations(
    results: dict[str, list[Match]],
    people: dict[str, Candidate],
    jobs: dict[str, Vacancy],
) -> dict[str, int]:
    """Results breaking a hard filter, read from the records (not the prepared forms)."""
    counts = {"work_access": 0, "recognition": 0, "hard_german": 0, "not_open": 0}
    for matches in results.values():
        for match in matches:
            c, v = people[match.candidate_id], jobs[match.vacancy_id]
            if c.access_on(v.start).answer is Access.NO_ACCESS:
                counts["work_access"] += 1
            if v.recognition_required and not _recognised(c, v):
                counts["recognition"] += 1
            if any(r.hard and c.level(r.skill) < r.level for r in v.german):
                counts["hard_german"] += 1
            if v.status is not Status.OPEN:
                counts["not_open"] += 1
    return counts


def _recognised(c: Candidate, v: Vacancy) -> bool:
    return any(
        r.state is Recognition.FULL
        and r.reference[:4] == v.code[:4]
        and r.reference[4] >= v.code[4]
        for r in c.recognitions
    )


def _same(got: Sequence[Match], expected: Sequence[Match]) -> bool:
    def key(m: Match) -> tuple[object, ...]:
        return (m.candidate_id, m.vacancy_id, m.score, m.reasons)

    return [key(m) for m in got] == [key(m) for m in expected]


def brute_force(
    candidates: list[Candidate],
    vacancies: list[Vacancy],
    batch: Any,
    sample: int,
    vacancy_sample: int,
    seed: int,
) -> dict[str, Any]:
    """Every pair of the samples scored without the index (one process), and the sample's
    lists compared with the batch's."""
    rnd = random.Random(f"{seed}-sample")
    people = rnd.sample(candidates, min(sample, len(candidates)))
    jobs = rnd.sample(vacancies, min(vacancy_sample, len(vacancies)))
    all_jobs = [PreparedVacancy(v) for v in vacancies]
    started = time.perf_counter()
    mismatches = 0
    for candidate in people:
        expected = brute_force_prepared_vacancies(
            PreparedCandidate(candidate), all_jobs, K_VACANCIES
        )
        mismatches += not _same(batch.vacancies_by_candidate.get(candidate.id, []), expected)
    person_seconds = time.perf_counter() - started
    all_people = [PreparedCandidate(c) for c in candidates]
    started = time.perf_counter()
    for vacancy in jobs:
        expected = brute_force_prepared_candidates(
            PreparedVacancy(vacancy), all_people, K_CANDIDATES
        )
        mismatches += not _same(batch.candidates_by_vacancy.get(vacancy.id, []), expected)
    vacancy_seconds = time.perf_counter() - started
    person_pairs, vacancy_pairs = len(people) * len(vacancies), len(jobs) * len(candidates)
    return {
        "persons": len(people),
        "vacancies": len(jobs),
        "person_pairs": person_pairs,
        "vacancy_pairs": vacancy_pairs,
        "seconds": person_seconds + vacancy_seconds,
        "per_pair": (person_seconds + vacancy_seconds) / max(1, person_pairs + vacancy_pairs),
        "mismatches": mismatches,
        "lists": len(people) + len(jobs),
    }


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--sample", type=int, default=2_000, help="persons × all vacancies")
    parser.add_argument("--vacancy-sample", type=int, default=20, help="vacancies × all persons")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print its figures and return them."""
    args = parse(argv)
    started = time.perf_counter()
    candidates, vacancies = population(args.candidates, args.vacancies, seed=args.seed)
    generated = time.perf_counter() - started
    print(
        f"{len(candidates):,} persons × {len(vacancies):,} vacancies (seed {args.seed}), "
        f"generated in {generated:.1f} s; {args.workers} worker process(es)"
    )
    started = time.perf_counter()
    index = MatchIndex(candidates, vacancies)
    indexed = time.perf_counter() - started
    with MemorySampler() as sampled:
        batch = match_all(
            candidates,
            vacancies,
            k_vacancies=K_VACANCIES,
            k_candidates=K_CANDIDATES,
            processes=args.workers,
            index=index,
        )
    seconds = time.perf_counter() - started
    own, worker = peak_mib()
    bound = own + args.workers * worker
    measured = sampled.pss or bound
    results = sum(len(ms) for ms in batch.vacancies_by_candidate.values())
    results += sum(len(ms) for ms in batch.candidates_by_vacancy.values())
    figures: dict[str, Any] = {
        "seconds": seconds,
        "index_seconds": indexed,
        "peak_main_mib": own,
        "peak_worker_mib": worker,
        "peak_bound_mib": bound,
        "peak_pss_mib": sampled.pss,
        "peak_rss_sum_mib": sampled.rss,
        "pairs_scored": batch.pairs_scored,
        "results": results,
    }
    print(
        f"batch: wall time {seconds:.1f} s (index {indexed:.1f} s), goal ≤ {GOAL_SECONDS:.0f} s: "
        f"{'met' if seconds <= GOAL_SECONDS else 'NOT met'}"
    )
    print(
        f"peak memory: main process {own:,.0f} MiB, largest worker {worker:,.0f} MiB; "
        f"main + {args.workers} × worker ≤ {bound:,.0f} MiB (ru_maxrss, shared pages counted in "
        f"each); sampled every 0.25 s, main and workers together: PSS {sampled.pss:,.0f} MiB, "
        f"RSS {sampled.rss:,.0f} MiB; goal ≤ {GOAL_MIB:,.0f} MiB (PSS): "
        f"{'met' if measured <= GOAL_MIB else 'NOT met'}"
    )
    print(
        f"{batch.pairs_scored:,} pairs scored (past blocking and hard filters), {results:,} results"
    )
    brute = brute_force(candidates, vacancies, batch, args.sample, args.vacancy_sample, args.seed)
    cross = len(candidates) * len(vacancies)
    batch_per_pair = seconds / max(1, cross)
    ratio = brute["per_pair"] / batch_per_pair if batch_per_pair else 0.0
    figures.update(brute=brute, ratio=ratio, batch_per_pair=batch_per_pair)
    print(
        f"brute force, one process: {brute['persons']:,} persons × all vacancies and "
        f"{brute['vacancies']:,} vacancies × all persons, "
        f"{brute['person_pairs'] + brute['vacancy_pairs']:,} pairs in {brute['seconds']:.1f} s: "
        f"{brute['per_pair'] * 1e6:.2f} µs per pair"
    )
    print(
        f"batch: {batch_per_pair * 1e9:.1f} ns per pair of the full cross product "
        f"({cross:,} pairs, {args.workers} worker(s)); ratio brute force / batch per pair: "
        f"{ratio:,.0f}x; all pairs by brute force would take {brute['per_pair'] * cross:,.0f} s "
        "on one core"
    )
    print(
        f"sample lists where the batch's top-k differs from brute force: "
        f"{brute['mismatches']} of {brute['lists']:,}"
    )
    counts = violations(
        batch.vacancies_by_candidate, {c.id: c for c in candidates}, {v.id: v for v in vacancies}
    )
    more = violations(
        batch.candidates_by_vacancy, {c.id: c for c in candidates}, {v.id: v for v in vacancies}
    )
    counts = {key: counts[key] + more[key] for key in counts}
    figures["violations"] = counts
    detail = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in counts.items())
    print(f"results violating a hard filter, of all {results:,}: {sum(counts.values())} ({detail})")
    return figures


if __name__ == "__main__":
    found = main()
    sys.exit(1 if found["brute"]["mismatches"] or sum(found["violations"].values()) else 0)
