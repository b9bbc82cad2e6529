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


def prepare(record: PersonRecord) -> Prepared:
    given = tokenize(record.given_names)
    family = tokenize(record.family_name)
    identifiers: dict[str, set[str]] = {}
    for identifier in record.identifiers:
        identifiers.setdefault(identifier.kind, set()).add(identifier.value)
    return Prepared(
        record=record,
        units=_units(given, family),
        first_given=frozenset({0}) if given else frozenset(),
        family_positions=frozenset(range(len(given), len(given) + len(family))),
        birth=record.birth_date,
        sex=_SEX.get(to_latin(record.sex), ""),
        nationality=record.nationality.strip().upper(),
        place=normalise_place(record.birth_place),
        address=normalise_address(record.address),
        postcode=record.postcode.strip().replace(" ", ""),
        identifiers=identifiers,
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

    ADDRESS_PRIOR = 0.028  # 5 bits: the weight of a shared address without data
    ADDRESS_BITS = (2.0, 5.0)  # frequent addresses weigh less; a flat is still no proof
    # The most a shared address weighs when no household explains it (compare._address): what
    # its frequency says, up to this.
    ADDRESS_BITS_OUTSIDE_HOUSEHOLD = 8.0

    def __init__(
        self, counts: Counter | None = None, total: int = 0, addresses: Counter | None = None
    ):
        self.counts = counts or Counter()
        self.total = total
        self.addresses = addresses or Counter()

    @classmethod
    def from_prepared(cls, records: Iterable[Prepared]) -> "NameFrequencies":
        counts: Counter = Counter()
        addresses: Counter = Counter()
        total = 0
        for record in records:
            total += 1
            counts.update({u.token.text for u in record.units if len(u.positions) == 1})
            if record.address:
                addresses[record.address_key] += 1
        return cls(counts, total, addresses)

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
