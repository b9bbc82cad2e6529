"""Finding duplicates in many records at once, and the in-memory index behind it.

Used by `manage.py match_persons` and by the benchmarks (one code path for both). The costs of
disagreements are calibrated on the data at hand first (calibrate.py). The pairs come from the
blocking index only; comparisons run in worker processes forked from this one, so
that they share the prepared records without copying them.
"""

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lotse.identity.matching.blocking import blocking_keys, skipped
from lotse.identity.matching.calibrate import calibrate
from lotse.identity.matching.compare import POSSIBLE, MatchResult, compare, may_reach
from lotse.identity.matching.features import NameFrequencies, Prepared, prepare
from lotse.identity.matching.records import PersonRecord


@dataclass(frozen=True, slots=True)
class Pair:
    record_id_1: str
    record_id_2: str
    result: MatchResult


class Index:
    """Prepared records and their blocking keys; `candidates` never scans the whole set."""

    def __init__(self, records: Sequence[PersonRecord]):
        self.records: list[Prepared] = [prepare(record) for record in records]
        self.keys: list[set[str]] = [blocking_keys(record) for record in self.records]
        self.blocks: dict[str, list[int]] = {}
        for position, keys in enumerate(self.keys):
            for key in keys:
                self.blocks.setdefault(key, []).append(position)

    def candidates(self, keys: set[str]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            block = self.blocks.get(key)
            if block and not skipped(key, len(block)):
                found.update(block)
        return found


# Set before the worker processes fork, read by them; never pickled.
_STATE: dict = {}


def _dedupe_slice(bounds: tuple[int, int]) -> list[Pair]:
    index, freq, min_score = _STATE["index"], _STATE["freq"], _STATE["min_score"]
    weights = _STATE["weights"]
    pairs = []
    for i in range(*bounds):
        record = index.records[i]
        for j in sorted(index.candidates(index.keys[i])):
            if j <= i or not may_reach(record, index.records[j], min_score, freq, weights):
                continue
            result = compare(record, index.records[j], freq, weights)
            if result.score >= min_score:
                pairs.append(Pair(record.record_id, index.records[j].record_id, result))
    return pairs


def _link_slice(bounds: tuple[int, int]) -> list[Pair]:
    left, index, freq = _STATE["left"], _STATE["index"], _STATE["freq"]
    weights = _STATE["weights"]
    pairs = []
    for record in left[bounds[0] : bounds[1]]:
        for j in sorted(index.candidates(blocking_keys(record))):
            if not may_reach(record, index.records[j], _STATE["min_score"], freq, weights):
                continue
            result = compare(record, index.records[j], freq, weights)
            if result.score >= _STATE["min_score"]:
                pairs.append(Pair(record.record_id, index.records[j].record_id, result))
    return pairs


def _run(
    work: Callable[[tuple[int, int]], list[Pair]], total: int, processes: int | None
) -> Iterator[Pair]:
    processes = processes or os.cpu_count() or 1
    chunk = max(1, min(20_000, total // (processes * 8) or 1))
    slices = [(start, min(total, start + chunk)) for start in range(0, total, chunk)]
    if processes == 1 or total < 2_000:
        for bounds in slices:
            yield from work(bounds)
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for pairs in pool.imap(work, slices):
            yield from pairs
        # The workers leave by themselves, not by the SIGTERM of the pool's exit: a worker that
        # was waiting for the task queue's lock could be left waiting for ever (a test session
        # catches SIGTERM, and the forked worker with it).
        pool.close()
        pool.join()


def find_duplicates(
    records: Sequence[PersonRecord], min_score: float = POSSIBLE, processes: int | None = None
) -> Iterator[Pair]:
    """Pairs of records within one set that may be one person, score ≥ min_score."""
    index = Index(records)
    freq = NameFrequencies.from_prepared(index.records)
    weights = calibrate(index.records, None, freq)
    _STATE.update(index=index, freq=freq, weights=weights, min_score=min_score)
    try:
        yield from _run(_dedupe_slice, len(index.records), processes)
    finally:
        _STATE.clear()


def link(
    left: Sequence[PersonRecord],
    right: Sequence[PersonRecord],
    min_score: float = POSSIBLE,
    processes: int | None = None,
) -> Iterator[Pair]:
    """Pairs (left record, right record) that may be one person, score ≥ min_score."""
    index = Index(right)
    prepared_left = [prepare(record) for record in left]
    freq = NameFrequencies.from_prepared([*prepared_left, *index.records])
    weights = calibrate(prepared_left, index.records, freq)
    _STATE.update(left=prepared_left, index=index, freq=freq, weights=weights, min_score=min_score)
    try:
        yield from _run(_link_slice, len(prepared_left), processes)
    finally:
        _STATE.clear()
