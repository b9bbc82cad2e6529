"""The checked rules of issue 11: the transitions of §§ 15 and 20 AsylbLG, the "gute
Bleibeperspektive" lists by period, and what a reason says when its rule is unverified."""

from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from lotse.status.rules import default_rules
from lotse.status.rules.ruleset import RuleDataError, _rule_from
from lotse.status.tests.helpers import AMAL, ev, rule_ids, run

G = "asylblg_grundleistungen"
A = "asylblg_analogleistungen"


def arrived(day):
    return {"events": [ev(day, "ankunftsnachweis")], "entry_date": day}


def regime(as_of, entry):
    options = arrived(entry)
    return run(as_of, options.pop("events"), **options)


def benefit_reason(answers):
    return [r for r in answers["reasons"] if r["question"] == "benefit_regime"]


# --- § 20 AsylbLG (Rückführungsverbesserungsgesetz, 27.02.2024) --------------------------------


def test_20_months_on_26_february_2024_keeps_analogleistungen_citing_20():
    answers = regime("2024-03-15", "2022-06-26")  # 20 months on 2024-02-26
    assert answers["benefit_regime"] == A
    reasons = benefit_reason(answers)
    transition = [r for r in reasons if r["rule"] == "asylblg.analog_transition_2024"]
    assert transition
    assert transition[0]["paragraph"] == "§ 20 AsylbLG"
    assert "asylblg.grundleistungen" not in rule_ids(answers, "benefit_regime")


def test_20_is_said_in_german():
    with translation.override("de"):
        answers = regime("2024-03-15", "2022-06-26")
    transition = [r for r in answers["reasons"] if r["rule"] == "asylblg.analog_transition_2024"]
    assert transition[0]["summary"].startswith("Wer bis zum 26.02.2024 18 Monate Aufenthalt")
    assert "18 Monate erreicht am 26.12.2023" in transition[0]["facts"]


def test_10_months_on_26_february_2024_waits_36_months():
    entry = "2023-04-26"  # 10 months on 2024-02-26
    assert regime("2024-03-15", entry)["benefit_regime"] == G
    assert regime("2024-10-26", entry)["benefit_regime"] == G  # 18 months: no longer enough
    assert regime("2026-04-25", entry)["benefit_regime"] == G
    complete = regime("2026-04-26", entry)
    assert complete["benefit_regime"] == A
    assert "asylblg.analog_waiting_period" in rule_ids(complete, "benefit_regime")


def test_18_months_reached_on_26_february_2024_exactly_is_kept():
    assert regime("2024-02-27", "2022-08-26")["benefit_regime"] == A
    assert regime("2024-02-27", "2022-08-27")["benefit_regime"] == G


# --- § 15 AsylbLG (Zweites Gesetz zur besseren Durchsetzung der Ausreisepflicht, 21.08.2019) ----


def test_15_months_before_21_august_2019_keeps_analogleistungen_citing_15():
    answers = regime("2019-09-01", "2018-05-01")  # 15 months on 2019-08-01
    assert answers["benefit_regime"] == A
    reason = [r for r in benefit_reason(answers) if r["rule"] == "asylblg.analog_transition"]
    assert reason
    assert reason[0]["paragraph"] == "§ 15 AsylbLG"


def test_15_months_on_21_august_2019_is_too_late():
    assert regime("2019-08-21", "2018-05-21")["benefit_regime"] == G
    assert regime("2019-11-21", "2018-05-21")["benefit_regime"] == A  # 18 months


def test_the_transitions_are_rule_data():
    rules = default_rules()
    assert rules.in_force("asylblg.analog_transition_2024", date(2024, 2, 27)).params[
        "reached_by"
    ] == date(2024, 2, 26)
    assert rules.find("asylblg.analog_transition_2024", date(2024, 2, 26)) is None
    # § 15 is still in the statute: its version is open-ended.
    assert rules.in_force("asylblg.analog_transition", date(2026, 1, 1)).paragraph == "§ 15 AsylbLG"


# --- gute Bleibeperspektive by period --------------------------------------------------------

PERSPECTIVE = [
    ("SOM", "2021-02-28", False),
    ("SOM", "2021-03-01", True),  # BAMF circular of 22.02.2021
    ("IRQ", "2021-03-01", False),
    ("AFG", "2022-01-16", False),
    ("AFG", "2022-01-17", True),  # Trägerrundschreiben 01/22
    ("SOM", "2022-06-01", True),
    ("SYR", "2020-06-01", True),
    ("SOM", "2019-08-01", False),
]


@pytest.mark.parametrize(("country", "as_of", "expected"), PERSPECTIVE)
def test_perspective_by_period(country, as_of, expected):
    answers = run(
        as_of,
        [ev("2019-03-01", "ankunftsnachweis")],
        nationality=country,
        entry_date="2019-03-01",
        labour_market_close=False,
    )
    assert answers["gute_bleibeperspektive"] is expected


def test_every_perspective_version_names_its_source():
    for rule in default_rules().versions("perspective.countries"):
        assert "http" in rule.source, rule.version


def test_an_unverified_period_says_so_in_its_reason():
    events = [ev("2023-03-01", "ankunftsnachweis")]
    with translation.override("de"):
        answers = run("2024-06-01", events, nationality="AFG", entry_date="2023-03-01")
    reason = [r for r in answers["reasons"] if r["question"] == "gute_bleibeperspektive"][0]
    assert reason["verified"] is False
    assert "nicht anhand des Gesetzes oder einer amtlichen Quelle überprüft" in reason["note"]
    events = [ev("2022-03-01", "ankunftsnachweis")]
    earlier = run("2022-06-01", events, nationality="AFG", entry_date="2022-03-01")
    checked = [r for r in earlier["reasons"] if r["question"] == "gute_bleibeperspektive"][0]
    assert checked["verified"] is True
    assert "could not be checked" not in checked["note"]


def test_verified_must_be_a_boolean():
    entry = {
        "id": "x",
        "paragraph": "§ 1",
        "valid_from": date(2020, 1, 1),
        "status": "in_force",
        "summary": "s",
        "verified": "no",
    }
    with pytest.raises(RuleDataError):
        _rule_from(entry, Path("x.toml"))
    entry["verified"] = False
    assert _rule_from(entry, Path("x.toml")).verified is False
    del entry["verified"]
    assert _rule_from(entry, Path("x.toml")).verified is True


# --- the checked rules ------------------------------------------------------------------------


def test_no_rule_file_keeps_a_review_mark():
    from lotse.status.rules.ruleset import DATA_DIR

    for path in DATA_DIR.glob("*.toml"):
        assert "⚠" not in path.read_text(), path.name


def test_an_unverified_labour_rule_says_so():
    # work from the decision, before the residence permit: a reading, not checked
    answers = run("2016-04-30", AMAL[:3])
    labour = [r for r in answers["reasons"] if r["rule"] == "labour.protection_decision"]
    assert labour
    assert labour[0]["verified"] is False
    assert "could not be checked against the law" in labour[0]["note"]


# --- safe countries of origin: Georgia and Moldova (23.12.2023, § 87d AsylG) -------------------

SAFE = [
    ("GEO", "2023-06-01", "2024-03-01", "permit_with_ba_consent"),  # applied by 2023-08-30
    ("MDA", "2023-08-30", "2024-03-01", "permit_with_ba_consent"),
    ("GEO", "2023-08-31", "2024-03-01", "none"),
    ("MDA", "2023-09-15", "2024-03-01", "none"),
    ("GEO", "2023-08-31", "2023-12-22", "permit_with_ba_consent"),  # not yet a safe country
    ("ALB", "2023-06-01", "2024-03-01", "none"),  # the 2015 day still holds for the others
]


@pytest.mark.parametrize(("country", "applied", "as_of", "expected"), SAFE)
def test_georgia_and_moldova_are_banned_only_for_applications_after_30_august_2023(
    country, applied, as_of, expected
):
    events = [ev(applied, "asylum_application")]
    answers = run(as_of, events, nationality=country, entry_date=applied)
    assert answers["labour_market_access"] == expected


def test_the_georgian_cut_off_is_said_in_german():
    events = [ev("2023-09-15", "asylum_application")]
    with translation.override("de"):
        answers = run("2024-03-01", events, nationality="GEO", entry_date="2023-09-15")
    ban = [r for r in answers["reasons"] if r["rule"] == "labour.safe_country_ban"][0]
    assert "Georgiens und Moldaus: nach dem 30.08.2023" in ban["summary"]
    assert "§ 87d AsylG" in ban["paragraph"]


# --- § 7a SGB II: the Altersgrenze is reached with the end of the month ------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2024-05-09", "sgb2"),
        ("2024-05-10", "sgb2"),
        ("2024-05-31", "sgb2"),
        ("2024-06-01", "sgb12"),
    ],
)
def test_sgb2_runs_to_the_end_of_the_month_of_the_altersgrenze(as_of, expected):
    # born 1958: 66 years; completed on 2024-05-09, so SGB II to the end of May 2024
    assert run(as_of, AMAL, birth_date="1958-05-10")["benefit_regime"] == expected


def test_the_altersgrenze_is_said_as_the_last_day_of_the_month():
    with translation.override("de"):
        answers = run("2024-06-01", AMAL, birth_date="1958-05-10")
    reason = [r for r in answers["reasons"] if r["rule"] == "sgb2.regelaltersgrenze"][0]
    assert "Regelaltersgrenze erreicht am 31.05.2024" in " ".join(reason["facts"])


# --- Integrationskurs for Geduldete since 24.10.2015 ------------------------------------------

TOLERATED = [
    ev("2015-01-10", "asylum_application"),
    ev("2015-06-01", "decision", outcome="rejected_unfounded"),
    ev("2015-07-01", "finality"),
    ev("2015-07-05", "duldung", variant="60a_2_3", valid_until="2016-07-04"),
]


@pytest.mark.parametrize(
    ("as_of", "expected"), [("2015-10-23", "not_admissible"), ("2015-10-24", "admissible")]
)
def test_geduldete_for_urgent_personal_reasons_are_admissible_from_24_october_2015(as_of, expected):
    answers = run(as_of, TOLERATED, nationality="AFG", entry_date="2015-01-05")
    assert answers["integration_course"] == expected


# --- § 61 Abs. 1 S. 2 AsylG: work in the reception centre -----------------------------------

CENTRE = {"in_reception_centre": True, "entry_date": "2019-09-01", "nationality": "AFG"}


def centre(as_of, *events):
    return run(as_of, [ev("2019-09-01", "ankunftsnachweis"), *events], **CENTRE)


def test_reception_centre_months_count_from_the_application():
    application = ev("2019-10-15", "asylum_application")
    assert centre("2020-07-14", application)["labour_market_access"] == "none"
    assert centre("2020-07-15", application)["labour_market_access"] == "permit_with_ba_consent"


def test_reception_centre_without_an_application_the_months_do_not_run():
    with translation.override("de"):
        answers = centre("2020-09-01")
    assert answers["labour_market_access"] == "none"
    reason = [r for r in answers["reasons"] if r["rule"] == "labour.reception_centre"][0]
    assert "noch kein Asylantrag gestellt" in " ".join(reason["facts"])


def test_reception_centre_no_permit_after_rejection_as_manifestly_unfounded():
    events = [
        ev("2019-10-15", "asylum_application"),
        ev("2020-05-01", "decision", outcome="rejected_manifestly_unfounded"),
        ev("2020-05-10", "appeal"),
    ]
    assert centre("2020-08-01", *events)["labour_market_access"] == "none"
    suspended = [*events[:2], ev("2020-05-10", "appeal", suspensive=True)]
    assert centre("2020-08-01", *suspended)["labour_market_access"] == "permit_with_ba_consent"


def test_reception_centre_2024_says_it_must_be_permitted():
    events = [ev("2023-08-20", "ankunftsnachweis"), ev("2023-08-25", "asylum_application")]
    with translation.override("de"):
        answers = run("2024-03-01", events, in_reception_centre=True, entry_date="2023-08-20")
    reason = [r for r in answers["reasons"] if r["rule"] == "labour.reception_centre"][0]
    assert "zu erlauben" in reason["summary"]
    assert "Asylantrag am 25.08.2023" in " ".join(reason["facts"])
