"""What caseworkers read in the status area is German, in words, and free of development notes.

The reasons of the rules engine, the Rechtskreiswechsel answer and checklist, the assumptions and
the timeline are rendered for the scenarios of test_scenarios.py: on the person page, the timeline
and the switch page (recorded through the services, read in German), and in the output of
`manage.py evaluate_rules`. No text may cite an issue, the domain brief, a docs/ file, a TODO or a
⚠ marker, show a code where a word belongs, or stay an English source string in German.
"""

import io
import json
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from lotse.cases.services import case_open
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register
from lotse.status import reasons
from lotse.status.checklist import TEXTS, TITLES
from lotse.status.models import BenefitSwitch
from lotse.status.rules import default_rules
from lotse.status.services import status_event_record
from lotse.status.tests.helpers import scenario
from lotse.status.tests.test_scenarios import HOUSEHOLD_ROWS, ROWS

# Development references: issue numbers, the domain brief and its source marks, docs files.
DEV = re.compile(r"issue \d|\bbrief\b|docs/|\.md\b|TODO|⚠|\[S\d+[a-z]?\]", re.IGNORECASE)
# Codes where words belong: engine event types and values, ISO months and days, country codes.
CODES = re.compile(
    r"\b(asylum_application|residence_title|fiktionsbescheinigung|wohnsitzregelung|"
    r"in_reception_centre|first_sgb2_month|last_asylblg_month|asylblg_grundleistungen|"
    r"fluechtlingsschutz|asylblg\.\w+|labour\.\w+|course\.\w+|sgb2\.\w+)\b"
    r"|\b\d{4}-\d{2}(-\d{2})?\b|\bSYR\b"
)


def english_sources() -> list[str]:
    """Every reason, fact and note text as its English msgid: its longest piece between
    placeholders, if long enough to be a sentence of its own."""
    texts = [*reasons.RULE_TEXTS.values(), *reasons.NOTES.values(), *reasons.FACT_TEXTS.values()]
    with translation.override("en"):
        pieces = [max(re.split(r"%\(\w+\)s", str(t)), key=len) for t in texts]
    return sorted({p.strip() for p in pieces if len(p.strip()) > 25})


def check_text(text: str, where: str) -> None:
    assert not DEV.search(text), f"{where}: development reference {DEV.search(text)[0]!r}"
    assert not CODES.search(text), f"{where}: code instead of words {CODES.search(text)[0]!r}"
    for source in ENGLISH:
        assert source not in text, f"{where}: untranslated English {source!r}"


ENGLISH = english_sources()


# --- the texts themselves ---------------------------------------------------------------------


def test_every_rule_version_has_a_readers_text():
    rules = default_rules()
    missing = [
        (rule.id, rule.version)
        for rule_id in rules.ids()
        for rule in rules.versions(rule_id)
        if rule.text not in reasons.RULE_TEXTS
    ]
    assert not missing


@pytest.mark.parametrize(
    "table",
    [reasons.RULE_TEXTS, reasons.NOTES, reasons.FACT_TEXTS],
    ids=["rules", "notes", "facts"],
)
def test_every_reason_text_is_translated_into_german(table):
    for code, text in table.items():
        with translation.override("en"):
            english = str(text)
        with translation.override("de"):
            german = str(text)
        assert german != english, f"{code}: no German translation"
        check_text(german, code)


def test_the_checklists_are_translated_and_name_forms_not_sources():
    for key, (label, form) in TEXTS.items():
        for text in (label, form):
            with translation.override("de"):
                german = str(text)
            assert not DEV.search(german), key
    with translation.override("de"):
        assert str(TITLES["sgb2_application"]) == "Antrag auf Bürgergeld (SGB II) beim Jobcenter"


def test_english_dates_are_british():
    day = date(2026, 11, 14)
    with translation.override("en"):
        assert reasons.day_text(day) == "14 November 2026"
        assert reasons.month_text("2026-11") == "November 2026"
    with translation.override("de"):
        assert reasons.day_text(day) == "14.11.2026"
        assert reasons.month_text("2026-11") == "November 2026"


# --- evaluate_rules --------------------------------------------------------------------------


def evaluate(data, *args) -> dict:
    out = io.StringIO()
    call_command("evaluate_rules", "-", *args, stdout=out)
    return json.loads(out.getvalue())


def run_command(monkeypatch, data, *args) -> dict:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(data)))
    return evaluate(data, *args)


SCENARIOS = [pytest.param(scenario(row[1], row[2], **row[3]), id=row[0]) for row in ROWS] + [
    pytest.param(scenario(row[1], row[2], household=row[4], **row[3]), id=row[0])
    for row in HOUSEHOLD_ROWS
]


@pytest.mark.django_db
@pytest.mark.parametrize("data", SCENARIOS)
def test_evaluate_rules_speaks_german_without_development_notes(monkeypatch, data):
    answers = run_command(monkeypatch, data)
    assert answers["reasons"]
    for reason in answers["reasons"]:
        assert {"rule", "paragraph", "summary", "facts", "note"} <= set(reason)
        assert reason["summary"], reason["rule"]
        for text in (reason["summary"], reason["note"], *reason["facts"]):
            check_text(text, reason["rule"])


@pytest.mark.django_db
def test_evaluate_rules_in_english_on_request(monkeypatch):
    amal = scenario("2016-06-01", ROWS[2][2])
    german = run_command(monkeypatch, amal)
    english = run_command(monkeypatch, amal, "--language", "en")
    assert german["switch"] == english["switch"]  # the machine's keys and values stay
    lapse = next(r for r in english["reasons"] if r["question"] == "switch")
    assert lapse["summary"].startswith("AsylbLG benefits end with the month")
    assert "Decision final (unanfechtbar) on 3 May 2016" in lapse["facts"]
    lapse = next(r for r in german["reasons"] if r["question"] == "switch")
    assert lapse["summary"].startswith("Die Leistungen nach dem AsylbLG enden mit Ablauf")
    assert "Entscheidung unanfechtbar am 03.05.2016" in lapse["facts"]
    assert "wohnt im Landkreis Tübingen" in json.dumps(german, ensure_ascii=False)


# --- the pages --------------------------------------------------------------------------------


def page_rows():
    """The scenarios of the default person, each history once, dated before today."""
    seen, rows = set(), []
    today = timezone.localdate().isoformat()
    for name, _as_of, events, options, _expected in ROWS:
        key = json.dumps(events, sort_keys=True)
        if options or key in seen or any(e["date"] > today for e in events):
            continue
        seen.add(key)
        rows.append(pytest.param(events, id=name))
    return rows


def main_text(html: str) -> str:
    """The text of the page's main part; on the person page its status section."""
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    if 'aria-labelledby="status"' in main:
        main = main.split('aria-labelledby="status"', 1)[1].split("</section>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", main)
    return re.sub(r"\s+", " ", text)


@pytest.mark.django_db
@pytest.mark.parametrize("events", page_rows())
def test_status_pages_speak_german_without_development_notes(client_for, caseworker, events):
    abh = UserFactory(
        username="abh-tue", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )
    person = register(caseworker)
    case_open(actor=abh, person=person, reason="residence")
    for event in events:
        details = {k: v for k, v in event.items() if k not in ("date", "type")}
        try:
            status_event_record(
                actor=abh,
                person=person,
                kind=event["type"],
                date=date.fromisoformat(event["date"]),
                details=details,
                source="document",
            )
        except ValidationError:
            pytest.skip("history the pages refuse to record")
    client = client_for(caseworker)
    urls = [
        reverse("web:person_detail", args=[person.pk]),
        reverse("web:status_timeline", args=[person.pk]),
    ]
    for switch in BenefitSwitch.objects.filter(person=person):
        urls.append(reverse("web:status_switch", args=[person.pk]) + f"?switch={switch.pk}")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        check_text(main_text(response.content.decode()), url)


@pytest.mark.django_db
def test_record_forms_speak_german(client_for, caseworker):
    from lotse.status.events import EventKind

    abh = UserFactory(
        username="abh-tue", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )
    person = register(caseworker)
    case_open(actor=abh, person=person, reason="residence")
    client = client_for(abh)
    for kind in EventKind.values:
        url = reverse("web:status_event_new", args=[person.pk]) + f"?kind={kind}"
        response = client.get(url)
        assert response.status_code == 200
        text = main_text(response.content.decode())
        assert not DEV.search(text), url
        assert not CODES.search(re.sub(r"\b\d{4}-\d{2}-\d{2}\b", "", text)), url  # no codes
