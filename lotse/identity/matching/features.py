"""A record prepared once for many comparisons: tokens, keys and normalised fields."""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lotse.identity.matching.names import NameToken, join_tokens, tokenize
from lotse.identity.matching.records import BirthDate, PersonRecord
from lotse.identity.matching.script import to_latin
from lotse.identity.matching.variants import FAMILIES, PLACE_CANONICAL

GIVEN, FAMILY = "given", "family"


@dataclass(frozen=True, slots=True)
class NameUnit:
    """A token, or two adjacent tokens of one field joined, and the positions it covers."""

    token: NameToken
    field: str
    positions: frozenset[int]


@dataclass(slots=True)
class Prepared:
    record: PersonRecord
    units: tuple[NameUnit, ...]
    first_given: frozenset[int]  # positions of the first given-name token (empty if none)
    family_positions: frozenset[int]
    birth: BirthDate
    sex: str
    nationality: str
    place: str
    address: str
    postcode: str
    identifiers: dict[str, set[str]]
    # phonetic first given name + family name, in either order ("skeleton|skeleton"): the full
    # name as blocking keys it, counted by NameFrequencies.full_name_bits
    full_names: frozenset[str] = frozenset()
    father: NameToken | None = None  # the first part of the parent's given name, if recorded
    mother: NameToken | None = None

    @property
    def address_key(self) -> str:
        return f"{self.postcode}|{self.address}" if self.address else ""

    @property
    def record_id(self) -> str:
        return self.record.record_id

    def tokens(self, field: str) -> list[NameToken]:
        return [u.token for u in self.units if u.field == field and len(u.positions) == 1]


_SEX = {
    "f": "f", "w": "f", "female": "f", "weiblich": "f", "m": "m", "male": "m",
    "maennlich": "m", "d": "x", "x": "x", "divers": "x", "diverse": "x",
}  # fmt: skip
_STREET = re.compile(r"(strasse|straße|str\b|street\b|st\b)\.?")
_ADDRESS_NOISE = re.compile(r"[^\w]+")


def _units(given: tuple[NameToken, ...], family: tuple[NameToken, ...]) -> tuple[NameUnit, ...]:
    units = []
    offset = 0
    for field, tokens in ((GIVEN, given), (FAMILY, family)):
        for index, token in enumerate(tokens):
            units.append(NameUnit(token, field, frozenset({offset + index})))
        # Parts written apart in one file may be written as one word in the other.
        for index in range(len(tokens) - 1):
            joined = join_tokens(tokens[index : index + 2])
            units.append(NameUnit(joined, field, frozenset({offset + index, offset + index + 1})))
        offset += len(tokens)
    return tuple(units)


def normalise_place(text: str) -> str:
    folded = to_latin(text)
    return PLACE_CANONICAL.get(folded, folded)


def normalise_address(text: str) -> str:
    """Lower case, digits kept, "Hauptstraße 5" = "Hauptstr. 5" = "hauptstr 5"."""
    text = _STREET.sub(" str ", text.casefold())
    return " ".join(_ADDRESS_NOISE.sub(" ", text).split())


def name_skeletons(
    units: tuple[NameUnit, ...], field: str, first_given: frozenset[int]
) -> set[str]:
    keys: set[str] = set()
    for unit in units:
        if unit.field != field:
            continue
        # the first given name, alone or joined to the second ("Mohammad Reza" ~ "Mohammadreza")
        if field == GIVEN and not unit.positions & first_given:
            continue
        keys |= unit.token.skeletons
    return keys or {""}


def full_name_keys(units: tuple[NameUnit, ...], first_given: frozenset[int]) -> frozenset[str]:
    """Phonetic first given name + family name, in either order: "skeleton|skeleton"."""
    given = name_skeletons(units, GIVEN, first_given)
    family = name_skeletons(units, FAMILY, first_given)
    return frozenset("|".join(sorted((g, f))) for g in given for f in family)


def _first(name: str) -> NameToken | None:
    tokens = tokenize(name) if name else ()
    return tokens[0] if tokens else None


def prepare(record: PersonRecord) -> Prepared:
    given = tokenize(record.given_names)
    family = tokenize(record.family_name)
    identifiers: dict[str, set[str]] = {}
    for identifier in record.identifiers:
        identifiers.setdefault(identifier.kind, set()).add(identifier.value)
    units = _units(given, family)
    first_given = frozenset({0}) if given else frozenset()
    return Prepared(
        record=record,
        units=units,
        first_given=first_given,
        family_positions=frozenset(range(len(given), len(given) + len(family))),
        birth=record.birth_date,
        sex=_SEX.get(to_latin(record.sex), ""),
        nationality=record.nationality.strip().upper(),
        place=normalise_place(record.birth_place),
        address=normalise_address(record.address),
        postcode=record.postcode.strip().replace(" ", ""),
        identifiers=identifiers,
        full_names=full_name_keys(units, first_given),
        father=_first(record.father_name),
        mother=_first(record.mother_name),
    )


class NameFrequencies:
    """How common each name and each address is, for weighting: agreeing on "Mohammed" says
    little, agreeing on "Gebremedhin" says much; sharing the address of a reception centre with
    hundreds of residents says little, sharing a flat's address says more. Counts from the data
    at hand are blended with a prior, so that a small file still weighs the common names of this
    population as common, and without counts (the registration check) an address weighs the
    hand-set 5 bits."""

    PRIOR_WEIGHT = 200  # pseudo-records of the prior
    KNOWN_PRIOR = 0.02  # the spelling families are the common names by construction
    OTHER_PRIOR = 0.0005
    MAX_BITS = 10.0

    FULL_NAME_M = 0.95  # one person's records agreeing on the full name, phonetic keys
    ADDRESS_PRIOR = 0.028  # 5 bits: the weight of a shared address without data
    ADDRESS_BITS = (2.0, 5.0)  # frequent addresses weigh less; a flat is still no proof
    # The most a shared address weighs when no household explains it (compare._address): what
    # its frequency says, up to this.
    ADDRESS_BITS_OUTSIDE_HOUSEHOLD = 8.0

    def __init__(
        self,
        counts: Counter | None = None,
        total: int = 0,
        addresses: Counter | None = None,
        full_names: Counter | None = None,
    ):
        self.counts = counts or Counter()
        self.total = total
        self.addresses = addresses or Counter()
        self.full_names = full_names or Counter()
        self.full_name_years: Counter = Counter()  # how many birth years a full name's bearers have

    @classmethod
    def from_prepared(cls, records: Iterable[Prepared]) -> "NameFrequencies":
        counts: Counter = Counter()
        addresses: Counter = Counter()
        full_names: Counter = Counter()
        by_year: set[tuple[str, int]] = set()
        total = 0
        for record in records:
            total += 1
            counts.update({u.token.text for u in record.units if len(u.positions) == 1})
            full_names.update(record.full_names)
            if record.birth.year is not None:
                by_year.update((key, record.birth.year) for key in record.full_names)
            if record.address:
                addresses[record.address_key] += 1
        years: Counter = Counter(key for key, _year in by_year)
        del by_year
        frequencies = cls(counts, total, addresses, full_names)
        frequencies.full_name_years = years
        return frequencies

    def full_name_bits(self, a: Prepared, b: Prepared) -> float | None:
        """log2(m/u) of two records agreeing on the full name, u the share of the records
        that bear it (the rarest phonetic full name both share), as Splink's term-frequency
        adjustment: the parts' own frequencies do not see that a common given name and a
        common family name are worn together by many persons. None without counts or
        without a shared full name."""
        if not self.full_names:
            return None
        shared = a.full_names & b.full_names
        if not shared:
            return None
        key = min(shared, key=lambda k: self.full_names.get(k, 0))
        count, persons = self.full_names.get(key, 0), self.full_name_years.get(key, 0)
        if persons <= 1:
            return None  # one birth year among its bearers: as far as the data tell, one person
        share = count * (persons - 1) / persons / self.total  # the records of the others

        return max(1.0, math.log2(self.FULL_NAME_M / share))

    def address_bits(self, key: str, cap: float | None = None) -> float:
        """log2(m/u) of a shared address, u its share of the records (with the prior), at most
        `cap`: by default the hand-set 5 bits, as a household may explain the shared address
        (its members share it, and their family name with it); compare._address says when
        none does."""
        share = (self.addresses.get(key, 0) + self.PRIOR_WEIGHT * self.ADDRESS_PRIOR) / (
            self.total + self.PRIOR_WEIGHT
        )
        low, high = self.ADDRESS_BITS
        if cap is not None:
            high = min(cap, self.ADDRESS_BITS_OUTSIDE_HOUSEHOLD)
        return min(high, max(low, math.log2(0.9 / share)))

    def bits(self, text: str) -> float:
        """log2(m/u): how much agreement on this name part speaks for one person."""
        prior = self.KNOWN_PRIOR if text in FAMILIES else self.OTHER_PRIOR
        share = (self.counts.get(text, 0) + self.PRIOR_WEIGHT * prior) / (
            self.total + self.PRIOR_WEIGHT
        )
        return min(self.MAX_BITS, max(1.0, math.log2(0.95 / share)))
