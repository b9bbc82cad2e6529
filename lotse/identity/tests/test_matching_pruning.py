"""The batch search skips the name comparison of pairs that cannot reach the threshold
(`may_reach`); it must never skip a pair that would."""

import importlib
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.identity.csvio import record_from_row
from lotse.identity.generate import Generator
from lotse.identity.matching import Index, NameFrequencies, compare, find_duplicates
from lotse.identity.matching.calibrate import calibrate

may_reach = importlib.import_module("lotse.identity.matching.compare").may_reach

ROWS = [record_from_row(row) for row in Generator(seed=11, duplicates=0.3).rows(1_500)]


@pytest.fixture(scope="module")
def population():
    index = Index(ROWS)
    freq = NameFrequencies.from_prepared(index.records)
    return index, freq, calibrate(index.records, None, freq)


def _candidate_pairs(index):
    for i, keys in enumerate(index.keys):
        for j in index.candidates(keys):
            if j > i:
                yield index.records[i], index.records[j]


@pytest.mark.parametrize("min_score", [0.2, 0.5, 0.9])
def test_no_pair_at_or_above_the_threshold_is_skipped(population, min_score):
    index, freq, weights = population
    skipped = 0
    for a, b in _candidate_pairs(index):
        if not may_reach(a, b, min_score, freq, weights):
            skipped += 1
            assert compare(a, b, freq, weights).score < min_score
    assert skipped  # it does skip: most candidate pairs share only a frequent name


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(ROWS) - 1), st.integers(0, len(ROWS) - 1), st.floats(0.01, 0.99))
def test_any_pair_and_threshold(population, first, second, min_score):
    index, freq, weights = population
    a, b = index.records[first], index.records[second]
    if not may_reach(a, b, min_score, freq, weights):
        assert compare(a, b, freq, weights).score < min_score


def test_the_batch_search_finds_what_comparing_every_candidate_pair_finds(population):
    index, freq, weights = population
    expected = {
        frozenset((a.record_id, b.record_id))
        for a, b in _candidate_pairs(index)
        if compare(a, b, freq, weights).score >= 0.5
    }
    found = {frozenset((p.record_id_1, p.record_id_2)) for p in find_duplicates(ROWS, processes=1)}
    assert found == expected
    assert len(expected) > 100


def test_thresholds_outside_the_open_interval_never_skip(population):
    index, freq, weights = population
    for a, b in itertools.islice(_candidate_pairs(index), 50):
        assert may_reach(a, b, 0.0, freq, weights)
        assert may_reach(a, b, 1.0, freq, weights)
