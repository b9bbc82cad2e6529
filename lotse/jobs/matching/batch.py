"""All persons × all vacancies at once: the best vacancies of every person and the best persons
of every vacancy, each with reasons.

Every pair the blocking lets through is scored once, from the person's side; its score goes to
the person's list and to the vacancy's. The persons are split into one slice per process
(forked from this one, so the prepared index is shared, not copied); each slice returns its
persons' results and, per vacancy, its best persons; the vacancies' lists are merged and
explained in a second round of the same processes.
"""

import bisect
import heapq
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lotse.jobs.matching.index import MatchIndex
from lotse.jobs.matching.records import Candidate, Vacancy
from lotse.jobs.matching.score import Match, explain, score_at

# Set before the worker processes fork, read by them; never pickled.
_STATE: dict[str, Any] = {}

VacancyBest = dict[int, list[tuple[float, int]]]


@dataclass(frozen=True, slots=True)
class BatchResult:
    vacancies_by_candidate: dict[str, list[Match]]
    candidates_by_vacancy: dict[str, list[Match]]
    pairs_scored: int


def _candidate_slice(bounds: tuple[int, int]) -> tuple[list[list[Match]], VacancyBest, int]:
    index: MatchIndex = _STATE["index"]
    k_vacancies: int = _STATE["k_vacancies"]
    k_candidates: int = _STATE["k_candidates"]
    vacancies, candidates = index.vacancies, index.candidates
    # Per vacancy a heap of (score, -position) of at most k_candidates; `floor` is its worst
    # score once full. Positions rise through the slice, so a later person with the same score
    # as the worst one ranks below it and is not taken.
    heaps: VacancyBest = {}
    floor = [-1.0] * len(vacancies)
    results: list[list[Match]] = []
    pairs = 0
    for i in range(*bounds):
        c = candidates[i]
        mine: list[tuple[float, int]] = []
        groups = c.groups
        kms, entries = index.near(c)
        for km, at in entries[: bisect.bisect_right(kms, c.max_km)]:
            for group in groups:
                block = at.get(group)
                if not block:
                    continue
                for j in block:
                    s = score_at(c, vacancies[j], km)
                    if s is None:
                        continue
                    pairs += 1
                    mine.append((-s, j))
                    if s > floor[j]:
                        _offer(heaps, floor, j, s, -i, k_candidates)
        best = heapq.nsmallest(k_vacancies, mine) if len(mine) > k_vacancies else sorted(mine)
        results.append([_explain(c, vacancies[j]) for _, j in best])
    return results, heaps, pairs


def _offer(heaps: VacancyBest, floor: list[float], j: int, s: float, minus_i: int, k: int) -> None:
    heap = heaps.get(j)
    if heap is None:
        heap = heaps[j] = []
    if len(heap) < k:
        heapq.heappush(heap, (s, minus_i))
        if len(heap) == k:
            floor[j] = heap[0][0]
    else:
        heapq.heapreplace(heap, (s, minus_i))
        floor[j] = heap[0][0]


def _vacancy_slice(bounds: tuple[int, int]) -> list[list[Match]]:
    index: MatchIndex = _STATE["index"]
    best: list[list[int]] = _STATE["best"]
    vacancies, candidates = index.vacancies, index.candidates
    return [[_explain(candidates[i], vacancies[j]) for i in best[j]] for j in range(*bounds)]


def _explain(c: Any, v: Any) -> Match:
    match = explain(c, v)
    assert match is not None
    return match


def _slices(total: int, parts: int) -> list[tuple[int, int]]:
    size = -(-total // parts) if total else 0
    return [(start, min(total, start + size)) for start in range(0, total, size or 1)]


def _map[T](work: Callable[[tuple[int, int]], T], total: int, processes: int) -> list[T]:
    if processes == 1 or total < 500:
        return [work(bounds) for bounds in _slices(total, 1)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(work, _slices(total, processes), chunksize=1)


def match_all(
    candidates: Iterable[Candidate],
    vacancies: Iterable[Vacancy],
    k_vacancies: int = 10,
    k_candidates: int = 50,
    processes: int | None = None,
    index: MatchIndex | None = None,
) -> BatchResult:
    """The best `k_vacancies` of every person and the best `k_candidates` of every vacancy."""
    index = index or MatchIndex(candidates, vacancies)
    processes = processes or os.cpu_count() or 1
    _STATE.update(index=index, k_vacancies=k_vacancies, k_candidates=k_candidates)
    try:
        parts = _map(_candidate_slice, len(index.candidates), processes)
        by_candidate: dict[str, list[Match]] = {}
        merged: list[list[tuple[float, int]]] = [[] for _ in index.vacancies]
        pairs = 0
        position = 0
        for results, heaps, scored in parts:
            pairs += scored
            for matches in results:
                by_candidate[index.candidates[position].id] = matches
                position += 1
            for j, heap in heaps.items():
                merged[j].extend(heap)
        # (score, -position) largest first: score descending, then position ascending
        _STATE["best"] = [
            [-minus for _, minus in heapq.nlargest(k_candidates, entries)] for entries in merged
        ]
        explained = _map(_vacancy_slice, len(index.vacancies), processes)
        by_vacancy: dict[str, list[Match]] = {}
        j = 0
        for chunk in explained:
            for matches in chunk:
                by_vacancy[index.vacancies[j].id] = matches
                j += 1
        return BatchResult(by_candidate, by_vacancy, pairs)
    finally:
        _STATE.clear()
