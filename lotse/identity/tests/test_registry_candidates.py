"""Which registry persons the registration check scores: the blocking query behind it."""

import pytest

from lotse.identity.matching import blocking
from lotse.identity.registry import _blocked_ids
from lotse.organisations.tests.factories import reference_office
from lotse.people.models import MatchKey, Person


@pytest.fixture
def persons(db):
    office = reference_office("sozialamt-tubingen-08416")

    def make(count: int, *keys: str) -> list[str]:
        made = Person.objects.bulk_create([Person(created_by_office=office) for _ in range(count)])
        MatchKey.objects.bulk_create([MatchKey(person=p, key=k) for p in made for k in keys])
        return [str(p.pk) for p in made]

    return make


class Entry:
    """Stands in for a prepared record: the query only needs its blocking keys."""


@pytest.fixture
def keys_of_entry(monkeypatch):
    def use(*keys: str) -> list:
        monkeypatch.setattr("lotse.identity.registry.blocking_keys", lambda record: set(keys))
        return [Entry()]

    return use


def test_a_small_name_block_counts_and_a_large_one_does_not(persons, keys_of_entry, monkeypatch):
    monkeypatch.setitem(blocking.SMALL_BLOCK_ONLY, "n", 3)
    small = persons(3, "n:SMALL")
    persons(4, "n:LARGE")
    assert set(_blocked_ids(keys_of_entry("n:SMALL", "n:LARGE"))) == set(small)


def test_keys_with_a_birth_date_count_in_any_block(persons, keys_of_entry, monkeypatch):
    monkeypatch.setitem(blocking.SMALL_BLOCK_ONLY, "n", 3)
    dated = persons(5, "dn:1990-01-01|NAME")
    persons(4, "n:LARGE")
    assert set(_blocked_ids(keys_of_entry("dn:1990-01-01|NAME", "n:LARGE"))) == set(dated)


def test_persons_sharing_more_keys_come_first_and_the_number_is_capped(
    persons, keys_of_entry, monkeypatch
):
    monkeypatch.setattr("lotse.identity.registry.MAX_SCORED", 2)
    best = persons(2, "ny:NAME|1990", "dp:1990-01-01|72070")
    persons(3, "ny:NAME|1990")
    assert set(_blocked_ids(keys_of_entry("ny:NAME|1990", "dp:1990-01-01|72070"))) == set(best)


def test_no_keys_no_candidates(persons, keys_of_entry):
    persons(2, "n:NAME")
    assert _blocked_ids(keys_of_entry()) == []
