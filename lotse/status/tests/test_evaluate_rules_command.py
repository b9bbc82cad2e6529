"""`manage.py evaluate_rules` on files in tmp_path and on stdin; the Kreis from the database."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from lotse.status.tests.helpers import AMAL, ev, scenario

KEYS = [
    "benefit_regime",
    "benefit_office",
    "labour_market_access",
    "integration_course",
    "gute_bleibeperspektive",
    "switch",
    "duldung_paths",
    "school_vkl",
    "school_vabo",
    "open",
    "reasons",
]


def evaluate_file(tmp_path, data) -> dict:
    path = tmp_path / "scenario.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("evaluate_rules", str(path), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_amal_in_tuebingen_and_ludwigsburg(tmp_path):
    tuebingen = evaluate_file(tmp_path, scenario("2016-06-01", AMAL))
    assert list(tuebingen) == KEYS
    assert tuebingen["benefit_office"] == "jobcenter_ge"
    assert tuebingen["switch"] == {"last_asylblg_month": "2016-05", "first_sgb2_month": "2016-06"}
    reason = tuebingen["reasons"][0]
    assert {"rule", "paragraph", "facts"} <= set(reason)
    ludwigsburg = evaluate_file(tmp_path, scenario("2016-06-01", AMAL, kreis="08118"))
    assert ludwigsburg["benefit_office"] == "jobcenter_zkt"


@pytest.mark.django_db
def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(scenario("2016-02-01", AMAL[:2]))))
    out = io.StringIO()
    call_command("evaluate_rules", "-", stdout=out)
    assert json.loads(out.getvalue())["benefit_regime"] == "asylblg_grundleistungen"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param("{not json", "not valid JSON", id="bad JSON"),
        pytest.param(
            scenario("2016-02-01", AMAL, kreis="09162"), "unknown Kreis 09162", id="unknown Kreis"
        ),
        pytest.param(
            scenario(
                "2016-02-01", [*AMAL[:2], ev("2016-04-01", "wohnsitzregelung", kreis="08118")]
            ),
            "impossible",
            id="Wohnsitzregelung before § 12a",
        ),
        pytest.param(
            scenario("2016-10-01", [*AMAL, ev("2016-09-01", "wohnsitzregelung", kreis="08999")]),
            "unknown Kreis 08999",
            id="unknown Kreis of a Wohnsitzregelung",
        ),
        pytest.param(
            scenario("2016-02-01", [ev("2016-01-01", "visa")]),
            "unknown event type",
            id="unknown event type",
        ),
        pytest.param(scenario("2016-02-31", AMAL), "not a real date", id="impossible date"),
        pytest.param(
            scenario("2016-02-01", AMAL, nationality="ZZZ"),
            "unknown country code",
            id="unknown nationality",
        ),
        pytest.param([1, 2], "expected a JSON object", id="not an object"),
    ],
)
def test_errors_name_the_problem(tmp_path, data, message):
    with pytest.raises(CommandError, match=message):
        evaluate_file(tmp_path, data)


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("evaluate_rules", str(tmp_path / "nope.json"))


@pytest.mark.django_db
def test_error_exits_non_zero_without_traceback(tmp_path, capsys):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario("2016-02-01", [ev("2016-01-01", "visa")])))
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "evaluate_rules", str(path)]).execute()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "unknown event type 'visa'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[" * 100_000 + "]" * 100_000, "nested too deeply", id="beyond recursion"),
        pytest.param(
            '{"as_of": "2016-02-01", "person": ' + "[" * 500 + "]" * 500 + "}",
            "nested deeper than 20 levels",
            id="deep but readable",
        ),
    ],
)
def test_deeply_nested_json_is_refused_with_a_message(tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        evaluate_file(tmp_path, text)


@pytest.mark.django_db
def test_deeply_nested_json_exits_non_zero_without_traceback(tmp_path, capsys):
    from django.core.management import ManagementUtility

    path = tmp_path / "scenario.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "evaluate_rules", str(path)]).execute()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "nested too deeply" in err
    assert "Traceback" not in err
    assert "RecursionError" not in err


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [[], {}, 5, None])
def test_an_event_type_that_is_no_text_is_named(tmp_path, kind):
    data = copy.deepcopy(scenario("2016-02-01", AMAL))  # AMAL's events are shared
    data["events"][0]["type"] = kind
    with pytest.raises(CommandError, match=r"events\[0\]\.type: unknown event type"):
        evaluate_file(tmp_path, data)


@pytest.mark.django_db
def test_a_missing_fact_prints_the_other_answers_and_exits_zero(tmp_path, capsys):
    """Asked about an asylum seeker's benefits in 2019: the integration course needs closeness to
    the labour market, which is not given; everything else is answered."""
    from django.core.management import ManagementUtility

    events = [ev("2019-01-10", "ankunftsnachweis"), ev("2019-01-15", "asylum_application")]
    path = tmp_path / "scenario.json"
    path.write_text(
        json.dumps(scenario("2019-09-01", events, nationality="IRQ", entry_date="2019-01-10"))
    )
    ManagementUtility(["manage.py", "evaluate_rules", str(path)]).execute()  # no SystemExit
    answers = json.loads(capsys.readouterr().out)
    assert list(answers) == KEYS
    assert answers["benefit_regime"] == "asylblg_grundleistungen"
    assert answers["benefit_office"] == "sozialamt"
    assert answers["integration_course"] is None
    course = answers["open"]["integration_course"]
    assert course["missing"] == ["person.labour_market_close"]
    assert course["facts"] == ["Nähe zum Arbeitsmarkt"]
    assert "Integrationskurs" in course["message"]
    assert list(answers["open"]) == ["integration_course"]


@pytest.mark.django_db
def test_a_missing_fact_in_english(tmp_path):
    events = [ev("2019-01-10", "ankunftsnachweis"), ev("2019-01-15", "asylum_application")]
    path = tmp_path / "scenario.json"
    path.write_text(
        json.dumps(scenario("2019-09-01", events, nationality="IRQ", entry_date="2019-01-10"))
    )
    out = io.StringIO()
    call_command("evaluate_rules", str(path), "--language", "en", stdout=out)
    course = json.loads(out.getvalue())["open"]["integration_course"]
    assert course["facts"] == ["closeness to the labour market"]


@pytest.mark.django_db
def test_a_contradiction_with_a_missing_fact_is_still_refused(tmp_path, capsys):
    from django.core.management import ManagementUtility

    events = [
        ev("2019-01-10", "ankunftsnachweis"),
        ev("2019-01-15", "asylum_application"),
        ev("2019-03-01", "decision", outcome="fluechtlingsschutz"),
        ev("2019-04-01", "finality"),
        ev("2019-05-01", "finality"),
    ]
    path = tmp_path / "scenario.json"
    path.write_text(
        json.dumps(scenario("2019-09-01", events, nationality="IRQ", entry_date="2019-01-10"))
    )
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "evaluate_rules", str(path)]).execute()
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert "finality" in captured.err
    assert captured.out == ""
