"""The batch's optimised path (the scoring loop inlined with per-person caches, reasons from
keyed caches, results sent from worker processes as numbers, the vacancies' lists reusing the
persons' pairs) gives the same ranking, scores and reasons as the straightforward scoring:
`score` on every pair, reasons built one by one as below."""

import random

import pytest

from lotse.jobs.matching import Match, PreparedCandidate, PreparedVacancy, match_all, score
from lotse.jobs.matching.generate import population
from lotse.jobs.matching.score import (
    LICENCE_POINTS,
    TIER_NAMES,
    TIER_POINTS,
    Reason,
    _access_reasons,
    _distance_points,
    _experience,
    _fit,
    _hours,
    _language,
    distance_km,
)


def straightforward(c: PreparedCandidate, v: PreparedVacancy) -> Match | None:
    """The reasons of a pair built plainly, each a new Reason (no caches for them)."""
    value = score(c, v)
    if value is None:
        return None
    reasons = list(_access_reasons(c.access_on(v.start), v))
    depth, points, (code, _, source) = _fit(c, v)
    reasons.append(
        Reason(
            "occupation",
            (
                ("fit", TIER_NAMES[depth]),
                ("candidate", code),
                ("vacancy", v.code),
                ("source", source),
            ),
            TIER_POINTS[depth],
        )
    )
    level = int(code[4])
    if level != v.level and not v.training:
        kind = "level_higher" if v.level > level else "level_lower"
        levels = (("candidate", level), ("vacancy", v.level))
        reasons.append(Reason(kind, levels, points - TIER_POINTS[depth]))
    years, experience = _experience(c, v.prefixes[5 - depth][1])
    reasons.append(Reason("experience", (("years", years), ("fit", TIER_NAMES[depth])), experience))
    language = _language(c, v)
    assert language is not None
    reasons.extend(language[1])
    km = distance_km(c, v)
    where = (("km", round(km, 1)), ("max_km", c.max_km), ("means", c.means))
    reasons.append(Reason("distance", where, _distance_points(km, c)))
    reasons.append(_hours(c, v)[1])
    if not v.shifts:
        reasons.append(Reason("no_shift_work", (), 4))
    elif c.shifts:
        reasons.append(Reason("shifts_possible", (), 4))
    else:
        reasons.append(Reason("shifts_not_possible", (("childcare", c.childcare),), 0))
    if v.licence is None:
        reasons.append(Reason("licence_not_required", (), LICENCE_POINTS))
    elif v.licence in c.licences:
        reasons.append(Reason("licence_held", (("licence", v.licence),), LICENCE_POINTS))
    else:
        reasons.append(Reason("licence_missing", (("licence", v.licence),), 0))
    if v.recognition_required:
        reasons.append(Reason("recognition_full", (("berufsuntergruppe", v.p4),), 0.0))
    else:
        reasons.append(Reason("recognition_not_required"))
    return Match(c.id, v.id, value, tuple(reasons))


def _ranked(pairs, k):
    scored = [m for m in pairs if m is not None]
    scored.sort(key=lambda m: (-m.score, m.vacancy_id, m.candidate_id))
    return scored[:k]


def _key(matches):
    return [(m.candidate_id, m.vacancy_id, m.score, m.reasons) for m in matches]


@pytest.mark.parametrize(("seed", "processes"), [(21, 2), (22, 1)])
def test_the_optimised_batch_equals_the_straightforward_scoring(seed, processes):
    candidates, vacancies = population(1_500, 500, seed=seed)
    batch = match_all(candidates, vacancies, k_vacancies=10, k_candidates=30, processes=processes)
    people = [PreparedCandidate(c) for c in candidates]
    jobs = [PreparedVacancy(v) for v in vacancies]
    rnd = random.Random(seed)
    for c in rnd.sample(people, 150):
        expected = _ranked((straightforward(c, v) for v in jobs), 10)
        assert _key(batch.vacancies_by_candidate.get(c.id, [])) == _key(expected)
    for v in rnd.sample(jobs, 40):
        expected = _ranked((straightforward(c, v) for c in people), 30)
        assert _key(batch.candidates_by_vacancy.get(v.id, [])) == _key(expected)
    assert sum(map(len, batch.candidates_by_vacancy.values())) > 1_000
