"""Scoring one candidate against one vacancy: the hard filters, the points and their reasons.

`score` gives the number only (the batch calls it for every pair its blocking reaches);
`explain` gives the same number with the reasons, each carrying the points it adds, so the
score is the sum of its reasons' points. Both read the same prepared forms and the same helper
functions; the tests check that they agree on every pair.

Points (at most 100):

| part | points |
|---|---|
| occupation through the KldB hierarchy | 40 same code, 32 same Berufsuntergruppe (4 digits), 24 same Berufsgruppe (3), 12 same Hauptgruppe (2); for a job, −6 per Anforderungsniveau the vacancy is above the person's, −2 per level below |
| work experience | 3 per year in the matched occupation (4-5 digits), half that in its Berufsgruppe, a quarter in its Hauptgruppe; at most 15 |
| German | 15 shared over the vacancy's requirements: a requirement met gives its share, one desirable level missing loses 35 % of it, two 70 %, three or more all |
| distance | 15 at home, 7.5 at the person's largest distance |
| hours | 6 if the vacancy's hours fit; else 6 × hours possible / hours asked |
| shifts | 4 unless the vacancy has shift work the person cannot do |
| driving licence | 5 unless the vacancy requires a class the person does not hold |

The work-access answer, the recognition and the § 60c / § 60d notes add no points: residence
status filters and marks, it never ranks.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from lotse.jobs.matching.records import (
    Access,
    AccessAnswer,
    Candidate,
    Kind,
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
TIER_NAMES = {5: "same_code", 4: "same_berufsuntergruppe", 3: "same_berufsgruppe", 2: "same_hauptgruppe"}
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


def _reason(code: str, points: float = 0.0, **values: Value) -> Reason:
    """Reasons are interned: the millions of results of a batch share a few thousand objects."""
    items = tuple(values.items())
    key = (code, points, items)
    found = _REASONS.get(key)
    if found is None:
        found = _REASONS[key] = Reason(code, items, points)
    return found


class PreparedCandidate:
    __slots__ = (
        "access",
        "by_prefix",
        "candidate",
        "childcare",
        "cos_lat",
        "german",
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
        "recognised",
        "rlat",
        "rlon",
        "shifts",
        "work_years",
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
        self.work_years = work_years
        self.groups = frozenset(occupation.code[:2] for occupation in candidate.occupations)
        recognised: dict[str, int] = {}
        for state in candidate.recognitions:
            if state.state is Recognition.FULL:
                key, level = state.reference[:4], int(state.reference[4])
                recognised[key] = max(level, recognised.get(key, 0))
        self.recognised = recognised
        self.german = tuple(int(candidate.level(skill)) for skill in SKILLS)
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
        "recognition_required",
        "requirements",
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
        self.latitude = vacancy.place.latitude
        self.longitude = vacancy.place.longitude
        self.rlat = math.radians(self.latitude)
        self.rlon = math.radians(self.longitude)
        self.cos_lat = math.cos(self.rlat)
        self.kind = vacancy.kind
        self.training = vacancy.kind is not Kind.JOB
        self.hours = vacancy.hours
        self.start = vacancy.start
        self.licence = vacancy.licence
        self.shifts = vacancy.shifts
        self.recognition_required = vacancy.recognition_required
        self.open = vacancy.status is Status.OPEN
        self.requirements = tuple(
            (SKILLS.index(req.skill), int(req.level), req.hard) for req in vacancy.german
        )


def distance_km(c: PreparedCandidate, v: PreparedVacancy) -> float:
    """Great-circle distance (haversine) between the two Gemeinden."""
    half_lat = math.sin((v.rlat - c.rlat) / 2)
    half_lon = math.sin((v.rlon - c.rlon) / 2)
    a = half_lat * half_lat + c.cos_lat * v.cos_lat * half_lon * half_lon
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _fit(c: PreparedCandidate, v: PreparedVacancy) -> tuple[int, int, tuple[str, float, str]]:
    """(depth, points, occupation) of the best occupational fit; depth 0: none."""
    for depth, prefix in ((5, v.code), (4, v.p4), (3, v.p3), (2, v.p2)):
        entries = c.by_prefix.get(prefix)
        if entries:
            break
    else:
        return 0, 0, ("", 0.0, "")
    tier = TIER_POINTS[depth]
    best_points, best = -1000, entries[0]
    for entry in entries:
        points = tier - _level_penalty(int(entry[0][4]), v)
        if points > best_points:
            best_points, best = points, entry
    return depth, best_points, best


def _level_penalty(level: int, v: PreparedVacancy) -> int:
    if v.training:
        return 0
    difference = v.level - level
    return LEVEL_ABOVE * difference if difference > 0 else -LEVEL_BELOW * difference


def _experience(c: PreparedCandidate, v: PreparedVacancy, depth: int) -> tuple[float, float]:
    prefix = v.code[:depth]
    years = c.work_years.get(prefix, 0.0)
    return years, round(3 * min(years * EXPERIENCE_WEIGHT[depth], 5.0), 1)


def _language_share(has: int, required: int) -> float:
    if has >= required:
        return 1.0
    return max(0.0, 1.0 - LANGUAGE_STEP * (required - has))


def _recognised(c: PreparedCandidate, v: PreparedVacancy) -> bool:
    level = c.recognised.get(v.p4)
    return level is not None and level >= v.level


def _hours_points(c: PreparedCandidate, v: PreparedVacancy) -> float:
    if v.hours <= c.max_hours:
        return HOURS_POINTS
    return round(HOURS_POINTS * c.max_hours / v.hours, 1)


def _distance_points(km: float, c: PreparedCandidate) -> float:
    return round(DISTANCE_POINTS * (1 - 0.5 * km / c.max_km), 1)


def excluded(c: PreparedCandidate, v: PreparedVacancy) -> bool:
    """The hard filters without the score: a vacancy the person may not or cannot take."""
    return score(c, v) is None


def score(c: PreparedCandidate, v: PreparedVacancy) -> float | None:  # noqa: C901
    """The score of the pair, or None when a hard filter excludes it (see the module docstring
    of lotse.jobs.matching)."""
    if not v.open:
        return None
    access = c.only if c.only is not None else c.candidate.access_on(v.start)
    if access.answer is Access.NO_ACCESS:
        return None
    if v.recognition_required and not _recognised(c, v):
        return None
    km = distance_km(c, v)
    if km > c.max_km:
        return None
    depth, points, _ = _fit(c, v)
    if not depth:
        return None
    total = float(points)
    requirements = v.requirements
    if requirements:
        share = LANGUAGE_POINTS / len(requirements)
        german = c.german
        for skill, required, hard in requirements:
            has = german[skill]
            if has < required and hard:
                return None
            total += round(share * _language_share(has, required), 1)
    else:
        total += LANGUAGE_POINTS
    total += _experience(c, v, depth)[1]
    total += _distance_points(km, c)
    total += _hours_points(c, v)
    if not (v.shifts and not c.shifts):
        total += SHIFT_POINTS
    if v.licence is None or v.licence in c.licences:
        total += LICENCE_POINTS
    return round(total, 1)


def explain(c: PreparedCandidate, v: PreparedVacancy) -> Match | None:
    """The same score as `score`, with its reasons; None when a hard filter excludes the pair."""
    value = score(c, v)
    if value is None:
        return None
    reasons: list[Reason] = []
    add = reasons.append
    access = c.access_on(v.start)
    _access_reasons(access, v, add)
    depth, points, (code, _, source) = _fit(c, v)
    tier = TIER_POINTS[depth]
    add(_reason("occupation", tier, fit=TIER_NAMES[depth], candidate=code, vacancy=v.code, source=source))
    level = int(code[4])
    if level != v.level and not v.training:
        kind = "level_higher" if v.level > level else "level_lower"
        add(_reason(kind, points - tier, candidate=level, vacancy=v.level))
    years, experience = _experience(c, v, depth)
    add(_reason("experience", experience, years=years, fit=TIER_NAMES[depth]))
    _language_reasons(c, v, add)
    km = distance_km(c, v)
    add(_reason("distance", _distance_points(km, c), km=round(km, 1), max_km=c.max_km, means=c.means))
    hours = _hours_points(c, v)
    if hours == HOURS_POINTS:
        add(_reason("hours_fit", hours, hours=v.hours, max_hours=c.max_hours))
    else:
        add(_reason("hours_exceed", hours, hours=v.hours, max_hours=c.max_hours, childcare=c.childcare))
    if not v.shifts:
        add(_reason("no_shift_work", SHIFT_POINTS))
    elif c.shifts:
        add(_reason("shifts_possible", SHIFT_POINTS))
    else:
        add(_reason("shifts_not_possible", 0, childcare=c.childcare))
    if v.licence is None:
        add(_reason("licence_not_required", LICENCE_POINTS))
    elif v.licence in c.licences:
        add(_reason("licence_held", LICENCE_POINTS, licence=v.licence))
    else:
        add(_reason("licence_missing", 0, licence=v.licence))
    if v.recognition_required:
        add(_reason("recognition_full", reference=v.p4))
    else:
        add(_reason("recognition_not_required"))
    return Match(c.id, v.id, value, tuple(reasons))


def _access_reasons(access: AccessAnswer, v: PreparedVacancy, add: Callable[[Reason], None]) -> None:
    rules = access.reasons
    if access.answer is Access.FREE:
        add(_reason("access_free", rules=rules))
    else:
        consent = access.answer is Access.PERMIT_WITH_BA_CONSENT
        add(_reason("permit_needed", ba_consent=consent, rules=rules))
        if consent and v.kind is Kind.APPRENTICESHIP:
            # § 32 Abs. 2 Nr. 2 BeschV: a state-recognised vocational training needs no BA
            # consent, the Ausländerbehörde's permit for the concrete place still (brief §5.2).
            add(_reason("training_without_ba_consent"))
    if access.duldung and v.kind is Kind.APPRENTICESHIP:
        add(_reason("ausbildungsduldung_60c"))
    if access.duldung and v.kind is Kind.JOB and v.hours >= HOURS_60D:
        add(_reason("beschaeftigungsduldung_60d", hours=v.hours))


def _language_reasons(c: PreparedCandidate, v: PreparedVacancy, add: Callable[[Reason], None]) -> None:
    if not v.requirements:
        add(_reason("language_no_requirement", LANGUAGE_POINTS))
        return
    share = LANGUAGE_POINTS / len(v.requirements)
    for skill, required, hard in v.requirements:
        has = c.german[skill]
        points = round(share * _language_share(has, required), 1)
        code = "language_meets" if has >= required else "language_below"
        add(_reason(code, points, skill=str(SKILLS[skill]), required=required, level=has, hard=hard))
