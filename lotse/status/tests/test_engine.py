"""Errors instead of guesses, the rule data, pending laws, and properties under hypothesis."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.status.rules import ScenarioError, default_rules, evaluate, parse_scenario
from lotse.status.rules.dates import add_months, month_of
from lotse.status.rules.errors import MissingFact
from lotse.status.rules.scenario import TITLES
from lotse.status.tests.helpers import AMAL, ev, member, run, scenario

# --- a scenario the engine cannot judge is refused, with the fact named ----------------------

ERRORS = [
    ("unknown event type", [ev("2016-01-01", "asylum_request")], {}, "unknown event type"),
    (
        "unknown outcome",
        [ev("2015-11-16", "asylum_application"), ev("2016-04-01", "decision", outcome="granted")],
        {},
        "'granted'",
    ),
    ("impossible date", [ev("2016-02-30", "asylum_application")], {}, "not a real date"),
    ("event before entry", [ev("2015-01-01", "asylum_application")], {}, "before the entry"),
    (
        "decision without application",
        [ev("2016-04-01", "decision", outcome="fluechtlingsschutz")],
        {},
        "without asylum",
    ),
    ("finality twice", [*AMAL, ev("2016-05-20", "finality")], {}, "finality"),
    ("Ankunftsnachweis before the DAVG", [ev("2016-01-10", "ankunftsnachweis")], {}, "2016-02-05"),
    ("§ 60c before 2020", [ev("2015-11-16", "duldung", variant="60c")], {}, "2020-01-01"),
    (
        "§ 12a before the Integrationsgesetz",
        [*AMAL[:2], ev("2016-05-01", "wohnsitzregelung")],
        {},
        "2016-08-06",
    ),
    (
        "expired Duldung",
        [ev("2015-11-16", "duldung", valid_until="2016-01-31")],
        {},
        "expired on 2016-01-31",
    ),
    ("no status event", [], {}, "no status event"),
    (
        "before the engine's coverage",
        [ev("2014-12-01", "asylum_application")],
        {"entry_date": "2014-12-01", "as_of": "2014-12-20"},
        "no version of rule",
    ),
    ("unknown field", [ev("2015-11-16", "asylum_application", outcom="x")], {}, "outcom"),
    (
        "valid_until before issue",
        [ev("2016-01-01", "duldung", valid_until="2015-12-01")],
        {},
        "valid_until",
    ),
]


@pytest.mark.parametrize(
    ("events", "options", "message"), [pytest.param(*row[1:], id=row[0]) for row in ERRORS]
)
def test_cannot_judge(events, options, message):
    as_of = options.pop("as_of", "2016-06-15")
    with pytest.raises(ScenarioError) as raised:
        run(as_of, events, **options)
    if message:
        assert message in str(raised.value)


# --- a missing fact leaves open only the answers that depend on it --------------------------

BENEFITS = ("benefit_regime", "benefit_office", "switch")
OPEN = [
    (
        "§ 23 Abs. 1 without the war fact",
        [ev("2016-01-01", "residence_title", title="23_1")],
        {},
        BENEFITS,
        "residence_title.because_of_war",
    ),
    (
        "§ 25 Abs. 5 without suspension date",
        [ev("2016-01-01", "residence_title", title="25_5")],
        {},
        BENEFITS,
        "residence_title.deportation_suspended_since",
    ),
    (
        "child under 15 in SGB II without household",
        AMAL,
        {"birth_date": "2008-01-01"},
        BENEFITS,
        "household",
    ),
    (
        "minor: § 2 Abs. 3 needs the household",
        AMAL[:2],
        {"birth_date": "2008-01-01"},
        BENEFITS,
        "household",
    ),
    (
        "Dublin after 2024-10-31 needs transfer_possible",
        [
            ev("2024-11-01", "ankunftsnachweis"),
            ev("2024-11-02", "asylum_application"),
            ev("2024-12-01", "decision", outcome="inadmissible"),
        ],
        {"entry_date": "2024-11-01", "as_of": "2025-01-10"},
        BENEFITS,
        "decision.transfer_possible",
    ),
    (
        "2019–2022: labour_market_close needed",
        [ev("2019-01-15", "asylum_application")],
        {"nationality": "IRQ", "entry_date": "2019-01-10", "as_of": "2019-09-01"},
        ("integration_course",),
        "person.labour_market_close",
    ),
]


@pytest.mark.parametrize(
    ("events", "options", "left_open", "missing"),
    [pytest.param(*row[1:], id=row[0]) for row in OPEN],
)
def test_missing_fact_leaves_open_only_what_depends_on_it(events, options, left_open, missing):
    as_of = options.pop("as_of", "2016-06-15")
    answers = run(as_of, events, **options)
    assert set(answers["open"]) == set(left_open)
    for question in left_open:
        assert answers[question] is None
        assert answers["open"][question]["missing"] == [missing]
        assert answers["open"][question]["message"]
        assert not [r for r in answers["reasons"] if r["question"] == question]
    given = {"labour_market_access", "gute_bleibeperspektive"} - set(left_open)
    for question in given:
        assert answers[question] is not None
        assert [r for r in answers["reasons"] if r["question"] == question]


def test_a_member_whose_regime_is_open_leaves_open_only_what_reads_it():
    # The child's own Bürgergeld question needs the household; the parent's answers do not
    # read the child's regime, so they are all given.
    child = member("child", AMAL, birth_date="2008-01-01")
    answers = run("2016-06-01", AMAL, household=[child])
    assert answers["open"] == {}
    assert answers["benefit_regime"] == "sgb2"
    # A child under 15 whose parent's regime is open: the child's benefit answers are open too,
    # naming the parent's missing fact.
    parent = member("parent", [ev("2016-01-01", "residence_title", title="23_1")])
    answers = run("2016-06-01", AMAL, birth_date="2008-01-01", household=[parent])
    assert answers["benefit_regime"] is None
    assert answers["open"]["benefit_regime"]["missing"] == [
        "household[0].residence_title.because_of_war"
    ]
    assert answers["labour_market_access"] is not None


def test_unknown_jobcenter_leaves_open_only_the_office():
    answers = evaluate(parse_scenario(scenario("2016-06-01", AMAL)), {})
    assert answers["benefit_regime"] == "sgb2"
    assert answers["switch"] == {"last_asylblg_month": "2016-05", "first_sgb2_month": "2016-06"}
    assert answers["benefit_office"] is None
    assert answers["open"]["benefit_office"]["missing"] == ["jobcenter_forms.08416"]


def test_a_contradiction_still_refuses_the_whole_scenario():
    # Finality twice, and the labour-market fact missing as well: still refused as a whole.
    events = [*AMAL, ev("2016-05-20", "finality")]
    with pytest.raises(ScenarioError) as raised:
        run("2016-06-15", events, entry_date="2015-10-12")
    assert not isinstance(raised.value, MissingFact)


def test_minor_without_household_is_open_but_empty_household_is_an_answer():
    events = [ev("2015-10-12", "buema"), ev("2015-11-16", "asylum_application")]
    answers = run("2017-06-01", events, birth_date="2008-01-01")
    assert answers["open"]["benefit_regime"]["missing"] == ["household"]
    answers = run("2017-06-01", events, birth_date="2008-01-01", household=[])
    assert answers["benefit_regime"] == "asylblg_analogleistungen"


def test_bad_top_level_values_are_named():
    with pytest.raises(ScenarioError, match="kreis"):
        parse_scenario(scenario("2016-01-01", [], kreis="8416"))
    with pytest.raises(ScenarioError, match="as_of"):
        parse_scenario(scenario("2014-01-01", []))
    with pytest.raises(ScenarioError, match="nationality"):
        parse_scenario(scenario("2016-01-01", [], nationality="Syria"))
    with pytest.raises(ScenarioError, match="in_reception_centre"):
        parse_scenario(scenario("2016-01-01", [], in_reception_centre="no"))


# --- the rule data ---------------------------------------------------------------------------


def test_every_rule_has_paragraph_status_and_summary():
    rules = default_rules()
    for rule_id in rules.ids():
        for rule in rules.versions(rule_id):
            assert rule.paragraph
            assert rule.summary
            assert rule.status in ("in_force", "pending")


def test_every_title_is_classified_by_every_labour_version():
    for rule in default_rules().versions("labour.titles"):
        listed = set(rule.params["free"]) | set(rule.params["permit_without_consent"])
        assert set(TITLES) - {"104c"} <= listed, rule.version


def test_planned_laws_are_pending():
    rules = default_rules()
    for rule_id in ("asylblg.reverse_switch_24", "sgb2.neue_grundsicherung", "procedure.geas"):
        assert {r.status for r in rules.versions(rule_id)} == {"pending"}


def test_waiting_periods_change_on_the_brief_dates():
    rules = default_rules()
    months = {
        r.valid_from: r.params["months"] for r in rules.versions("asylblg.analog_waiting_period")
    }
    assert months[date(2019, 8, 21)] == 18
    assert months[date(2024, 2, 27)] == 36
    assert rules.in_force("asylblg.analog_waiting_period", date(2019, 8, 20)).params["months"] == 15


def test_pending_law_is_named_but_changes_no_answer():
    events = [ev("2025-05-01", "residence_title", title="24")]
    answers = run("2026-08-01", events, nationality="UKR", entry_date="2025-04-20")
    pending = [r for r in answers["reasons"] if r["status"] == "pending"]
    assert {r["rule"] for r in pending} >= {"asylblg.reverse_switch_24", "sgb2.neue_grundsicherung"}
    assert answers["benefit_regime"] == "sgb2"


def test_reverse_switch_machinery_once_the_law_is_in_force():
    rules = default_rules().with_status("asylblg.reverse_switch_24", date(2026, 7, 1), "in_force")
    events = [ev("2025-05-01", "residence_title", title="24")]
    options = {"nationality": "UKR", "entry_date": "2025-04-20", "rules": rules}
    during = run("2026-08-01", events, **options)
    assert during["benefit_regime"] == "sgb2"  # the running award, at most three months
    assert during["switch"] == {"last_sgb2_month": "2026-09", "first_asylblg_month": "2026-10"}
    after = run("2026-10-01", events, **options)
    assert after["benefit_regime"] == "asylblg_grundleistungen"
    earlier_title = [ev("2024-05-01", "residence_title", title="24")]
    options["entry_date"] = "2024-04-20"
    assert run("2026-10-01", earlier_title, **options)["benefit_regime"] == "sgb2"


def test_reasons_say_where_commentaries_disagree():
    answers = run("2016-06-01", AMAL)
    switch = [r for r in answers["reasons"] if r["question"] == "switch"]
    assert switch[0]["rule"] == "asylblg.end_condition_lapsed"
    assert "Legal opinions differ here" in switch[0]["note"]
    assert "Decision final (unanfechtbar) on 3 May 2016" in switch[0]["facts"]
    finality = {"code": "event", "type": "finality", "day": "2016-05-03", "fields": {}}
    assert finality in switch[0]["data"]


# --- properties ------------------------------------------------------------------------------

decision_days = st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 6, 30))
OUTCOMES = st.sampled_from(
    ["asylberechtigung", "fluechtlingsschutz", "subsidiaerer_schutz", "abschiebungsverbot"]
)


def _next_month(month: str) -> str:
    return month_of(add_months(date.fromisoformat(month + "-01"), 1))


@settings(max_examples=150, deadline=None)
@given(decided=decision_days, outcome=OUTCOMES, finality_after=st.integers(0, 120))
def test_switch_months_are_consecutive_and_follow_the_statute(decided, outcome, finality_after):
    final = decided + timedelta(days=finality_after)
    events = [
        ev("2015-12-01", "asylum_application"),
        ev(decided.isoformat(), "decision", outcome=outcome),
        ev(final.isoformat(), "finality"),
    ]
    as_of = add_months(final, 2)
    switch = run(as_of.isoformat(), events, entry_date="2015-11-20")["switch"]
    assert switch["first_sgb2_month"] == _next_month(switch["last_asylblg_month"])
    lapse = decided if outcome == "asylberechtigung" else final
    assert switch["last_asylblg_month"] == month_of(lapse)


@settings(max_examples=100, deadline=None)
@given(
    entry=st.dates(min_value=date(2015, 3, 1), max_value=date(2025, 1, 1)),
    offset=st.integers(-3, 3),
)
def test_analogleistungen_start_on_the_day_the_waiting_period_is_complete(entry, offset):
    rules = default_rules()
    events = [ev(entry.isoformat(), "asylum_application")]
    day = add_months(entry, 15) + timedelta(days=offset)
    months = rules.in_force("asylblg.analog_waiting_period", day).params["months"]
    regime = run(day.isoformat(), events, entry_date=entry.isoformat(), birth_date="1980-01-01")[
        "benefit_regime"
    ]
    if day >= add_months(entry, months):
        assert regime == "asylblg_analogleistungen"
    elif months == 36 or day < date(2019, 8, 21):
        assert regime == "asylblg_grundleistungen"


def test_an_open_regime_carries_no_pending_law_either():
    # A Dublin decision in 2025 without transfer_possible: the asylum procedure is open (GEAS
    # pending note), but the benefit answers are open, so they carry no reasons at all.
    events = [
        ev("2024-11-01", "ankunftsnachweis"),
        ev("2024-11-02", "asylum_application"),
        ev("2024-12-01", "decision", outcome="inadmissible"),
    ]
    answers = run("2026-07-10", events, entry_date="2024-11-01")
    assert answers["benefit_regime"] is None
    assert not [r for r in answers["reasons"] if r["question"] in BENEFITS]
    assert answers["labour_market_access"] is not None
