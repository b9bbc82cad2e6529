"""Compare two prepared records: a score from 0 to 1 and the reasons for it.

Each field adds evidence in bits (log2 of how much likelier the observation is for one person
than for two), as in the Fellegi–Sunter model, with weights set by hand from what is known of
this population rather than trained: placeholder birth dates would teach a trained model that
birth dates agree when they do not (measured-notes.md). The score is a logistic function of the
sum; each piece of evidence becomes one plain-language reason.

A disagreement costs log2 of how often one person's records disagree in that field (two
persons' records nearly always do). The hand-set costs in `Weights` are the most a disagreement
may cost; `calibrate.py` may lower a cost for one run when the data at hand show, on pairs that
an identifier already ties together, that this field is less reliable there (a file whose
clerks replaced given names, a number typed anew). The reason then says so.

Thresholds (see bench/identity/README.md for how they were checked):
- LIKELY (0.9): shown first in the registration check, "probably the same person". Never
  reached on names and birth data alone: without an identifier, address, postcode or place of
  birth that agrees, the score stops below it (brief: never merge on name and birth date).
- POSSIBLE (0.5): worth a look; `match_persons` writes pairs from here.
Nothing is ever linked automatically: a person confirms, the machine proposes.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler

from lotse.identity.matching.features import FAMILY, GIVEN, NameFrequencies, Prepared
from lotse.identity.matching.names import similarity
from lotse.identity.matching.records import Precision

LIKELY = 0.9
POSSIBLE = 0.5
OFFSET_BITS = 12.0  # evidence at which the score is 0.5
NAME_BITS_MAX = 16.0  # all name parts together, however many agree
IDENTIFIER_NAMES = {
    "AZR": "AZR number",
    "BAMF": "BAMF file number",
    "AKN": "Ankunftsnachweis number",
    "BA": "BA customer number",
    "BG": "Jobcenter BG number",
    "JC_BG": "Jobcenter BG number",
    "ABH": "Ausländerbehörde file number",
    "PASS": "passport number",
    "PASSPORT": "passport number",
    "ID": "ID number",
    "ID_CARD": "ID card number",
}
# Numbers that name exactly one person for life: a different one speaks strongly against.
PERSON_UNIQUE = frozenset({"AZR", "BAMF", "AKN"})
# Numbers of a household (Bedarfsgemeinschaft): the same one is a shared home, not one person.
HOUSEHOLD = frozenset({"BG", "JC_BG"})
# A tag of pairs whose full birth dates lie in different years (calibrate: the "date" cost).
FULL_DATES_YEARS_APART = "full dates, years apart"
# Tags of household evidence (see _household): another first given name not far off in spelling,
# the same parents, a shared address.
GIVEN_NEAR, SAME_PARENTS, SAME_ADDRESS = "given near", "same parents", "same address"
SAME_DATE = "same date"
SAME_DATE_BITS = 7.0
# Documents are renewed, so one person holds several numbers over the years.
DOCUMENTS = frozenset({"PASS", "PASSPORT", "ID", "ID_CARD"})


@dataclass(frozen=True, slots=True)
class Weights:
    """What a disagreement costs, in bits (negative). The defaults are this population's, set
    by hand: the most a disagreement may cost. `calibrate.calibrate` lowers a cost for one run
    when the data at hand show the field to be less reliable; `notes` then tell the reason how
    often the records of one person disagreed there."""

    given: float = -8.0  # siblings share family name, father's name, address, even the date
    family: float = -4.0  # marriage, a father's name taken as family name
    year: float = -9.0  # three or more years apart
    generation: float = -15.0  # ten or more apart, not one mistyped digit: parent and child
    # Full dates in different years that differ in day or month as well: an age estimated
    # anew keeps the day and month or becomes 01.01., a typing error changes one digit;
    # siblings and namesakes differ everywhere. Added to the year's cost; calibrated on the
    # pairs with full dates years apart (FEBRL replaces whole dates).
    date: float = -4.0
    # Another place of birth: one person's records name one place (in spellings that
    # features.normalise_place folds); namesakes from one country mostly do not.
    place: float = -3.0
    # Another father's or mother's given name: one person's files name the same parents,
    # namesakes' files hardly ever do.
    father: float = -6.0
    mother: float = -5.0
    # Another first given name but the same parents, or the same family name and address:
    # siblings or twins, who share family name, parents, address, place of birth (and twins
    # the date), so those agreements say little (_household).
    siblings: float = -10.0
    # How far households explain records that share an address, 0..1 (calibrate: the share of
    # pairs sharing a flat that look like two members of one household). Scales the household
    # rule: 1 by hand (the registration check), about 0.75 in the generated population, a few
    # hundredths in FEBRL, which has no households (its clerks replace given names instead).
    households: float = 1.0
    # The most a shared address weighs (positive): a household's members share it. Calibrated
    # up to 8 bits where the data show that records sharing an address are not households'.
    address: float = 5.0
    identifiers: Mapping[str, float] = field(default_factory=dict)  # kind -> cost, if calibrated
    notes: Mapping[str, str] = field(default_factory=dict)  # "given", "id:SSN", … -> reason note

    @staticmethod
    def identifier_default(kind: str) -> float:
        if kind in PERSON_UNIQUE:
            return -6.0  # strong, but no veto: alias identities exist (BAMF links them)
        if kind in DOCUMENTS:
            return -3.0
        return -4.0  # a file number of an office that may open a second file; unknown kinds

    def identifier(self, kind: str) -> float:
        return self.identifiers.get(kind, self.identifier_default(kind))

    def note(self, tag: str) -> str:
        return f"; {self.notes[tag]}" if tag in self.notes else ""


DEFAULT_WEIGHTS = Weights()
DEFAULT_ADDRESS_CAP = DEFAULT_WEIGHTS.address


def cost(disagreeing: int, pairs: int, hand: float, prior_pairs: int = 200) -> float:
    """The cost of a disagreement seen on `disagreeing` of `pairs` pairs known to be one
    person, blended with the hand-set cost as `prior_pairs` pseudo-pairs; never above the hand
    cost, never below one bit."""
    share = (disagreeing + prior_pairs * 2.0**hand) / (pairs + prior_pairs)
    return min(-1.0, max(hand, math.log2(share)))


@dataclass(slots=True)
class MatchResult:
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Evidence:
    items: list[tuple[float, str]] = field(default_factory=list)
    corroborated: bool = False  # something beyond name and birth data agrees
    decided: bool = False  # the same identifier
    tags: set[str] = field(default_factory=set)  # disagreements a calibration counts

    def add(self, bits: float, reason: str, *, corroborates: bool = False, tag: str = "") -> None:
        self.items.append((bits, reason))
        self.corroborated |= corroborates and bits > 0
        if tag:
            self.tags.add(tag)


# --- identifiers ---------------------------------------------------------------------------------
def _identifiers(a: Prepared, b: Prepared, evidence: _Evidence, weights: Weights) -> None:
    for kind in sorted(a.identifiers.keys() & b.identifiers.keys()):
        name = IDENTIFIER_NAMES.get(kind, f"{kind} number")
        values_a, values_b = a.identifiers[kind], b.identifiers[kind]
        if kind in HOUSEHOLD:
            if values_a & values_b:
                evidence.add(4.0, f"same {name} (one household)", corroborates=True)
            continue  # a person leaves a household, a new one gets a new number
        if values_a & values_b:
            evidence.add(30.0, f"same {name}", corroborates=True)
            evidence.decided = True
            return
        # A transposition counts as one error: numbers are typed by hand from documents.
        near = min(OSA.distance(x, y) for x in values_a for y in values_b)
        if near == 1:
            evidence.add(
                3.0, f"{name} differs in one character (a typing error?)", corroborates=True
            )
        elif near == 2:
            evidence.add(0.0, f"{name} differs in two characters")
        else:
            tag = f"id:{kind}"
            evidence.add(weights.identifier(kind), f"different {name}{weights.note(tag)}", tag=tag)


# --- names ---------------------------------------------------------------------------------------
def _level(value: float) -> float:
    if value >= 0.97:
        return 1.0
    if value >= 0.9:
        return 0.85
    if value >= 0.8:
        return 0.6
    return 0.35


def _align(a: Prepared, b: Prepared) -> list[tuple[float, object, object]]:
    """Greedy best pairing of name units, whatever field they stand in."""
    pairs = []
    for unit_a in a.units:
        for unit_b in b.units:
            value = similarity(unit_a.token, unit_b.token)
            if value >= 0.75:
                size = len(unit_a.positions) + len(unit_b.positions)
                pairs.append((value, size, unit_a, unit_b))
    pairs.sort(key=lambda pair: (pair[0], pair[1]), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for value, _size, unit_a, unit_b in pairs:
        if used_a.isdisjoint(unit_a.positions) and used_b.isdisjoint(unit_b.positions):
            used_a |= unit_a.positions
            used_b |= unit_b.positions
            chosen.append((value, unit_a, unit_b))
    return chosen


def _name_reason(value: float, unit_a, unit_b) -> str:
    shown_a, shown_b = unit_a.token.display, unit_b.token.display
    if shown_a.casefold() == shown_b.casefold():
        return (
            f"same {unit_a.field} name ({shown_a})"
            if unit_a.field == unit_b.field
            else (f"same name ({shown_a})")
        )
    if set(unit_a.token.texts) & set(unit_b.token.texts) or value >= 0.97:
        return f"name variant ({shown_a} ~ {shown_b})"
    return f"similar name ({shown_a} ~ {shown_b})"


def _names(
    a: Prepared, b: Prepared, freq: NameFrequencies, evidence: _Evidence, weights: Weights
) -> None:
    chosen = _align(a, b)
    gains = []
    for value, unit_a, unit_b in chosen:
        bits = min(freq.bits(unit_a.token.text), freq.bits(unit_b.token.text)) * _level(value)
        gains.append(bits)
        evidence.add(0.0, _name_reason(value, unit_a, unit_b))
    # Name parts are not independent (fathers' names repeat in a family): diminishing returns.
    gains.sort(reverse=True)
    total = sum(w * factor for w, factor in zip(gains, (1.0, 0.8, 0.5, 0.3, 0.3), strict=False))
    if total:
        full_name = freq.full_name_bits(a, b)
        if full_name is not None and total > full_name:
            total = full_name  # a common full name (features.NameFrequencies.full_name_bits)
        evidence.items.append((min(total, NAME_BITS_MAX), ""))
    if any(ua.field != ub.field for _v, ua, ub in chosen):
        evidence.add(0.0, "given and family names swapped")
    _name_mismatches(a, b, chosen, evidence, weights)


def _name_mismatches(a: Prepared, b: Prepared, chosen, evidence: _Evidence, weights) -> None:
    matched_a = set().union(*(ua.positions for _v, ua, _ub in chosen)) if chosen else set()
    matched_b = set().union(*(ub.positions for _v, _ua, ub in chosen)) if chosen else set()
    given_a, given_b = a.tokens(GIVEN), b.tokens(GIVEN)
    if given_a and given_b and (not a.first_given <= matched_a or not b.first_given <= matched_b):
        # Siblings share family and father's names and differ exactly here; a spelling too far
        # off for a variant (Jekaterina / Kateryna) is still weaker evidence than another name.
        shown = f"{given_a[0].display} / {given_b[0].display}"
        if JaroWinkler.similarity(given_a[0].text, given_b[0].text) >= 0.7:
            evidence.add(-3.0, f"given names differ ({shown})", tag=GIVEN_NEAR)
        else:
            note = weights.note("given")
            evidence.add(weights.given, f"different given name ({shown}{note})", tag="given")
    family_a, family_b = a.tokens(FAMILY), b.tokens(FAMILY)
    if (
        family_a
        and family_b
        and not a.family_positions & matched_a
        and not b.family_positions & matched_b
    ):
        shown = f"{family_a[0].display} / {family_b[0].display}{weights.note('family')}"
        evidence.add(weights.family, f"different family name ({shown})", tag="family")


# --- birth date ----------------------------------------------------------------------------------
def _digits(birth) -> str:
    return f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"


def _birth_days(a, b, evidence: _Evidence, weights: Weights) -> None:
    if (a.year, a.month, a.day) == (b.year, b.month, b.day):
        evidence.add(SAME_DATE_BITS, f"same birth date ({a})", tag=SAME_DATE)
    elif (a.year, a.month, a.day) == (b.year, b.day, b.month):
        evidence.add(3.0, f"birth day and month swapped ({a} / {b})")
    elif OSA.distance(_digits(a), _digits(b)) == 1:
        # one digit mistyped, or two neighbouring digits swapped (1941 / 1914)
        evidence.add(2.5, f"birth dates differ in one digit ({a} / {b})")
    elif a.year == b.year:
        evidence.add(-3.0, f"different birth date in the same year ({a} / {b})")
    else:
        _birth_years(a, b, evidence, weights)
        evidence.tags.add(FULL_DATES_YEARS_APART)  # what calibrate counts the "date" cost on
        if (a.month, a.day) != (b.month, b.day):
            note = weights.note("date")
            evidence.add(
                weights.date, f"day and month differ as well ({a} / {b}{note})", tag="date"
            )


def _birth_years(a, b, evidence: _Evidence, weights: Weights) -> None:
    gap = abs(a.year - b.year)
    if gap == 0:
        months_known = a.precision in (Precision.MONTH, Precision.DAY) and b.precision in (
            Precision.MONTH,
            Precision.DAY,
        )
        if months_known and a.month == b.month:
            evidence.add(3.0, f"same birth month ({a.year}-{a.month:02d})")
        elif months_known:
            evidence.add(-2.0, f"different birth month ({a} / {b})")
        else:
            note = "; 01.01. is a placeholder" if a.placeholder or b.placeholder else ""
            evidence.add(2.0, f"same birth year ({a.year}{note})")
    elif gap == 1:
        evidence.add(-1.5, f"birth years one apart ({a.year} / {b.year}), as estimates often are")
    elif gap == 2:
        evidence.add(-4.0, f"birth years two apart ({a.year} / {b.year})")
    elif gap >= 10 and OSA.distance(f"{a.year:04d}", f"{b.year:04d}") >= 2:
        # A parent and a child share names, address and place of birth; a typing error
        # explains one digit, an estimate a year or two, neither a generation.
        note = weights.note("generation")
        evidence.add(
            weights.generation,
            f"born a generation apart ({a.year} / {b.year}{note})",
            tag="generation",
        )
    else:
        note = weights.note("year")
        evidence.add(weights.year, f"different birth year ({a.year} / {b.year}{note})", tag="year")


def _birth(a: Prepared, b: Prepared, evidence: _Evidence, weights: Weights) -> None:
    if Precision.UNKNOWN in (a.birth.precision, b.birth.precision):
        return
    if a.birth.precision == b.birth.precision == Precision.DAY:
        _birth_days(a.birth, b.birth, evidence, weights)
    else:
        _birth_years(a.birth, b.birth, evidence, weights)


# --- parents -------------------------------------------------------------------------------------
PARENT_BITS_MAX = 4.0  # one parent's given name agreeing, however rare


def _parents(
    a: Prepared, b: Prepared, freq: NameFrequencies, evidence: _Evidence, weights: Weights
) -> None:
    """The parents' given names where both records carry them. They agree for one person and
    for siblings; so they add weight only where the first given names agree, and the same
    parents with another first given name are siblings or twins (Weights.siblings)."""
    same_parents = 0
    siblings = bool(evidence.tags & {"given", GIVEN_NEAR})
    for label, tag, x, y in (
        ("father", "father", a.father, b.father),
        ("mother", "mother", a.mother, b.mother),
    ):
        if x is None or y is None:
            continue
        shown = f"{x.display} / {y.display}"
        if similarity(x, y) >= 0.85:
            same_parents += 1
            bits = 0.0 if siblings else min(PARENT_BITS_MAX, freq.bits(x.text), freq.bits(y.text))
            evidence.add(bits, f"same {label}'s name ({x.display})")
        else:
            evidence.add(
                getattr(weights, tag),
                f"different {label}'s name ({shown}{weights.note(tag)})",
                tag=tag,
            )
            same_parents = -2  # one parent differs: no siblings of the same parents
    if same_parents > 0:
        evidence.tags.add(SAME_PARENTS)


def _household(evidence: _Evidence, weights: Weights) -> None:
    """Another first given name with the same parents, or with the same family name and
    address: siblings or twins. They share family name, parents, address, place of birth (and
    twins the date), so those agreements are not evidence of one person here."""
    tags = evidence.tags
    if not tags & {"given", GIVEN_NEAR}:
        return
    if SAME_PARENTS in tags or (SAME_ADDRESS in tags and "family" not in tags):
        shared = "parents" if SAME_PARENTS in tags else "family name and address"
        note = weights.note("households")
        evidence.add(
            weights.siblings * weights.households,
            f"another given name, same {shared}: siblings or twins?{note}",
            tag="siblings",
        )
        if SAME_DATE in tags:
            # Twins: in a household the same birth date is no evidence of one person either.
            evidence.add(-SAME_DATE_BITS * weights.households, "born on the same day: twins?")


# --- the other fields ----------------------------------------------------------------------------
def _others(a: Prepared, b: Prepared, evidence: _Evidence, weights: Weights) -> None:
    if a.sex and b.sex:
        if a.sex != b.sex:
            evidence.add(-5.0, "different sex")
        else:
            evidence.add(0.5, "same sex")
    if a.nationality and b.nationality and "XXX" not in (a.nationality, b.nationality):
        if a.nationality == b.nationality:
            evidence.add(1.0, f"same nationality ({a.nationality})")
        else:
            evidence.add(-2.0, f"different nationality ({a.nationality} / {b.nationality})")
    if a.place and b.place:
        if JaroWinkler.similarity(a.place, b.place) >= 0.92:
            evidence.add(4.0, "same place of birth", corroborates=True)
        else:
            note = weights.note("place")
            evidence.add(weights.place, f"different place of birth{note}", tag="place")


def _no_household(a: Prepared, b: Prepared, evidence: _Evidence) -> bool:
    """Whether no household explains a shared address. Its members share the address and most
    often the family name, so those two agreements are not independent evidence, and a shared
    address weighs at most `Weights.address` (the hand-set 5 bits, unless calibrate.py finds no
    households in the data at hand). But the family names differ here (so not
    siblings or twins, who share one), and the full birth date, no 01.01. placeholder, agrees:
    spouses and other members of one household are hardly ever born on the same day. Then the
    address weighs what its frequency says (freq.address_bits)."""
    if "family" not in evidence.tags:
        return False
    x, y = a.birth, b.birth
    return (
        x.precision == y.precision == Precision.DAY  # a placeholder is never DAY precision
        and (x.year, x.month, x.day) == (y.year, y.month, y.day)
    )


_NO_HOUSEHOLD = " (another family name but the same birth date: not a household's)"


def _address(
    a: Prepared, b: Prepared, freq: NameFrequencies, evidence: _Evidence, weights: Weights
) -> None:
    same_postcode = bool(a.postcode) and a.postcode == b.postcode
    if a.address and b.address:
        ratio = fuzz.token_set_ratio(a.address, b.address)
        if ratio < 80:
            if same_postcode:
                evidence.add(2.0, "same postcode", corroborates=True)
            return
        evidence.tags.add(SAME_ADDRESS)
        # An address of one household says more than a reception centre's (freq.address_bits).
        household = not _no_household(a, b, evidence)
        cap = weights.address if household else freq.ADDRESS_BITS_OUTSIDE_HOUSEHOLD
        bits = min(freq.address_bits(a.address_key, cap), freq.address_bits(b.address_key, cap))
        bonus = 1.0 if same_postcode else 0.0
        note = _NO_HOUSEHOLD
        if household:
            calibrated = "address" in weights.notes and bits > DEFAULT_ADDRESS_CAP
            note = f" ({weights.notes['address']})" if calibrated else ""
        if ratio >= 95:
            evidence.add(bits + bonus, f"same address{note}", corroborates=True)
        else:
            evidence.add(0.6 * bits + bonus, f"similar address{note}", corroborates=True)
        return
    if same_postcode:
        evidence.add(2.0, "same postcode", corroborates=True)


# --- the score -----------------------------------------------------------------------------------
def _score(evidence: _Evidence) -> float:
    bits = sum(weight for weight, _reason in evidence.items)
    score = 1.0 / (1.0 + 2.0 ** (OFFSET_BITS - bits))
    if not evidence.corroborated and score >= LIKELY:
        score = LIKELY - 0.01
        evidence.add(0.0, "only names and birth data agree: a person must confirm")
    return round(score, 4)


def evidence_for(
    a: Prepared, b: Prepared, freq: NameFrequencies | None = None, weights: Weights | None = None
) -> _Evidence:
    """Every piece of evidence for and against, before the score (also read by calibrate)."""
    weights = weights or DEFAULT_WEIGHTS
    evidence = _Evidence()
    _identifiers(a, b, evidence, weights)
    _names(a, b, freq or NameFrequencies(), evidence, weights)
    _parents(a, b, freq or NameFrequencies(), evidence, weights)
    _birth(a, b, evidence, weights)
    _others(a, b, evidence, weights)
    _address(a, b, freq or NameFrequencies(), evidence, weights)
    _household(evidence, weights)
    return evidence


def may_reach(
    a: Prepared,
    b: Prepared,
    min_score: float,
    freq: NameFrequencies | None = None,
    weights: Weights | None = None,
) -> bool:
    """Whether `compare` could score the pair at `min_score` or more: the fields that are
    cheap to compare, plus the most that names could add (the address at the weight it has
    when the family names differ). Never False for a pair that reaches it; most candidate pairs
    of a large registry share a frequent name but not the birth year, so the batch search
    skips their name comparison, two thirds of the cost of a pair."""
    if not 0.0 < min_score < 1.0:
        return True
    weights = weights or DEFAULT_WEIGHTS
    freq = freq or NameFrequencies()
    # "family": as if the family names differed, which gives a shared address its most.
    evidence = _Evidence(tags={"family"})
    _identifiers(a, b, evidence, weights)
    if evidence.decided:
        return True
    # The parents as compared, as if the first given names agreed: their most.
    _parents(a, b, freq, evidence, weights)
    _birth(a, b, evidence, weights)
    _others(a, b, evidence, weights)
    _address(a, b, freq, evidence, weights)
    needed = OFFSET_BITS - math.log2(1.0 / min_score - 1.0)
    # 0.01 bits of slack: the score is rounded to four decimals.
    return sum(bits for bits, _reason in evidence.items) + NAME_BITS_MAX >= needed - 0.01


def compare(
    a: Prepared, b: Prepared, freq: NameFrequencies | None = None, weights: Weights | None = None
) -> MatchResult:
    """How likely two records are one person, and why."""
    evidence = evidence_for(a, b, freq, weights)
    score = _score(evidence)
    reasons = [reason for _weight, reason in evidence.items if reason]
    return MatchResult(score=score, reasons=reasons)
