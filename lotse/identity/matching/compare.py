"""Compare two prepared records: a score from 0 to 1 and the reasons for it.

Each field adds evidence in bits (log2 of how much likelier the observation is for one person
than for two), as in the Fellegi–Sunter model, with weights set by hand from what is known of
this population rather than trained: placeholder birth dates would teach a trained model that
birth dates agree when they do not (measured-notes.md). The score is a logistic function of the
sum; each piece of evidence becomes one plain-language reason.

Thresholds (see bench/identity/README.md for how they were checked):
- LIKELY (0.9): shown first in the registration check, "probably the same person". Never
  reached on names and birth data alone: without an identifier, address, postcode or place of
  birth that agrees, the score stops below it (brief: never merge on name and birth date).
- POSSIBLE (0.5): worth a look; `match_persons` writes pairs from here.
Nothing is ever linked automatically: a person confirms, the machine proposes.
"""

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from lotse.identity.matching.features import FAMILY, GIVEN, NameFrequencies, Prepared
from lotse.identity.matching.names import similarity
from lotse.identity.matching.records import Precision

LIKELY = 0.9
POSSIBLE = 0.5
OFFSET_BITS = 12.0  # evidence at which the score is 0.5
IDENTIFIER_NAMES = {
    "AZR": "AZR number",
    "BAMF": "BAMF file number",
    "AKN": "Ankunftsnachweis number",
    "BA": "BA customer number",
    "BG": "Jobcenter BG number",
    "PASS": "passport number",
    "ID": "ID number",
}


@dataclass(slots=True)
class MatchResult:
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Evidence:
    items: list[tuple[float, str]] = field(default_factory=list)
    corroborated: bool = False  # something beyond name and birth data agrees
    decided: bool = False  # the same identifier

    def add(self, bits: float, reason: str, *, corroborates: bool = False) -> None:
        self.items.append((bits, reason))
        self.corroborated |= corroborates and bits > 0


# --- identifiers ---------------------------------------------------------------------------------
def _identifiers(a: Prepared, b: Prepared, evidence: _Evidence) -> None:
    for kind in a.identifiers.keys() & b.identifiers.keys():
        name = IDENTIFIER_NAMES.get(kind, f"{kind} number")
        values_a, values_b = a.identifiers[kind], b.identifiers[kind]
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
            # Strong, but no veto: one person may hold two (alias identities, BAMF links them).
            evidence.add(-6.0, f"different {name}")


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


def _names(a: Prepared, b: Prepared, freq: NameFrequencies, evidence: _Evidence) -> None:
    chosen = _align(a, b)
    weights = []
    for value, unit_a, unit_b in chosen:
        bits = min(freq.bits(unit_a.token.text), freq.bits(unit_b.token.text)) * _level(value)
        weights.append(bits)
        evidence.add(0.0, _name_reason(value, unit_a, unit_b))
    # Name parts are not independent (fathers' names repeat in a family): diminishing returns.
    weights.sort(reverse=True)
    total = sum(w * factor for w, factor in zip(weights, (1.0, 0.8, 0.5, 0.3, 0.3), strict=False))
    if total:
        evidence.items.append((min(total, 16.0), ""))
    if any(ua.field != ub.field for _v, ua, ub in chosen):
        evidence.add(0.0, "given and family names swapped")
    _name_mismatches(a, b, chosen, evidence)


def _name_mismatches(a: Prepared, b: Prepared, chosen, evidence: _Evidence) -> None:
    matched_a = set().union(*(ua.positions for _v, ua, _ub in chosen)) if chosen else set()
    matched_b = set().union(*(ub.positions for _v, _ua, ub in chosen)) if chosen else set()
    given_a, given_b = a.tokens(GIVEN), b.tokens(GIVEN)
    if given_a and given_b and (not a.first_given <= matched_a or not b.first_given <= matched_b):
        # Siblings share family and father's names and differ exactly here; a spelling too far
        # off for a variant (Jekaterina / Kateryna) is still weaker evidence than another name.
        shown = f"{given_a[0].display} / {given_b[0].display}"
        if JaroWinkler.similarity(given_a[0].text, given_b[0].text) >= 0.7:
            evidence.add(-3.0, f"given names differ ({shown})")
        else:
            evidence.add(-8.0, f"different given name ({shown})")
    family_a, family_b = a.tokens(FAMILY), b.tokens(FAMILY)
    if (
        family_a
        and family_b
        and not a.family_positions & matched_a
        and not b.family_positions & matched_b
    ):
        evidence.add(-4.0, f"different family name ({family_a[0].display} / {family_b[0].display})")


# --- birth date ----------------------------------------------------------------------------------
def _digits(birth) -> str:
    return f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"


def _birth_days(a, b, evidence: _Evidence) -> None:
    if (a.year, a.month, a.day) == (b.year, b.month, b.day):
        evidence.add(7.0, f"same birth date ({a})")
    elif (a.year, a.month, a.day) == (b.year, b.day, b.month):
        evidence.add(3.0, f"birth day and month swapped ({a} / {b})")
    elif Levenshtein.distance(_digits(a), _digits(b)) == 1:
        evidence.add(2.5, f"birth dates differ in one digit ({a} / {b})")
    elif a.year == b.year:
        evidence.add(-3.0, f"different birth date in the same year ({a} / {b})")
    else:
        _birth_years(a, b, evidence)


def _birth_years(a, b, evidence: _Evidence) -> None:
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
    else:
        evidence.add(-9.0, f"different birth year ({a.year} / {b.year})")


def _birth(a: Prepared, b: Prepared, evidence: _Evidence) -> None:
    if Precision.UNKNOWN in (a.birth.precision, b.birth.precision):
        return
    if a.birth.precision == b.birth.precision == Precision.DAY:
        _birth_days(a.birth, b.birth, evidence)
    else:
        _birth_years(a.birth, b.birth, evidence)


# --- the other fields ----------------------------------------------------------------------------
def _others(a: Prepared, b: Prepared, evidence: _Evidence) -> None:
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
            evidence.add(-1.0, "different place of birth")
    _address(a, b, evidence)


def _address(a: Prepared, b: Prepared, evidence: _Evidence) -> None:
    same_postcode = bool(a.postcode) and a.postcode == b.postcode
    if a.address and b.address:
        ratio = fuzz.token_set_ratio(a.address, b.address)
        if ratio >= 95:
            evidence.add(5.0 + (1.0 if same_postcode else 0.0), "same address", corroborates=True)
            return
        if ratio >= 80:
            evidence.add(
                3.0 + (1.0 if same_postcode else 0.0), "similar address", corroborates=True
            )
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


def compare(a: Prepared, b: Prepared, freq: NameFrequencies | None = None) -> MatchResult:
    """How likely two records are one person, and why."""
    evidence = _Evidence()
    _identifiers(a, b, evidence)
    _names(a, b, freq or NameFrequencies(), evidence)
    _birth(a, b, evidence)
    _others(a, b, evidence)
    score = _score(evidence)
    reasons = [reason for _weight, reason in evidence.items if reason]
    return MatchResult(score=score, reasons=reasons)
