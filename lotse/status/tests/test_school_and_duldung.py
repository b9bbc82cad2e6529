"""School (VKL, VABO) and the ways out of the Duldung (§§ 60c, 60d AufenthG): scenarios."""

import pytest
from django.utils import translation

from lotse.status.reasons import ANSWER_LABELS
from lotse.status.tests.helpers import ev, rule_ids, run

REJECTED = [
    ev("2021-05-01", "asylum_application"),
    ev("2022-06-01", "decision", outcome="rejected_unfounded"),
    ev("2022-07-01", "finality"),
]
AFGHAN = {"nationality": "AFG", "entry_date": "2021-04-20"}


def duldung(*extra, **fields):
    return [*REJECTED, ev("2022-08-01", "duldung", **fields), *extra]


def reasons_of(answers, question):
    return [r for r in answers["reasons"] if r["question"] == question]


# --- § 60c / § 60d ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        (duldung(), "none_yet"),
        (duldung(ev("2024-09-01", "employment_start", hours_per_week=25)), "may_60d"),
        (duldung(ev("2025-09-01", "employment_start", hours_per_week=25)), "none_yet"),
        (duldung(ev("2024-09-01", "employment_start", hours_per_week=15)), "none_yet"),
        (duldung(ev("2025-09-01", "employment_start", vocational_training=True)), "may_60c"),
        (duldung(variant="60c"), "holds_60c"),
        (duldung(variant="60d"), "holds_60d"),
    ],
    ids=["plain", "employed 18 months", "employed 6 months", "15 hours", "training", "60c", "60d"],
)
def test_duldung_paths(events, expected):
    answers = run("2026-03-01", events, **AFGHAN)
    assert answers["duldung_paths"] == expected


@pytest.mark.parametrize(
    "events",
    [
        duldung(ev("2024-09-01", "employment_start", hours_per_week=40), identity_obstruction=True),
        duldung(ev("2025-09-01", "employment_start", vocational_training=True), variant="60b"),
    ],
    ids=["identity obstruction", "60b"],
)
def test_a_work_ban_means_no_access_and_no_path(events):
    answers = run("2026-03-01", events, **AFGHAN)
    assert answers["labour_market_access"] == "none"
    assert answers["duldung_paths"] == "no_access"
    assert rule_ids(answers, "duldung_paths") == ["duldung_paths.work_ban"]


def test_the_engine_never_says_granted():
    answers = run(
        "2026-03-01", duldung(ev("2024-09-01", "employment_start", hours_per_week=25)), **AFGHAN
    )
    with translation.override("de"):
        label = str(ANSWER_LABELS[answers["duldung_paths"]])
    assert label == "Beschäftigungsduldung (§ 60d) kann in Frage kommen – Voraussetzungen prüfen"
    assert "erteilt" not in label
    reason = [r for r in reasons_of(answers, "duldung_paths") if "60d" in r["paragraph"]][0]
    assert reason["paragraph"] == "§ 60d Abs. 1 AufenthG (Rückführungsverbesserungsgesetz)"
    assert "Voraussetzungen prüfen" in reason["note"] or "check the conditions" in reason["note"]
    assert any("A2" in f for f in reason["facts"])  # the facts the record cannot show


def test_60d_names_the_missing_months_and_the_cut_off():
    short = run(
        "2026-03-01", duldung(ev("2025-09-01", "employment_start", hours_per_week=25)), **AFGHAN
    )
    reason = [r for r in reasons_of(short, "duldung_paths") if "60d" in r["paragraph"]][0]
    assert [d["code"] for d in reason["data"]][-2:] == ["employment_short", "check_60d"]
    assert reason["data"][-2]["day"] == "2026-09-01"
    late = run(
        "2026-03-01",
        [
            ev("2023-02-01", "asylum_application"),
            ev("2023-09-01", "decision", outcome="rejected_unfounded"),
            ev("2023-10-01", "finality"),
            ev("2023-11-01", "duldung"),
            ev("2024-01-02", "employment_start", hours_per_week=40),
        ],
        nationality="AFG",
        entry_date="2023-01-15",
    )
    assert late["duldung_paths"] == "none_yet"
    reason = [r for r in reasons_of(late, "duldung_paths") if "60d" in r["paragraph"]][0]
    assert "entered_after" in [d["code"] for d in reason["data"]]


def test_60d_in_2022_needs_18_months_of_35_hours():
    answers = run(
        "2022-12-01",
        [
            *REJECTED[:1],
            ev("2021-06-01", "duldung"),
            ev("2021-06-01", "employment_start", hours_per_week=30),
        ],
        nationality="AFG",
        entry_date="2018-05-01",
    )
    assert answers["duldung_paths"] == "none_yet"
    reason = [r for r in reasons_of(answers, "duldung_paths") if "60d" in r["paragraph"]][0]
    assert reason["params"]["hours_per_week"] == 35
    assert "hours_short" in [d["code"] for d in reason["data"]]


def test_without_a_duldung_the_question_does_not_arise():
    answers = run("2026-03-01", [ev("2025-05-01", "asylum_application")], entry_date="2025-04-01")
    assert answers["duldung_paths"] == "no_duldung"
    assert reasons_of(answers, "duldung_paths") == []


# --- school --------------------------------------------------------------------------------------

ASYLUM = [ev("2025-05-01", "asylum_application")]


@pytest.mark.parametrize(
    ("birth_date", "vkl", "vabo"),
    [
        ("2018-03-01", "obliged", "not_admissible"),  # 8
        ("2010-06-01", "not_admissible", "obliged"),  # 15
        ("2007-09-01", "not_admissible", "obliged"),  # 18 after 1 August: to July 2026
        ("2007-01-15", "not_admissible", "admissible"),  # 19: voluntarily
        ("2004-01-15", "not_admissible", "not_admissible"),  # 22
        ("2021-01-01", "not_admissible", "not_admissible"),  # 5
    ],
)
def test_school_by_age(birth_date, vkl, vabo):
    answers = run(
        "2026-03-01", ASYLUM, nationality="ERI", entry_date="2025-04-20", birth_date=birth_date
    )
    assert (answers["school_vkl"], answers["school_vabo"]) == (vkl, vabo)
    assert reasons_of(answers, "school_vabo")[0]["paragraph"].endswith("SchG BW")


def test_berufsschulpflicht_ends_with_the_school_year_of_the_18th_birthday():
    answers = run(
        "2026-03-01", ASYLUM, nationality="ERI", entry_date="2025-04-20", birth_date="2009-10-01"
    )
    reason = reasons_of(answers, "school_vabo")[0]
    assert reason["rule"] == "school.berufsschulpflicht"
    assert [d for d in reason["data"] if d["code"] == "duty_ends"][0]["day"] == "2028-07-31"


def test_in_the_first_six_months_school_is_possible_not_a_duty():
    answers = run(
        "2025-08-01", ASYLUM, nationality="ERI", entry_date="2025-04-20", birth_date="2009-10-01"
    )
    assert answers["school_vabo"] == "admissible"
    assert "school.duty_after_arrival" in rule_ids(answers, "school_vabo")


def test_in_training_the_vabo_is_not_for_him():
    answers = run(
        "2026-03-01",
        [*ASYLUM, ev("2025-09-01", "employment_start", vocational_training=True)],
        nationality="ERI",
        entry_date="2025-04-20",
        birth_date="2009-10-01",
    )
    assert answers["school_vabo"] == "not_admissible"
    assert rule_ids(answers, "school_vabo") == ["school.in_training"]


def test_a_year_only_birth_date_names_the_uncertainty():
    # born 2007: on 1 March 2026 the recorded 1 January says "voluntarily", a birthday after
    # 1 August would still be "obliged"
    answers = run(
        "2026-03-01",
        ASYLUM,
        nationality="ERI",
        entry_date="2025-04-20",
        birth_date="2007-01-01",
        birth_precision="year",
    )
    assert answers["school_vabo"] == "admissible"
    reason = reasons_of(answers, "school_vabo")[0]
    codes = [d["code"] for d in reason["data"]]
    assert "birth_year_only" in codes
    with translation.override("de"):
        from lotse.status.reasons import say

        said = say(reason)
    assert any("nur das Geburtsjahr" in f and "verpflichtet" in f for f in said["facts"]), said
    assert "Geburtsdatum klären" in said["note"]


def test_an_exact_birth_date_names_no_uncertainty():
    answers = run(
        "2026-03-01", ASYLUM, nationality="ERI", entry_date="2025-04-20", birth_date="2007-01-01"
    )
    reason = reasons_of(answers, "school_vabo")[0]
    assert "birth_year_only" not in [d["code"] for d in reason["data"]]
