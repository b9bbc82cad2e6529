"""Asking the engine one question (`evaluate(..., questions=...)`, as the matching does on
many days) gives that question the same answer and the same reasons as the full evaluation,
on any history: checked under hypothesis over asylum procedures, Duldungen and titles."""

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lotse.status.rules import ScenarioError, evaluate, parse_scenario
from lotse.status.rules.engine import STANDALONE
from lotse.status.tests.helpers import FORMS, ev, scenario

OUTCOMES = [
    "fluechtlingsschutz",
    "subsidiaerer_schutz",
    "abschiebungsverbot",
    "rejected_unfounded",
    "rejected_manifestly_unfounded",
    "inadmissible",
]
AFTER_REJECTION = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "variant": st.sampled_from(["60a", "60b", "60c", "60d"]),
            "identity_obstruction": st.booleans(),
        }
    ),
)


@st.composite
def histories(draw):
    entry = draw(st.dates(min_value=date(2015, 3, 1), max_value=date(2025, 6, 1)))
    applied = entry + timedelta(days=draw(st.integers(1, 60)))
    events = [ev(applied.isoformat(), "asylum_application")]
    decided_after = draw(st.one_of(st.none(), st.integers(30, 900)))
    last = applied
    if decided_after is not None:
        decided = applied + timedelta(days=decided_after)
        outcome = draw(st.sampled_from(OUTCOMES))
        events.append(ev(decided.isoformat(), "decision", outcome=outcome, dublin=False))
        final = decided + timedelta(days=draw(st.integers(14, 200)))
        events.append(ev(final.isoformat(), "finality"))
        last = final
        duldung = draw(AFTER_REJECTION) if outcome.startswith("rejected") else None
        if duldung is not None:
            start = max(final + timedelta(days=draw(st.integers(1, 90))), date(2020, 1, 2))
            events.append(ev(start.isoformat(), "duldung", **duldung))
            last = start
    as_of = last + timedelta(days=draw(st.integers(0, 2000)))
    nationality = draw(st.sampled_from(["SYR", "AFG", "ERI", "NGA", "TUR", "GHA"]))
    birth = draw(st.dates(min_value=date(1960, 1, 1), max_value=date(2012, 1, 1)))
    return scenario(
        as_of.isoformat(),
        events,
        entry_date=entry.isoformat(),
        nationality=nationality,
        birth_date=birth.isoformat(),
    )


def _for(answers: dict, question: str) -> tuple:
    return (
        answers.get(question),
        answers["open"].get(question),
        [r for r in answers["reasons"] if r["question"] == question],
    )


@pytest.mark.django_db
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=histories())
def test_one_question_alone_is_answered_as_in_the_full_evaluation(data):
    try:
        full = evaluate(parse_scenario(data), FORMS)
    except ScenarioError:
        assume(False)
    for question in STANDALONE:
        alone = evaluate(parse_scenario(data), FORMS, questions=frozenset({question}))
        assert _for(alone, question) == _for(full, question), question
        # Without the texts (the matching asks on many days and shows few): the same answer,
        # and the reasons said later are the same.
        unsaid = evaluate(parse_scenario(data), FORMS, questions=frozenset({question}), texts=False)
        unsaid["reasons"] = [reason.as_json() for reason in unsaid["reasons"]]
        assert unsaid == alone, question


def test_a_question_that_needs_the_benefit_answers_is_refused():
    data = scenario("2016-06-01", [ev("2015-11-16", "asylum_application")])
    with pytest.raises(ValueError, match="benefit_regime"):
        evaluate(parse_scenario(data), FORMS, questions=frozenset({"benefit_regime"}))


@settings(max_examples=100, deadline=None)
@given(data=histories(), shift=st.integers(-4000, 2000))
def test_a_scenario_on_another_day_is_the_scenario_parsed_with_that_day(data, shift):
    """`Scenario.on(day)` (the matching parses a person's history once for all start days)
    gives what parsing the same data with that as-of day gives, or the same refusal."""
    try:
        parsed = parse_scenario(data)
    except ScenarioError:
        assume(False)
    day = parsed.as_of + timedelta(days=shift)
    try:
        expected = parse_scenario({**data, "as_of": day.isoformat()})
    except ScenarioError as exc:
        with pytest.raises(ScenarioError, match=re.escape(str(exc))):
            parsed.on(day)
    else:
        assert parsed.on(day) == expected
