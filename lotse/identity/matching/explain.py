"""Why a pair was proposed, field by field, in plain words for the reviewer.

The score comes from `compare` (it also picks, of two persons with several names each, the
pair of records compared best); the words per field are read from the two prepared records
the comparison saw, so that they do not depend on how `compare` weighs the evidence (the
weights change with calibration and tuning, the facts do not). Texts go through gettext: the
review pages show them in German.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler

from lotse.identity.matching.compare import LIKELY, POSSIBLE, compare
from lotse.identity.matching.features import FAMILY, GIVEN, Prepared, prepare
from lotse.identity.matching.names import similarity
from lotse.identity.matching.records import BirthDate, PersonRecord, Precision

FOR, AGAINST, NEUTRAL = "for", "against", "neutral"
_IDENTIFIERS = {
    "AZR": gettext_lazy("AZR number"),
    "BAMF": gettext_lazy("BAMF file number"),
    "AKN": gettext_lazy("Ankunftsnachweis number"),
    "BA": gettext_lazy("BA customer number"),
    "BG": gettext_lazy("Jobcenter BG number"),
    "JC_BG": gettext_lazy("Jobcenter BG number"),
    "ABH": gettext_lazy("Ausländerbehörde file number"),
    "PASS": gettext_lazy("Passport number"),
    "PASSPORT": gettext_lazy("Passport number"),
    "ID": gettext_lazy("ID number"),
    "ID_CARD": gettext_lazy("ID card number"),
}


@dataclass(frozen=True, slots=True)
class FieldVerdict:
    label: str  # "Vorname"
    text: str  # "gleich (Mohammed / Muhammad – Schreibvarianten desselben Namens)"
    leaning: str = NEUTRAL  # FOR, AGAINST or NEUTRAL: whether it speaks for one person

    def __str__(self) -> str:
        return f"{self.label}: {self.text}"


@dataclass(frozen=True, slots=True)
class Explanation:
    score: float
    band: str  # "wahrscheinlich dieselbe Person", …
    fields: list[FieldVerdict] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def score_band(score: float) -> str:
    """The score in words."""
    if score >= LIKELY:
        return _("very likely the same person")
    if score >= POSSIBLE:
        return _("possibly the same person")
    return _("probably not the same person")


# --- names ---------------------------------------------------------------------------------------
def _entered(record: Prepared, which: str) -> str:
    text = record.record.given_names if which == GIVEN else record.record.family_name
    return " ".join(text.split())


def _name_words(a: Prepared, b: Prepared, which: str) -> FieldVerdict | None:
    label = _("Given name") if which == GIVEN else _("Family name")
    tokens_a, tokens_b = a.tokens(which), b.tokens(which)
    if not tokens_a or not tokens_b:
        if tokens_a or tokens_b:
            return FieldVerdict(label, _("missing in one record"))
        return None
    first = tokens_a[0]
    best = max(tokens_b, key=lambda token: similarity(first, token))
    value = similarity(first, best)
    # The fields as entered (a token drops particles such as al-, which the reviewer reads).
    entered_a, entered_b = _entered(a, which), _entered(b, which)
    shown = f"{entered_a} / {entered_b}"
    if entered_a.casefold() == entered_b.casefold():
        return FieldVerdict(label, _("the same (%(name)s)") % {"name": entered_a}, FOR)
    if first.display.casefold() == best.display.casefold():
        return FieldVerdict(label, _("the same (%(name)s)") % {"name": first.display}, FOR)
    if set(first.texts) & set(best.texts) or value >= 0.97:
        return FieldVerdict(
            label,
            _("the same (%(names)s – spellings of one name)") % {"names": shown},
            FOR,
        )
    if value >= 0.8:
        return FieldVerdict(label, _("similar (%(names)s)") % {"names": shown}, FOR)
    other = GIVEN if which == FAMILY else FAMILY
    if any(similarity(first, token) >= 0.9 for token in b.tokens(other)):
        return FieldVerdict(label, _("the same, but entered as the other name part (swapped)"), FOR)
    if JaroWinkler.similarity(first.text, tokens_b[0].text) >= 0.7:
        return FieldVerdict(label, _("different but alike (%(names)s)") % {"names": shown})
    return FieldVerdict(label, _("different (%(names)s)") % {"names": shown}, AGAINST)


# --- birth date ----------------------------------------------------------------------------------
def _shown(birth: BirthDate) -> str:
    if birth.precision == Precision.DAY:
        return f"{birth.day:02d}.{birth.month:02d}.{birth.year:04d}"
    if birth.month and not birth.placeholder:
        return f"{birth.month:02d}.{birth.year:04d}"
    return f"{birth.year:04d}"


def _birth_words(a: BirthDate, b: BirthDate) -> FieldVerdict | None:
    label = _("Date of birth")
    if Precision.UNKNOWN in (a.precision, b.precision):
        if a.precision == b.precision:
            return None
        return FieldVerdict(label, _("unknown in one record"))
    both = {"a": _shown(a), "b": _shown(b)}
    if a.precision == b.precision == Precision.DAY:
        found = _day_words(a, b, both)
        if found:
            return FieldVerdict(label, *found)
    return FieldVerdict(label, *_year_words(a, b, both))


def _day_words(a: BirthDate, b: BirthDate, both: dict) -> tuple[str, str] | None:
    if (a.year, a.month, a.day) == (b.year, b.month, b.day):
        return _("the same (%(a)s)") % both, FOR
    if (a.year, a.month, a.day) == (b.year, b.day, b.month):
        return _("day and month swapped (%(a)s / %(b)s)") % both, FOR
    digits_a = f"{a.year:04d}{a.month:02d}{a.day:02d}"
    digits_b = f"{b.year:04d}{b.month:02d}{b.day:02d}"
    if OSA.distance(digits_a, digits_b) == 1:
        return _("one digit different, a typing error? (%(a)s / %(b)s)") % both, FOR
    if a.year == b.year and a.month == b.month:
        return _("same year and month, day different (%(a)s / %(b)s)") % both, NEUTRAL
    if a.year == b.year:
        return _("same year, day and month different (%(a)s / %(b)s)") % both, NEUTRAL
    return None


def _year_words(a: BirthDate, b: BirthDate, both: dict) -> tuple[str, str]:
    # _birth_words asks only when both precisions are known, so both years are.
    assert a.year is not None
    assert b.year is not None
    gap = abs(a.year - b.year)
    if gap == 0:
        known = (Precision.MONTH, Precision.DAY)
        if a.precision in known and b.precision in known:
            if a.month == b.month:
                return _("same year and month (%(a)s / %(b)s)") % both, FOR
            return _("same year, month different (%(a)s / %(b)s)") % both, NEUTRAL
        if a.placeholder or b.placeholder:
            text = _("same year (%(year)s); 01.01. stands for an unknown day and month")
            return text % {"year": a.year}, FOR
        return _("same year (%(year)s), day and month not known in both") % {"year": a.year}, FOR
    if gap <= 2:
        text = _("years %(gap)s apart (%(a)s / %(b)s), as estimated dates often are")
        return text % {**both, "gap": gap}, NEUTRAL
    return _("different years (%(a)s / %(b)s)") % both, AGAINST


# --- the other fields ----------------------------------------------------------------------------
def _other_words(a: Prepared, b: Prepared) -> list[FieldVerdict]:
    verdicts = []
    if a.sex and b.sex:
        same = a.sex == b.sex
        verdicts.append(
            FieldVerdict(
                _("Sex"), _("the same") if same else _("different"), FOR if same else AGAINST
            )
        )
    if a.nationality and b.nationality and "XXX" not in (a.nationality, b.nationality):
        if a.nationality == b.nationality:
            text, leaning = _("the same (%(a)s)"), FOR
        else:
            text, leaning = _("different (%(a)s / %(b)s)"), AGAINST
        verdicts.append(
            FieldVerdict(_("Nationality"), text % {"a": a.nationality, "b": b.nationality}, leaning)
        )
    if a.place and b.place:
        same = JaroWinkler.similarity(a.place, b.place) >= 0.92
        shown = {"a": a.record.birth_place, "b": b.record.birth_place}
        verdicts.append(
            FieldVerdict(
                _("Place of birth"),
                (_("the same (%(a)s)") if same else _("different (%(a)s / %(b)s)")) % shown,
                FOR if same else AGAINST,
            )
        )
    address = _address_words(a, b)
    if address:
        verdicts.append(address)
    verdicts += _identifier_words(a, b)
    return verdicts


def _address_words(a: Prepared, b: Prepared) -> FieldVerdict | None:
    label = _("Address")
    same_postcode = bool(a.postcode) and a.postcode == b.postcode
    if a.address and b.address:
        ratio = fuzz.token_set_ratio(a.address, b.address)
        if ratio >= 95:
            return FieldVerdict(label, _("the same (%(a)s)") % {"a": a.record.address}, FOR)
        if ratio >= 80:
            shown = {"a": a.record.address, "b": b.record.address}
            return FieldVerdict(label, _("similar (%(a)s / %(b)s)") % shown, FOR)
        if same_postcode:
            return FieldVerdict(label, _("another street, the same postcode"), FOR)
        return FieldVerdict(label, _("different"))
    if same_postcode:
        return FieldVerdict(label, _("the same postcode"), FOR)
    return None


def _identifier_words(a: Prepared, b: Prepared) -> list[FieldVerdict]:
    verdicts = []
    for kind in sorted(a.identifiers.keys() & b.identifiers.keys()):
        label = str(_IDENTIFIERS.get(kind, _IDENTIFIERS["ID"]))
        values_a, values_b = a.identifiers[kind], b.identifiers[kind]
        if values_a & values_b:
            verdicts.append(FieldVerdict(label, _("the same"), FOR))
            continue
        near = min(OSA.distance(x, y) for x in values_a for y in values_b)
        if near == 1:
            verdicts.append(FieldVerdict(label, _("one character different, a typing error?")))
        else:
            verdicts.append(FieldVerdict(label, _("different"), AGAINST))
    return verdicts


# --- the explanation -----------------------------------------------------------------------------
def explain_prepared(a: Prepared, b: Prepared, score: float) -> Explanation:
    verdicts = [
        _name_words(a, b, GIVEN),
        _name_words(a, b, FAMILY),
        _birth_words(a.birth, b.birth),
        *_other_words(a, b),
    ]
    return Explanation(score, score_band(score), [v for v in verdicts if v is not None])


def explain(
    records_a: list[PersonRecord], records_b: list[PersonRecord], score: float | None = None
) -> Explanation | None:
    """The explanation of two persons' records (one per name each): the pair of records that
    compares best, field by field; `score` the stored one (the pair's score when proposed),
    else the comparison's. None if a person has no record."""
    best = None
    for record_a in map(prepare, records_a):
        for record_b in map(prepare, records_b):
            result = compare(record_a, record_b)
            if best is None or result.score > best[0]:
                best = (result.score, record_a, record_b)
    if best is None:
        return None
    found, record_a, record_b = best
    return explain_prepared(record_a, record_b, found if score is None else score)
