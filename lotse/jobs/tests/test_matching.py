"""The matching engine (lotse.jobs.matching): pure, no database."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.jobs.matching import (
    Access,
    AccessAnswer,
    Availability,
    Candidate,
    Kind,
    LanguageRequirement,
    Level,
    MatchIndex,
    Means,
    Mobility,
    Occupation,
    Place,
    PreparedCandidate,
    PreparedVacancy,
    Recognition,
    RecognitionState,
    Skill,
    Source,
    Status,
    Vacancy,
    brute_force_candidates,
    brute_force_vacancies,
    candidates_for,
    explain,
    match_all,
    score,
    vacancies_for,
)
from lotse.jobs.matching.generate import population

TODAY = date(2026, 12, 3)
TUEBINGEN = Place(48.5216, 9.0576)
REUTLINGEN = Place(48.4914, 9.2043)  # about 11 km from Tübingen
STUTTGART = Place(48.7758, 9.1829)  # about 30 km
FREIBURG = Place(47.9990, 7.8421)  # about 105 km


def person(
    identifier="p1",
    access=Access.FREE,
    occupations=None,
    home=TUEBINGEN,
    km=25,
    german=Level.B1,
    **fields,
):
    occupations = occupations or (Occupation("26212", 6.0, Source.WORK),)
    answers = fields.pop("answers", None) or (AccessAnswer(access, TODAY, ("rule.x",)),)
    return Candidate(
        id=identifier,
        home=home,
        mobility=Mobility(km, Means.PUBLIC_TRANSPORT),
        access=answers,
        occupations=occupations,
        german=tuple((skill, german) for skill in Skill),
        **fields,
    )


def vacancy(identifier="v1", code="26212", place=TUEBINGEN, **fields):
    fields.setdefault("kind", Kind.JOB)
    return Vacancy(id=identifier, code=code, place=place, **fields)


def one(c, v):
    return explain(PreparedCandidate(c), PreparedVacancy(v))


def test_an_electrician_is_matched_to_an_electricians_vacancy_with_reasons():
    match = one(person(), vacancy())
    assert match is not None
    codes = [reason.code for reason in match.reasons]
    assert codes[0] == "access_free"
    assert match.reason("occupation").params["fit"] == "same_code"
    assert match.reason("experience").params["years"] == 6.0
    assert match.reason("experience").points == 15.0  # capped at five years
    assert match.reason("distance").params["km"] == 0.0
    assert match.score == 100.0
    assert abs(sum(reason.points for reason in match.reasons) - match.score) < 1e-6


def test_the_kldb_hierarchy_gives_less_the_less_the_codes_share():
    scores = []
    for code in ("26212", "26213", "26222", "26312", "26112", "51312"):
        match = one(person(), vacancy(code=code))
        scores.append(match.reason("occupation").params["fit"] if match else None)
    assert scores == [
        "same_code",
        "same_berufsuntergruppe",
        "same_berufsgruppe",
        "same_hauptgruppe",
        "same_hauptgruppe",
        None,  # no occupational relation: no suggestion
    ]
    higher = one(person(), vacancy(code="26213"))
    assert higher.reason("level_higher").params == {"candidate": 2, "vacancy": 3}
    assert higher.reason("level_higher").points == -6
    lower = one(person(), vacancy(code="26211"))
    assert lower.reason("level_lower").points == -2


def test_no_access_is_never_proposed_and_a_permit_is_marked():
    assert one(person(access=Access.NO_ACCESS), vacancy()) is None
    match = one(person(access=Access.PERMIT_WITH_BA_CONSENT), vacancy())
    assert match.reason("permit_needed").params == {"ba_consent": True, "rules": ("rule.x",)}
    match = one(person(access=Access.PERMIT_WITHOUT_BA_CONSENT), vacancy())
    assert match.reason("permit_needed").params["ba_consent"] is False
    # residence status never changes the score
    assert match.score == one(person(), vacancy()).score


def test_the_access_on_the_start_date_counts():
    later = TODAY + timedelta(days=60)
    answers = (
        AccessAnswer(Access.NO_ACCESS, TODAY, ("labour.gestattung_waiting",)),
        AccessAnswer(Access.PERMIT_WITH_BA_CONSENT, later),
    )
    waiting = person(answers=answers)
    assert one(waiting, vacancy(start=None)) is None
    assert one(waiting, vacancy(start=later - timedelta(days=1))) is None
    assert one(waiting, vacancy(start=later)).reason("permit_needed") is not None


def test_a_duldung_holder_sees_the_ausbildungsduldung_on_an_apprenticeship():
    answers = (AccessAnswer(Access.PERMIT_WITH_BA_CONSENT, TODAY, (), duldung=True),)
    holder = person(answers=answers)
    match = one(holder, vacancy(kind=Kind.APPRENTICESHIP, code="26212"))
    assert match.reason("ausbildungsduldung_60c") is not None
    assert match.reason("training_without_ba_consent") is not None
    job = one(holder, vacancy(hours=30))
    assert job.reason("beschaeftigungsduldung_60d") is not None
    assert one(holder, vacancy(hours=15)).reason("beschaeftigungsduldung_60d") is None
    banned = (AccessAnswer(Access.NO_ACCESS, TODAY, (), duldung=True),)
    assert one(person(answers=banned), vacancy(kind=Kind.APPRENTICESHIP)) is None


def test_required_recognition_needs_full_equivalence():
    required = vacancy(recognition_required=True)
    assert one(person(), required) is None
    for state, proposed in (
        (Recognition.FULL, True),
        (Recognition.PARTIAL_WITH_MEASURE, False),
        (Recognition.PARTIAL, False),
        (Recognition.PENDING, False),
    ):
        recognised = person(recognitions=(RecognitionState("26212", state),))
        assert (one(recognised, required) is not None) is proposed
    lower = person(recognitions=(RecognitionState("26211", Recognition.FULL),))
    assert one(lower, required) is None  # recognised as Helfer, the vacancy asks a Fachkraft
    assert one(person(), vacancy()).reason("recognition_not_required") is not None


def test_a_hard_german_requirement_excludes_a_desirable_one_costs():
    speaking_b2_hard = (LanguageRequirement(Skill.SPEAKING, Level.B2, hard=True),)
    assert one(person(german=Level.B1), vacancy(german=speaking_b2_hard)) is None
    assert one(person(german=Level.B2), vacancy(german=speaking_b2_hard)) is not None
    desirable = (LanguageRequirement(Skill.SPEAKING, Level.B2, hard=False),)
    match = one(person(german=Level.B1), vacancy(german=desirable))
    below = match.reason("language_below")
    assert below.params == {"skill": "speaking", "required": 4, "level": 3, "hard": False}
    assert below.points == 9.8  # 15 less 35 %


def test_filled_withdrawn_and_out_of_reach_are_not_proposed():
    assert one(person(), vacancy(status=Status.FILLED)) is None
    assert one(person(), vacancy(status=Status.WITHDRAWN)) is None
    assert one(person(km=25), vacancy(place=FREIBURG)) is None
    near = one(person(km=25), vacancy(place=REUTLINGEN))
    assert 10 < near.reason("distance").params["km"] < 13


def test_childcare_hours_shifts_and_licence_are_reasons_not_filters():
    parent = person(availability=Availability(max_hours=20, shifts=False, childcare=True))
    match = one(parent, vacancy(hours=40, shifts=True, licence="C"))
    assert match.reason("hours_exceed").params == {"hours": 40, "max_hours": 20, "childcare": True}
    assert match.reason("hours_exceed").points == 3.0
    assert match.reason("shifts_not_possible").params == {"childcare": True}
    assert match.reason("licence_missing").params == {"licence": "C"}
    driver = person(licences=frozenset({"CE"}))
    assert one(driver, vacancy(licence="C")).reason("licence_held") is not None


def test_a_zielberuf_relates_a_person_without_experience():
    newcomer = person(occupations=(Occupation("51312", 0.0, Source.TARGET),))
    match = one(newcomer, vacancy(code="51312"))
    assert match.reason("occupation").params["source"] == "target"
    assert match.reason("experience").points == 0.0


def _same(got, expected):
    return [(m.vacancy_id, m.candidate_id, m.score, m.reasons) for m in got] == [
        (m.vacancy_id, m.candidate_id, m.score, m.reasons) for m in expected
    ]


def test_blocked_results_equal_brute_force_on_a_generated_population():
    candidates, vacancies = population(600, 300, seed=3)
    index = MatchIndex(candidates, vacancies)
    batch = match_all(candidates, vacancies, k_vacancies=10, k_candidates=20, processes=1)
    for candidate in candidates:
        expected = brute_force_vacancies(candidate, vacancies, 10)
        assert _same(vacancies_for(candidate, index, 10), expected)
        assert _same(batch.vacancies_by_candidate.get(candidate.id, []), expected)
    for v in vacancies:
        expected = brute_force_candidates(v, candidates, 20)
        assert _same(candidates_for(v, index, 20), expected)
        assert _same(batch.candidates_by_vacancy.get(v.id, []), expected)
    assert batch.pairs_scored > 500


def test_every_result_passes_the_hard_filters():
    candidates, vacancies = population(400, 200, seed=5)
    by_id = {v.id: v for v in vacancies}
    people = {c.id: c for c in candidates}
    batch = match_all(candidates, vacancies, processes=1)
    results = [m for ms in batch.vacancies_by_candidate.values() for m in ms]
    results += [m for ms in batch.candidates_by_vacancy.values() for m in ms]
    assert results
    for match in results:
        c, v = people[match.candidate_id], by_id[match.vacancy_id]
        assert c.access_on(v.start).answer is not Access.NO_ACCESS
        assert v.status is Status.OPEN
        for requirement in v.german:
            assert not requirement.hard or c.level(requirement.skill) >= requirement.level
        if v.recognition_required:
            assert any(
                r.state is Recognition.FULL
                and r.reference[:4] == v.code[:4]
                and r.reference[4] >= v.code[4]
                for r in c.recognitions
            )


PLACES = st.builds(Place, st.floats(47.5, 49.8), st.floats(7.5, 10.5)) | st.sampled_from(
    [TUEBINGEN, REUTLINGEN, STUTTGART]
)
CODES = st.sampled_from(["26212", "26213", "26211", "26222", "26312", "51312", "51311", "29302"])
ANSWER = st.builds(
    AccessAnswer,
    st.sampled_from(list(Access)),
    st.just(TODAY),
    st.just(()),
    st.booleans(),
)
LEVELS = st.sampled_from(list(Level))


@st.composite
def candidates(draw, number):
    occupations = draw(
        st.lists(
            st.builds(Occupation, CODES, st.floats(0, 12), st.sampled_from(list(Source))),
            min_size=1,
            max_size=3,
        )
    )
    return Candidate(
        id=f"c{number:03d}",
        home=draw(PLACES),
        mobility=Mobility(draw(st.integers(1, 80)), Means.CAR),
        access=(draw(ANSWER),),
        occupations=tuple(occupations),
        recognitions=tuple(
            draw(st.lists(st.builds(RecognitionState, CODES, st.sampled_from(list(Recognition)))))
        ),
        german=tuple((skill, draw(LEVELS)) for skill in Skill),
        licences=frozenset(draw(st.sets(st.sampled_from(["B", "C", "CE"])))),
        availability=Availability(draw(st.sampled_from([20, 30, 40])), draw(st.booleans())),
    )


@st.composite
def vacancies(draw, number):
    german = draw(
        st.lists(st.builds(LanguageRequirement, st.sampled_from(list(Skill)), LEVELS), max_size=2)
    )
    return Vacancy(
        id=f"v{number:03d}",
        kind=draw(st.sampled_from(list(Kind))),
        code=draw(CODES),
        place=draw(PLACES),
        hours=draw(st.sampled_from([20, 30, 40])),
        german=tuple(german),
        licence=draw(st.sampled_from([None, "B", "C"])),
        shifts=draw(st.booleans()),
        recognition_required=draw(st.booleans()),
        status=draw(st.sampled_from(list(Status))),
    )


@st.composite
def worlds(draw):
    people = [draw(candidates(n)) for n in range(draw(st.integers(1, 25)))]
    jobs = [draw(vacancies(n)) for n in range(draw(st.integers(1, 25)))]
    return people, jobs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(), st.integers(1, 6))
def test_blocking_never_changes_a_result(world, k):
    people, jobs = world
    index = MatchIndex(people, jobs)
    batch = match_all(people, jobs, k_vacancies=k, k_candidates=k, processes=1)
    for c in people:
        expected = brute_force_vacancies(c, jobs, k)
        assert _same(vacancies_for(c, index, k), expected)
        assert _same(batch.vacancies_by_candidate.get(c.id, []), expected)
    for v in jobs:
        expected = brute_force_candidates(v, people, k)
        assert _same(candidates_for(v, index, k), expected)
        assert _same(batch.candidates_by_vacancy.get(v.id, []), expected)


@settings(max_examples=200, deadline=None)
@given(candidates(0), vacancies(0))
def test_explain_gives_the_score_and_its_points_add_up(c, v):
    prepared_c, prepared_v = PreparedCandidate(c), PreparedVacancy(v)
    value = score(prepared_c, prepared_v)
    match = explain(prepared_c, prepared_v)
    if value is None:
        assert match is None
        return
    assert match.score == value
    assert abs(sum(reason.points for reason in match.reasons) - value) < 1e-6
