"""Scoring one candidate against one vacancy: the hard filters, the points and their reasons.

`score` gives the number only (the batch calls it for every pair its blocking reaches);
`explain` gives the same number with the reasons, each carrying the points it adds, so the
score is the sum of its reasons' points. Both read the same prepared forms and the same helper
functions; the tests check that they agree on every pair.

Points (at most 100):

- occupation through the KldB hierarchy: 40 same code, 32 same Berufsuntergruppe (4 digits),
  24 same Berufsgruppe (3), 12 same Hauptgruppe (2); for a job, −6 per Anforderungsniveau the
  vacancy is above the person's, −2 per level below;
- work experience: 3 per year in the matched occupation (4-5 digits), half that in its
  Berufsgruppe, a quarter in its Hauptgruppe; at most 15;
- German: 15 shared over the vacancy's requirements; a requirement met gives its share, one
  desirable level missing loses 35 % of it, two 70 %, three or more all;
- distance: 15 at home, 7.5 at the person's largest distance;
- hours: 6 if the vacancy's hours fit, else 6 × hours possible / hours asked;
- shifts: 4 unless the vacancy has shift work the person cannot do;
- driving licence: 5 unless the vacancy requires a class the person does not hold.

The work-access answer, the recognition and the § 60c / § 60d notes add no points: residence
status filters and marks, it never ranks.
"""

import math
from dataclasses import dataclass
from datetime import date

from lotse.jobs.matching.records import (
    Access,
    AccessAnswer,
    Candidate,
    Kind,
    Place,
    Recognition,
    Skill,
    Source,
    Status,
    Vacancy,
    licences_held,
)

EARTH_KM = 6371.0088
SKILLS = tuple(Skill)
TIER_POINTS = {5: 40, 4: 32, 3: 24, 2: 12}
TIER_NAMES = {
    5: "same_code",
    4: "same_berufsuntergruppe",
    3: "same_berufsgruppe",
    2: "same_hauptgruppe",
}
EXPERIENCE_WEIGHT = {5: 1.0, 4: 1.0, 3: 0.5, 2: 0.25}
LEVEL_ABOVE, LEVEL_BELOW = 6, 2
LANGUAGE_POINTS, LANGUAGE_STEP = 15.0, 0.35
DISTANCE_POINTS, HOURS_POINTS, SHIFT_POINTS, LICENCE_POINTS = 15.0, 6.0, 4, 5
# Weekly hours from which a job may count for the Beschäftigungsduldung (§ 60d Abs. 1 Nr. 3
# AufenthG since 27 Feb 2024; brief §5.3). The rules engine checks the other conditions.
HOURS_60D = 20

Value = str | int | float | bool | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reason:
    """One typed reason: a code and its values, no prose (the app translates the code)."""

    code: str
    values: tuple[tuple[str, Value], ...] = ()
    points: float = 0.0

    @property
    def params(self) -> dict[str, Value]:
        return dict(self.values)


@dataclass(frozen=True, slots=True)
class Match:
    """A suggestion: candidate, vacancy, score and the reasons that make it up."""

    candidate_id: str
    vacancy_id: str
    score: float
    reasons: tuple[Reason, ...]

    def reason(self, code: str) -> Reason | None:
        return next((reason for reason in self.reasons if reason.code == code), None)


_REASONS: dict[tuple[object, ...], Reason] = {}
# Small numbers for values many pairs share, so that caches take int keys.
_PLACES: dict[tuple[float, float], int] = {}
_GERMAN: dict[tuple[int, ...], int] = {}
_REQUIREMENTS: dict[tuple[tuple[int, int, bool], ...], int] = {}


def _number[T](table: dict[T, int], value: T) -> int:
    found = table.get(value)
    if found is None:
        found = table[value] = len(table)
    return found


class PreparedCandidate:
    __slots__ = (
        "access",
        "by_prefix",
        "candidate",
        "childcare",
        "cos_lat",
        "german",
        "german_id",
        "groups",
        "id",
        "latitude",
        "licences",
        "longitude",
        "max_hours",
        "max_km",
        "means",
        "never",
        "only",
        "place",
        "recognised",
        "rlat",
        "rlon",
        "shifts",
        "experience",
    )

    def __init__(self, candidate: Candidate):
        self.candidate = candidate
        self.id = candidate.id
        self.latitude = candidate.home.latitude
        self.longitude = candidate.home.longitude
        self.rlat = math.radians(self.latitude)
        self.rlon = math.radians(self.longitude)
        self.cos_lat = math.cos(self.rlat)
        self.max_km = float(candidate.mobility.max_km)
        self.means = str(candidate.mobility.means)
        self.access = candidate.access
        self.only: AccessAnswer | None = candidate.access[0] if len(candidate.access) == 1 else None
        self.never = all(a.answer is Access.NO_ACCESS for a in candidate.access)
        by_prefix: dict[str, list[tuple[str, float, str]]] = {}
        work_years: dict[str, float] = {}
        for occupation in candidate.occupations:
            entry = (occupation.code, occupation.years, str(occupation.source))
            for depth in (5, 4, 3, 2):
                prefix = occupation.code[:depth]
                by_prefix.setdefault(prefix, []).append(entry)
                if occupation.source is Source.WORK:
                    work_years[prefix] = work_years.get(prefix, 0.0) + occupation.years
        self.by_prefix = by_prefix
        self.experience = {
            prefix: (years, round(3 * min(years * EXPERIENCE_WEIGHT[len(prefix)], 5.0), 1))
            for prefix, years in work_years.items()
        }
        self.groups = frozenset(occupation.code[:2] for occupation in candidate.occupations)
        recognised: dict[str, int] = {}
        for state in candidate.recognitions:
            if state.state is Recognition.FULL:
                key, level = state.reference[:4], int(state.reference[4])
                recognised[key] = max(level, recognised.get(key, 0))
        self.recognised = recognised
        self.german = tuple(int(candidate.level(skill)) for skill in SKILLS)
        self.german_id = _number(_GERMAN, self.german)
        self.place = _number(_PLACES, (self.latitude, self.longitude))
        self.licences = licences_held(candidate.licences)
        self.max_hours = candidate.availability.max_hours
        self.shifts = candidate.availability.shifts
        self.childcare = candidate.availability.childcare

    def access_on(self, day: date | None) -> AccessAnswer:
        return self.only if self.only is not None else self.candidate.access_on(day)


class PreparedVacancy:
    __slots__ = (
        "code",
        "cos_lat",
        "fit_key",
        "hours",
        "id",
        "kind",
        "latitude",
        "level",
        "licence",
        "longitude",
        "open",
        "p2",
        "p3",
        "p4",
        "place",
        "prefixes",
        "recognition_required",
        "requirements",
        "requirements_id",
        "rlat",
        "rlon",
        "shifts",
        "start",
        "training",
        "vacancy",
    )

    def __init__(self, vacancy: Vacancy):
        self.vacancy = vacancy
        self.id = vacancy.id
        self.code = vacancy.code
        self.p4, self.p3, self.p2 = vacancy.code[:4], vacancy.code[:3], vacancy.code[:2]
        self.level = int(vacancy.code[4])
        self.prefixes = tuple(
            (depth, vacancy.code[:depth], TIER_POINTS[depth]) for depth in (5, 4, 3, 2)
        )
        self.latitude = vacancy.place.latitude
        self.longitude = vacancy.place.longitude
        self.rlat = math.radians(self.latitude)
        self.rlon = math.radians(self.longitude)
        self.cos_lat = math.cos(self.rlat)
        self.kind = vacancy.kind
        self.training = vacancy.kind is not Kind.JOB
        # what the occupational fit depends on: the code, and for training no level penalty
        self.fit_key = vacancy.code + ("t" if self.training else "")
        self.hours = vacancy.hours
        self.start = vacancy.start
        self.licence = vacancy.licence
        self.shifts = vacancy.shifts
        self.recognition_required = vacancy.recognition_required
        self.open = vacancy.status is Status.OPEN
        self.requirements = tuple(
            (SKILLS.index(req.skill), int(req.level), req.hard) for req in vacancy.german
        )
        self.requirements_id = _number(_REQUIREMENTS, self.requirements)
        self.place = _number(_PLACES, (self.latitude, self.longitude))


def distance_km(c: PreparedCandidate, v: PreparedVacancy) -> float:
    """Great-circle distance (haversine) between the two Gemeinden."""
    return haversine(c.rlat, c.rlon, c.cos_lat, v.rlat, v.rlon, v.cos_lat)


def place_distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places given in degrees."""
    r1, r2 = math.radians(a.latitude), math.radians(b.latitude)
    return haversine(
        r1, math.radians(a.longitude), math.cos(r1), r2, math.radians(b.longitude), math.cos(r2)
    )


def haversine(
    rlat1: float, rlon1: float, cos1: float, rlat2: float, rlon2: float, cos2: float
) -> float:
    """km between two points given in radians with the cosines of their latitudes."""
    half_lat = math.sin((rlat2 - rlat1) / 2)
    half_lon = math.sin((rlon2 - rlon1) / 2)
    a = half_lat * half_lat + cos1 * cos2 * half_lon * half_lon
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


Entry = tuple[str, float, str]  # code, years, source


def _fit(c: PreparedCandidate, v: PreparedVacancy) -> tuple[int, int, Entry]:
    """(depth, points, occupation) of the best occupational fit; depth 0: none. Of two
    occupations with the same points the first one given counts."""
    by_prefix = c.by_prefix
    for depth, prefix, tier in v.prefixes:  # noqa: B007 (read after the loop)
        entries = by_prefix.get(prefix)
        if entries:
            break
    else:
        return 0, 0, ("", 0.0, "")
    best = entries[0]
    points = tier - _level_penalty(int(best[0][4]), v)
    for entry in entries[1:]:
        other = tier - _level_penalty(int(entry[0][4]), v)
        if other > points:
            points, best = other, entry
    return depth, points, best


def _level_penalty(level: int, v: PreparedVacancy) -> int:
    if v.training:
        return 0
    difference = v.level - level
    return LEVEL_ABOVE * difference if difference > 0 else -LEVEL_BELOW * difference


def _experience(c: PreparedCandidate, prefix: str) -> tuple[float, float]:
    """(years, points) of work experience in the occupations sharing `prefix`."""
    return c.experience.get(prefix, _NO_EXPERIENCE)


_NO_EXPERIENCE = (0.0, 0.0)


def _language_share(has: int, required: int) -> float:
    if has >= required:
        return 1.0
    return max(0.0, 1.0 - LANGUAGE_STEP * (required - has))


Requirements = tuple[tuple[int, int, bool], ...]
_LANGUAGE: dict[int, tuple[float, tuple[Reason, ...]] | None] = {}
_NO_REQUIREMENT: tuple[float, tuple[Reason, ...]] = (
    LANGUAGE_POINTS,
    (Reason("language_no_requirement", (), LANGUAGE_POINTS),),
)


def _language(c: PreparedCandidate, v: PreparedVacancy) -> tuple[float, tuple[Reason, ...]] | None:
    """(points, reasons) of the person's German against the vacancy's requirements; None when
    a hard requirement is not met."""
    requirements = v.requirements
    if not requirements:
        return _NO_REQUIREMENT
    key = v.requirements_id * 4096 + c.german_id
    try:
        return _LANGUAGE[key]
    except KeyError:
        pass
    share = LANGUAGE_POINTS / len(requirements)
    total = 0.0
    reasons = []
    found: tuple[float, tuple[Reason, ...]] | None = None
    for skill, required, hard in requirements:
        has = c.german[skill]
        if has < required and hard:
            break
        points = round(share * _language_share(has, required), 1)
        total += points
        code = "language_meets" if has >= required else "language_below"
        values = (
            ("skill", str(SKILLS[skill])),
            ("required", required),
            ("level", has),
            ("hard", hard),
        )
        reasons.append(_interned(code, points, values))
    else:
        found = (total, tuple(reasons))
    _LANGUAGE[key] = found
    return found


def interned(reason: Reason) -> Reason:
    """This process's one object for the reason (a reason received from a worker process)."""
    return _interned(reason.code, reason.points, reason.values)


def _interned(code: str, points: float, values: tuple[tuple[str, Value], ...]) -> Reason:
    key = (code, points, values)
    found = _REASONS.get(key)
    if found is None:
        found = _REASONS[key] = Reason(code, values, points)
    return found


def _recognised(c: PreparedCandidate, v: PreparedVacancy) -> bool:
    level = c.recognised.get(v.p4)
    return level is not None and level >= v.level


_HOURS: dict[int, tuple[float, Reason]] = {}


def _hours(c: PreparedCandidate, v: PreparedVacancy) -> tuple[float, Reason]:
    key = (v.hours * 1000 + c.max_hours) * 2 + c.childcare
    found = _HOURS.get(key)
    if found is None:
        if v.hours <= c.max_hours:
            values: tuple[tuple[str, Value], ...] = (("hours", v.hours), ("max_hours", c.max_hours))
            found = (HOURS_POINTS, _interned("hours_fit", HOURS_POINTS, values))
        else:
            points = round(HOURS_POINTS * c.max_hours / v.hours, 1)
            values = (("hours", v.hours), ("max_hours", c.max_hours), ("childcare", c.childcare))
            found = (points, _interned("hours_exceed", points, values))
        _HOURS[key] = found
    return found


def _distance_points(km: float, c: PreparedCandidate) -> float:
    return round(DISTANCE_POINTS * (1 - 0.5 * km / c.max_km), 1)


def score(c: PreparedCandidate, v: PreparedVacancy) -> float | None:
    """The score of the pair, or None when a hard filter excludes it (see the module docstring
    of lotse.jobs.matching)."""
    return score_at(c, v, distance_km(c, v))


def score_at(c: PreparedCandidate, v: PreparedVacancy, km: float) -> float | None:
    """`score` with the distance known (the batch computes it once per pair of Gemeinden)."""
    if not v.open:
        return None
    access = c.only if c.only is not None else c.candidate.access_on(v.start)
    if access.answer is Access.NO_ACCESS:
        return None
    if v.recognition_required and not _recognised(c, v):
        return None
    if km > c.max_km:
        return None
    depth, points, _ = _fit(c, v)
    if not depth:
        return None
    language = _language(c, v)
    if language is None:
        return None
    total = points + language[0] + _experience(c, v.prefixes[5 - depth][1])[1]
    total += _distance_points(km, c) + _hours(c, v)[0]
    if not v.shifts or c.shifts:
        total += SHIFT_POINTS
    if v.licence is None or v.licence in c.licences:
        total += LICENCE_POINTS
    return round(total, 1)


_NO_SHIFT_WORK = Reason("no_shift_work", (), SHIFT_POINTS)
_SHIFTS_POSSIBLE = Reason("shifts_possible", (), SHIFT_POINTS)
_SHIFTS_NOT_POSSIBLE = {
    care: Reason("shifts_not_possible", (("childcare", care),), 0) for care in (False, True)
}
_LICENCE_NOT_REQUIRED = Reason("licence_not_required", (), LICENCE_POINTS)
_RECOGNITION_NOT_REQUIRED = Reason("recognition_not_required")


def explain(c: PreparedCandidate, v: PreparedVacancy) -> Match | None:
    """The same score as `score`, with its reasons; None when a hard filter excludes the pair."""
    return explain_at(c, v, distance_km(c, v))


def explain_at(c: PreparedCandidate, v: PreparedVacancy, km: float) -> Match | None:
    """`explain` with the distance known."""
    found = explained(c, v, km)
    if found is None:
        return None
    return Match(c.id, v.id, found[0], tuple(found[1]))


def explained(
    c: PreparedCandidate, v: PreparedVacancy, km: float
) -> tuple[float, list[Reason]] | None:
    """(score, reasons) of the pair, None when a hard filter excludes it. The hard filters
    and the sum are those of `score_at`, term by term in the same order, so the value is the
    same float; the reasons come from caches keyed by the few numbers they depend on (most
    pairs share most of their reasons)."""
    access = _admitted(c, v, km)
    if access is None:
        return None
    depth, points, (code, _, source) = _fit(c, v)
    if not depth:
        return None
    language = _language(c, v)
    if language is None:
        return None
    years, experience = _experience(c, v.prefixes[5 - depth][1])
    distance = _distance_points(km, c)
    hours = _hours(c, v)
    total = points + language[0] + experience
    total += distance + hours[0]
    shifts_ok = not v.shifts or c.shifts
    if shifts_ok:
        total += SHIFT_POINTS
    held = v.licence is None or v.licence in c.licences
    if held:
        total += LICENCE_POINTS
    reasons = list(_access_reasons(access, v))
    add = reasons.append
    add(_occupation_reason(depth, code, v.code, source))
    level = int(code[4])
    if level != v.level and not v.training:
        add(_level_reason(level, v.level, points - TIER_POINTS[depth]))
    add(_experience_reason(years, experience, depth))
    reasons.extend(language[1])
    add(_distance_reason(round(km, 1), distance, c))
    add(hours[1])
    if not v.shifts:
        add(_NO_SHIFT_WORK)
    else:
        add(_SHIFTS_POSSIBLE if shifts_ok else _SHIFTS_NOT_POSSIBLE[c.childcare])
    add(_LICENCE_NOT_REQUIRED if v.licence is None else _licence_reason(v.licence, held))
    add(_recognition_reason(v.p4) if v.recognition_required else _RECOGNITION_NOT_REQUIRED)
    return round(total, 1), reasons


def _admitted(c: PreparedCandidate, v: PreparedVacancy, km: float) -> AccessAnswer | None:
    """The access answer on the start date when the pair passes the filters before the
    occupation and the language (those of `score_at`, in its order); else None."""
    if not v.open:
        return None
    access = c.only if c.only is not None else c.candidate.access_on(v.start)
    if access.answer is Access.NO_ACCESS:
        return None
    if v.recognition_required and not _recognised(c, v):
        return None
    if km > c.max_km:
        return None
    return access


_CACHE: dict[tuple[object, ...], Reason] = {}


def _level_reason(level: int, wanted: int, points: int) -> Reason:
    key = ("level", level, wanted, points)
    found = _CACHE.get(key)
    if found is None:
        kind = "level_higher" if wanted > level else "level_lower"
        values: tuple[tuple[str, Value], ...] = (("candidate", level), ("vacancy", wanted))
        found = _CACHE[key] = _interned(kind, points, values)
    return found


def _experience_reason(years: float, points: float, depth: int) -> Reason:
    key = ("experience", years, points, depth)
    found = _CACHE.get(key)
    if found is None:
        values: tuple[tuple[str, Value], ...] = (("years", years), ("fit", TIER_NAMES[depth]))
        found = _CACHE[key] = _interned("experience", points, values)
    return found


def _distance_reason(km: float, points: float, c: PreparedCandidate) -> Reason:
    key = ("distance", km, points, c.max_km, c.means)
    found = _CACHE.get(key)
    if found is None:
        values: tuple[tuple[str, Value], ...] = (
            ("km", km),
            ("max_km", c.max_km),
            ("means", c.means),
        )
        found = _CACHE[key] = _interned("distance", points, values)
    return found


def _licence_reason(licence: str, held: bool) -> Reason:
    key = ("licence", licence, held)
    found = _CACHE.get(key)
    if found is None:
        code = "licence_held" if held else "licence_missing"
        values: tuple[tuple[str, Value], ...] = (("licence", licence),)
        found = _CACHE[key] = _interned(code, LICENCE_POINTS if held else 0, values)
    return found


def _recognition_reason(berufsuntergruppe: str) -> Reason:
    key = ("recognition", berufsuntergruppe)
    found = _CACHE.get(key)
    if found is None:
        values: tuple[tuple[str, Value], ...] = (("berufsuntergruppe", berufsuntergruppe),)
        found = _CACHE[key] = _interned("recognition_full", 0.0, values)
    return found


def _occupation_reason(depth: int, code: str, vacancy: str, source: str) -> Reason:
    key = ("occupation", depth, code, vacancy, source)
    found = _CACHE.get(key)
    if found is None:
        values: tuple[tuple[str, Value], ...] = (
            ("fit", TIER_NAMES[depth]),
            ("candidate", code),
            ("vacancy", vacancy),
            ("source", source),
        )
        found = _CACHE[key] = _interned("occupation", TIER_POINTS[depth], values)
    return found


_ACCESS: dict[tuple[object, ...], tuple[Reason, ...]] = {}


def _access_reasons(access: AccessAnswer, v: PreparedVacancy) -> tuple[Reason, ...]:
    key = (access.answer, access.reasons, access.duldung, v.kind, v.hours >= HOURS_60D)
    found = _ACCESS.get(key)
    if found is None:
        found = _ACCESS[key] = _access_reasons_new(access, v)
    return found


def _access_reasons_new(access: AccessAnswer, v: PreparedVacancy) -> tuple[Reason, ...]:
    reasons = []
    rules = access.reasons
    if access.answer is Access.FREE:
        reasons.append(_interned("access_free", 0.0, (("rules", rules),)))
    else:
        consent = access.answer is Access.PERMIT_WITH_BA_CONSENT
        reasons.append(_interned("permit_needed", 0.0, (("ba_consent", consent), ("rules", rules))))
        if consent and v.kind is Kind.APPRENTICESHIP:
            # § 32 Abs. 2 Nr. 2 BeschV: a state-recognised vocational training needs no BA
            # consent, the Ausländerbehörde's permit for the concrete place still (brief §5.2).
            reasons.append(_interned("training_without_ba_consent", 0.0, ()))
    if access.duldung and v.kind is Kind.APPRENTICESHIP:
        reasons.append(_interned("ausbildungsduldung_60c", 0.0, ()))
    if access.duldung and v.kind is Kind.JOB and v.hours >= HOURS_60D:
        reasons.append(
            _interned("beschaeftigungsduldung_60d", 0.0, (("hours_at_least", HOURS_60D),))
        )
    return tuple(reasons)
