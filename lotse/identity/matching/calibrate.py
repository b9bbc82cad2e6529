"""Calibrating what a disagreement costs and what a shared address weighs, from the data at
hand, for one batch run.

The hand-set costs in `compare.Weights` are this population's: a different first given name
costs 8 bits because siblings share everything else. A file from elsewhere may be less reliable
than that: its clerks may have replaced given names, retyped numbers or mixed up birth years.
Such a file says so itself, on the pairs whose identity is not in doubt:

- pairs that share an identifier (not a household number) show how often one person's records
  disagree on the first given name, the family name and the birth year (a few years apart, or
  a generation);
- pairs that share first given name, family name and a full birth date (not a 01.01.
  placeholder) show how often one person's records carry different numbers of one kind;
- pairs that share an address (a flat: not more than five records) show whether households
  live in this data: how often such a pair looks like two members of one household (another
  first given name and birth years three or more apart). The most a shared address weighs,
  5 bits by hand because a household's members share it, rises towards the 8 bits its
  frequency may say where hardly any pair does (a file of single persons, FEBRL).

From the share of disagreeing pairs, blended with the hand-set cost as 200 pseudo-pairs so that
a small file keeps it, `compare.cost` makes the cost for this run: never more than the hand-set
cost, never less than one bit. The address cap is blended with the hand-set 5 bits the same way,
never below it. No other agreement weight is calibrated, and nothing here can raise a score to
LIKELY on names and birth data alone (compare's rule stays). The reasons name the calibrated
weights ("in this data 40 of 450 pairs that share an identifier differ here").

Used by `batch.find_duplicates` and `batch.link`; the registration check keeps the hand costs.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from rapidfuzz.distance import OSA

from lotse.identity.matching.compare import (
    DEFAULT_WEIGHTS,
    FULL_DATES_YEARS_APART,
    HOUSEHOLD,
    Weights,
    cost,
    evidence_for,
)
from lotse.identity.matching.features import FAMILY, GIVEN, NameFrequencies, Prepared
from lotse.identity.matching.records import Precision

MAX_GROUP = 5  # a larger group of one number or one name and date is not one person's
MAX_PAIRS = 20_000  # enough for the shares, cheap against the run itself
PRIOR_PAIRS = 200
ADDRESS_CAP = NameFrequencies.ADDRESS_BITS_OUTSIDE_HOUSEHOLD


def _groups(
    left: Sequence[Prepared],
    right: Sequence[Prepared] | None,
    key: Callable[[Prepared], Iterable[object]],
) -> Iterator[tuple[Prepared, Prepared]]:
    """Pairs with a shared key: within `left`, or between left and right when linking."""
    groups: dict[object, list[list[Prepared]]] = defaultdict(lambda: [[], []])
    for side, records in enumerate((left, right or ())):
        for record in records:
            for k in key(record):
                groups[k][side].append(record)
    count = 0
    for first, second in groups.values():
        if len(first) + len(second) > MAX_GROUP:
            continue
        if right is None:
            pairs = ((a, b) for i, a in enumerate(first) for b in first[i + 1 :])
        else:
            pairs = ((a, b) for a in first for b in second)
        for a, b in pairs:
            if a.record_id == b.record_id:
                continue
            yield a, b
            count += 1
            if count >= MAX_PAIRS:
                return


def _identifier_keys(record: Prepared) -> set[tuple[str, str]]:
    return {
        (kind, value)
        for kind, values in record.identifiers.items()
        if kind not in HOUSEHOLD
        for value in values
    }


def _name_date_keys(record: Prepared) -> set[tuple]:
    birth = record.birth
    given, family = record.tokens(GIVEN), record.tokens(FAMILY)
    if birth.precision != Precision.DAY or not given or not family or not record.identifiers:
        return set()
    return {(given[0].text, tuple(t.text for t in family), str(birth))}


def _address_keys(record: Prepared) -> set[str]:
    return {record.address_key} if record.address else set()


HOUSEHOLD_PRIOR_PAIRS = 5  # pseudo-pairs of households everywhere, for Weights.households


def _address_cap(
    left: Sequence[Prepared],
    right: Sequence[Prepared] | None,
    freq: NameFrequencies | None,
    hand: Weights,
) -> tuple[float, str, float, str]:
    """How much a shared address may weigh in this data: the hand-set cap stands for households
    (two members share the address). Pairs that share one show how often they look like two
    members of one household: another first given name and birth years three or more apart."""
    pairs = two = 0
    for a, b in _groups(left, right, _address_keys):
        pairs += 1
        tags = evidence_for(a, b, freq, hand).tags
        two += "given" in tags and bool(tags & {"year", "generation"})
    share = (two + PRIOR_PAIRS * 2.0**-hand.address) / (pairs + PRIOR_PAIRS)
    cap = min(ADDRESS_CAP, max(hand.address, -math.log2(share)))
    households = (two + HOUSEHOLD_PRIOR_PAIRS * hand.households) / (pairs + HOUSEHOLD_PRIOR_PAIRS)
    text = (
        f"in this data only {two} of {pairs} pairs that share an address look like two members"
        " of one household"
    )
    households_note = text if households < 0.5 else ""
    if cap < hand.address + 0.5:
        text = ""  # as with the costs: the note only where the weight moved much
    return cap, text, households, households_note


def _note(disagreeing: int, pairs: int, what: str) -> str:
    return f"in this data {disagreeing} of {pairs} {what} differ here"


def _disagreement_costs(
    left: Sequence[Prepared],
    right: Sequence[Prepared] | None,
    freq: NameFrequencies | None,
    hand: Weights,
) -> tuple[dict, dict]:
    """The costs of the name and birth tags, from the pairs that share an identifier."""
    tags: Counter = Counter()
    tied = 0
    for a, b in _groups(left, right, _identifier_keys):
        tied += 1
        tags.update(evidence_for(a, b, freq, hand).tags)
    costs, notes = {}, {}
    what = "pairs that share an identifier"
    for tag in ("given", "family", "year", "generation", "father", "mother", "place"):
        value = cost(tags[tag], tied, getattr(hand, tag), PRIOR_PAIRS)
        costs[tag] = value
        if value > getattr(hand, tag) + 0.5:
            notes[tag] = _note(tags[tag], tied, what)
    # Day and month differing as well is counted only on the pairs whose full birth dates lie
    # in different years: it comes on top of the year's cost (FEBRL replaces whole dates, an
    # age estimated anew keeps day and month).
    apart = tags[FULL_DATES_YEARS_APART]
    costs["date"] = cost(tags["date"], apart, hand.date, PRIOR_PAIRS)
    if costs["date"] > hand.date + 0.5:
        notes["date"] = _note(
            tags["date"], apart, "pairs that share an identifier and whose birth years differ"
        )
    return costs, notes


def calibrate(
    left: Sequence[Prepared],
    right: Sequence[Prepared] | None = None,
    freq: NameFrequencies | None = None,
) -> Weights:
    """The costs for one run over `left` (dedupe) or `left` against `right` (link)."""
    hand = DEFAULT_WEIGHTS
    costs, notes = _disagreement_costs(left, right, freq, hand)
    address, notes_address, households, notes_households = _address_cap(left, right, freq, hand)
    if notes_address:
        notes["address"] = notes_address
    if notes_households:
        notes["households"] = notes_households
    kinds: Counter = Counter()
    differing: Counter = Counter()
    for a, b in _groups(left, right, _name_date_keys):
        for kind in a.identifiers.keys() & b.identifiers.keys() - HOUSEHOLD:
            kinds[kind] += 1
            values_a, values_b = a.identifiers[kind], b.identifiers[kind]
            if min(OSA.distance(x, y) for x in values_a for y in values_b) >= 3:
                differing[kind] += 1
    identifiers = {}
    for kind, pairs in kinds.items():
        hand_cost = hand.identifier_default(kind)
        identifiers[kind] = cost(differing[kind], pairs, hand_cost, PRIOR_PAIRS)
        if identifiers[kind] > hand_cost + 0.5:
            notes[f"id:{kind}"] = _note(
                differing[kind], pairs, "pairs with the same name and birth date"
            )
    return Weights(
        **costs, address=address, households=households, identifiers=identifiers, notes=notes
    )
