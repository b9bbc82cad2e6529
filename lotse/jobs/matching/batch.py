"""All persons × all vacancies at once: the best vacancies of every person and the best persons
of every vacancy, each with reasons.

Every pair the blocking lets through is scored once, from the person's side, by `score_at`
inlined in the persons' loop (`_person_pairs`: the same terms in the same order, so the same
floats; what depends on the person and one value of the vacancy is cached per person); its
score goes to the person's list and to the vacancy's heap. Reasons are built only for the
results kept. The persons are split into one slice per process (forked from this one, so the
prepared index is shared, not copied); each slice returns its persons' results and, per vacancy,
its best persons. A worker sends a result as its score and the numbers of its reasons in a table
it sends once per slice, not as pickled objects. The vacancies' lists are merged; the pairs the
persons' lists already hold are reused, the others explained in a second round of the same
processes. `lotse/jobs/tests/test_matching_batch_equivalence.py` checks the results against the
straightforward scoring.
"""

import bisect
import gc
import heapq
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lotse.jobs.matching.index import MatchIndex
from lotse.jobs.matching.records import Access, Candidate, Vacancy
from lotse.jobs.matching.score import (
    LICENCE_POINTS,
    SHIFT_POINTS,
    Match,
    PreparedCandidate,
    PreparedVacancy,
    Reason,
    _distance_points,
    _experience,
    _fit,
    _hours,
    _language,
    _recognised,
    distance_km,
    explained,
    interned,
)

NO_ACCESS = Access.NO_ACCESS

# Set before the worker processes fork, read by them; never pickled.
_STATE: dict[str, Any] = {}

VacancyBest = dict[int, list[tuple[float, int]]]
# A match as a worker sends it: the score and its reasons as numbers into the worker's table
# of reasons (sent once per slice), so that a result crosses the process boundary as a few
# small ints rather than as objects.
Sent = tuple[float, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class BatchResult:
    vacancies_by_candidate: dict[str, list[Match]]
    candidates_by_vacancy: dict[str, list[Match]]
    pairs_scored: int


class _Codec:
    """Numbers a worker's reasons in the order it first sends them. The reasons are interned
    (score.py), so one object stands for one reason; the table keeps them alive."""

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}
        self.table: list[Reason] = []

    def encode(self, c: PreparedCandidate, v: PreparedVacancy, km: float) -> Sent:
        """The pair's score and reasons (it passed the hard filters)."""
        found = explained(c, v, km)
        assert found is not None
        score, reasons = found
        numbers, table = self.numbers, self.table
        out = []
        for reason in reasons:
            number = numbers.get(id(reason))
            if number is None:
                number = numbers[id(reason)] = len(table)
                table.append(reason)
            out.append(number)
        return score, tuple(out)


def _candidate_slice(
    bounds: tuple[int, int],
) -> tuple[list[list[tuple[int, float, tuple[int, ...]]]], VacancyBest, int, list[Reason]]:
    index: MatchIndex = _STATE["index"]
    k_vacancies: int = _STATE["k_vacancies"]
    k_candidates: int = _STATE["k_candidates"]
    vacancies, candidates = index.vacancies, index.candidates
    codec = _Codec()
    # Per vacancy a heap of (score, -position) of at most k_candidates; `floor` is its worst
    # score once full. Positions rise through the slice, so a later person with the same score
    # as the worst one ranks below it and is not taken.
    heaps: VacancyBest = {}
    floor = [-1.0] * len(vacancies)
    results: list[list[tuple[int, float, tuple[int, ...]]]] = []
    pairs = 0
    for i in range(*bounds):
        c = candidates[i]
        mine, scored = _person_pairs(index, c, i, heaps, floor, k_candidates)
        pairs += scored
        # (−score, position) are unique, so the km is never compared
        best = heapq.nsmallest(k_vacancies, mine) if len(mine) > k_vacancies else sorted(mine)
        encoded = []
        for _, j, km in best:
            score, numbers = codec.encode(c, vacancies[j], km)
            encoded.append((j, score, numbers))
        results.append(encoded)
    return results, heaps, pairs, codec.table


def _person_pairs(  # noqa: C901 (`score_at` inlined: the batch's inner loop)
    index: MatchIndex,
    c: PreparedCandidate,
    i: int,
    heaps: VacancyBest,
    floor: list[float],
    k: int,
) -> tuple[list[tuple[float, int, float]], int]:
    """Every pair of the person the blocking lets through, scored as `score_at` scores it
    (the same terms added in the same order, so the same floats), with what depends on the
    person and one value of the vacancy cached per person: the fit and experience per code,
    the German per set of requirements, the hours points per hours, the access per start
    date, the distance points per Gemeinde. Offers each score to the vacancy's heap."""
    vacancies = index.vacancies
    mine: list[tuple[float, int, float]] = []
    pairs = 0
    fits: dict[str, tuple[int, int, float]] = {}
    languages: dict[int, float] = {}
    hours_points: dict[int, float] = {}
    access_ok: dict[object, bool] = {}
    shifts, licences, only = c.shifts, c.licences, c.only
    minus_i, heappush, heapreplace = -i, heapq.heappush, heapq.heapreplace
    kms, entries = index.near(c)
    for km, at in entries[: bisect.bisect_right(kms, c.max_km)]:
        distance = _distance_points(km, c)
        for group in c.groups:
            block = at.get(group)
            if not block:
                continue
            for j in block:
                v = vacancies[j]
                if only is None:
                    ok = access_ok.get(v.start)
                    if ok is None:
                        ok = access_ok[v.start] = c.access_on(v.start).answer is not NO_ACCESS
                    if not ok:
                        continue
                if v.recognition_required and not _recognised(c, v):
                    continue
                fit = fits.get(v.fit_key)
                if fit is None:
                    depth, points, _ = _fit(c, v)
                    experience = _experience(c, v.prefixes[5 - depth][1])[1] if depth else 0.0
                    fit = fits[v.fit_key] = (depth, points, experience)
                if not fit[0]:
                    continue
                language = languages.get(v.requirements_id)
                if language is None:  # not yet known; −1: a hard requirement is not met
                    found = _language(c, v)
                    language = languages[v.requirements_id] = -1.0 if found is None else found[0]
                if language < 0:
                    continue
                hours = hours_points.get(v.hours)
                if hours is None:
                    hours = hours_points[v.hours] = _hours(c, v)[0]
                total = fit[1] + language + fit[2]
                total += distance + hours
                if not v.shifts or shifts:
                    total += SHIFT_POINTS
                if v.licence is None or v.licence in licences:
                    total += LICENCE_POINTS
                s = round(total, 1)
                pairs += 1
                mine.append((-s, j, km))
                # the vacancy's heap of (score, −position), at most k; `floor` its worst once full
                if s > floor[j]:
                    heap = heaps.get(j)
                    if heap is None:
                        heap = heaps[j] = []
                    if len(heap) < k:
                        heappush(heap, (s, minus_i))
                        if len(heap) == k:
                            floor[j] = heap[0][0]
                    else:
                        heapreplace(heap, (s, minus_i))
                        floor[j] = heap[0][0]
    return mine, pairs


def _vacancy_slice(bounds: tuple[int, int]) -> tuple[list[list[Sent | None]], list[Reason]]:
    """The vacancies' persons explained, except the pairs the persons' lists already hold
    (None: the main process has them)."""
    index: MatchIndex = _STATE["index"]
    best: list[list[int]] = _STATE["best"]
    known: dict[int, Match] = _STATE["known"]
    vacancies, candidates = index.vacancies, index.candidates
    width = len(vacancies)
    codec = _Codec()
    out: list[list[Sent | None]] = []
    for j in range(*bounds):
        v = vacancies[j]
        out.append(
            [
                None
                if i * width + j in known
                else codec.encode(candidates[i], v, distance_km(candidates[i], v))
                for i in best[j]
            ]
        )
    return out, codec.table


def _decode(table: list[Reason]) -> list[Reason]:
    """A worker's reasons as this process's interned ones (one object per reason)."""
    return [interned(reason) for reason in table]


def _slices(total: int, parts: int) -> list[tuple[int, int]]:
    size = -(-total // parts) if total else 0
    return [(start, min(total, start + size)) for start in range(0, total, size or 1)]


def _map[T](work: Callable[[tuple[int, int]], T], total: int, processes: int) -> list[T]:
    # Forking a process that runs other threads (a test session with a browser driver, a
    # threaded server) can copy a lock in its held state and hang the child for ever: there the
    # batch runs in this process (same results, slower). `manage.py` and bench/matching have no
    # other threads and fork.
    if processes == 1 or total < 500 or threading.active_count() > 1:
        return [work(bounds) for bounds in _slices(total, 1)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(work, _slices(total, processes), chunksize=1)
        # The workers leave by themselves, not by the SIGTERM of the pool's exit: a worker that
        # was waiting for the task queue's lock could be left waiting for ever (a test session
        # catches SIGTERM, and the forked worker with it).
        pool.close()
        pool.join()
    return results


def match_all(
    candidates: Iterable[Candidate],
    vacancies: Iterable[Vacancy],
    k_vacancies: int = 10,
    k_candidates: int = 50,
    processes: int | None = None,
    index: MatchIndex | None = None,
) -> BatchResult:
    """The best `k_vacancies` of every person and the best `k_candidates` of every vacancy."""
    # The batch makes millions of objects and no cycles: without the collector's passes over
    # them it runs about a quarter faster, and forked workers do not copy pages the collector
    # would touch. Switched back on (if it was on) when done.
    collecting = gc.isenabled()
    gc.disable()
    index = index or MatchIndex(candidates, vacancies)
    processes = processes or os.cpu_count() or 1
    _STATE.update(index=index, k_vacancies=k_vacancies, k_candidates=k_candidates)
    try:
        by_candidate, known, merged, pairs = _persons_round(index, processes)
        # (score, -position) largest first: score descending, then position ascending
        best = [[-minus for _, minus in heapq.nlargest(k_candidates, e)] for e in merged]
        _STATE.update(best=best, known=known)
        by_vacancy = _vacancies_round(index, processes, best, known)
        return BatchResult(by_candidate, by_vacancy, pairs)
    finally:
        _STATE.clear()
        if collecting:
            gc.enable()


def _persons_round(
    index: MatchIndex, processes: int
) -> tuple[dict[str, list[Match]], dict[int, Match], list[list[tuple[float, int]]], int]:
    vacancies, candidates = index.vacancies, index.candidates
    width = len(vacancies)
    by_candidate: dict[str, list[Match]] = {}
    known: dict[int, Match] = {}
    merged: list[list[tuple[float, int]]] = [[] for _ in vacancies]
    pairs = 0
    i = 0
    for results, heaps, scored, table in _map(_candidate_slice, len(candidates), processes):
        reasons = _decode(table)
        pairs += scored
        for encoded in results:
            cid = candidates[i].id
            matches = []
            for j, score, numbers in encoded:
                match = Match(cid, vacancies[j].id, score, tuple(map(reasons.__getitem__, numbers)))
                matches.append(match)
                known[i * width + j] = match
            by_candidate[cid] = matches
            i += 1
        for j, heap in heaps.items():
            merged[j].extend(heap)
    return by_candidate, known, merged, pairs


def _vacancies_round(
    index: MatchIndex, processes: int, best: list[list[int]], known: dict[int, Match]
) -> dict[str, list[Match]]:
    vacancies, candidates = index.vacancies, index.candidates
    width = len(vacancies)
    by_vacancy: dict[str, list[Match]] = {}
    j = 0
    for chunk, table in _map(_vacancy_slice, len(vacancies), processes):
        reasons = _decode(table)
        for sent in chunk:
            vid = vacancies[j].id
            matches = []
            for i, item in zip(best[j], sent, strict=True):
                if item is None:
                    matches.append(known[i * width + j])
                else:
                    score, numbers = item
                    reasons_of = tuple(map(reasons.__getitem__, numbers))
                    matches.append(Match(candidates[i].id, vid, score, reasons_of))
            by_vacancy[vid] = matches
            j += 1
    return by_vacancy
