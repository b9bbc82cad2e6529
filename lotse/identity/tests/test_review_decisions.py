"""The review queue says why a pair was proposed, in German; "different persons" needs a reason,
is stored and audited, and the engine remembers it until the decision is taken back."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lotse.audit.models import AuditEvent, EventType
from lotse.identity.batch import duplicate_run_execute
from lotse.identity.matching import PersonRecord, parse_birth_date
from lotse.identity.matching.explain import explain
from lotse.identity.models import DuplicatePair
from lotse.identity.registry import duplicate_check
from lotse.identity.selectors import rejected_keys, rejected_pairs
from lotse.identity.services import duplicate_run_start, pair_reject
from lotse.people.tests.factories import person_input, register

AZR = "123456789012"


@pytest.fixture
def planted(caseworker):
    """Amal registered twice by one office, once with a variant spelling and only the year."""
    first = register(caseworker, identifiers=(("azr", AZR),))
    second = register(
        caseworker,
        family_name="Alhasan",
        given_names="Amel",
        original=None,
        birth=(1990, None, None),
        placeholder=False,
        identifiers=(("passport", "N0123456"),),
    )
    return first, second


def _run(team_lead):
    run = duplicate_run_start(actor=team_lead)
    return duplicate_run_execute(run_id=run.pk, processes=1)


def _pair(team_lead) -> DuplicatePair:
    _run(team_lead)
    return DuplicatePair.objects.get()


def _reviews() -> int:
    return AuditEvent.objects.filter(event_type=EventType.DUPLICATE_REVIEWED).count()


def test_the_explanation_names_each_field_in_german():
    from django.utils import translation

    a = PersonRecord("a", "Mohammed", "Al-Hassan", parse_birth_date("1985-03-04"), sex="m")
    b = PersonRecord("b", "Muhammad", "Alhasan", parse_birth_date("1985-03-19"), sex="m")
    with translation.override("de"):
        explanation = explain([a], [b], 0.62)
        lines = [str(verdict) for verdict in explanation.fields]
    assert explanation.band == "möglicherweise dieselbe Person"
    assert "Vorname: gleich (Mohammed / Muhammad – gleiche Schreibvarianten)" in lines
    assert "Familienname: gleich (Al-Hassan / Alhasan – gleiche Schreibvarianten)" in lines
    assert (
        "Geburtsdatum: gleiches Jahr und gleicher Monat, Tag abweichend "
        "(04.03.1985 / 19.03.1985)" in lines
    )
    assert "Geschlecht: gleich" in lines


def test_the_queue_and_the_pair_page_say_why_in_german(team_lead, planted, client_for):
    first, _second = planted
    pair = _pair(team_lead)
    client = client_for(team_lead)
    queue = client.get("/duplicates/").content.decode()
    assert "Warum vorgeschlagen" in queue
    # Record 1 is the pair's first person, whichever of the two that is.
    names = ("Al-Hassan", "Alhasan") if pair.person_a_id == first.pk else ("Alhasan", "Al-Hassan")
    given = ("Amal", "Amel") if pair.person_a_id == first.pk else ("Amel", "Amal")
    assert f"Familienname: gleich ({names[0]} / {names[1]} – gleiche Schreibvarianten)" in queue
    assert f"Vorname: ähnlich ({given[0]} / {given[1]})" in queue
    assert "Geburtsdatum: gleiches Jahr (1990)" in queue
    assert "Geburtsort: gleich (Aleppo)" in queue
    assert re.search(r"dieselbe Person: \d+ %", queue)  # the score in words, then the figure
    page = client.get(f"/duplicates/{pair.pk}/").content.decode()
    assert "Warum dieses Paar vorgeschlagen wurde" in page
    assert "Staatsangehörigkeit: gleich (SYR)" in page
    for choice in ("Geschwister", "Namensvettern", "Zwillinge", "andere Eltern"):
        assert choice in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Wählen Sie, warum es verschiedene Personen sind."),
        ({"kind": "cousins"}, "Wählen Sie, warum es verschiedene Personen sind."),
        ({"kind": "other", "note": "  "}, "Beschreiben Sie den anderen Grund."),
        ({"kind": "siblings", "note": "x" * 301}, "Höchstens 300 Zeichen."),
    ],
)
def test_different_persons_without_a_valid_reason_is_refused_in_german(
    team_lead, planted, client_for, body, message
):
    pair = _pair(team_lead)
    response = client_for(team_lead).post(
        f"/duplicates/{pair.pk}/", {"decision": "different", **body}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in page  # the error summary
    assert message in page
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN
    assert pair.rejection_reason == ""
    assert _reviews() == 0


def test_different_persons_is_stored_audited_and_never_proposed_again(
    team_lead, planted, client_for
):
    pair = _pair(team_lead)
    client = client_for(team_lead)
    response = client.post(
        f"/duplicates/{pair.pk}/",
        {"decision": "different", "kind": "siblings", "note": "Schwester laut Akte"},
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.rejection_reason, pair.review_reason) == (
        DuplicatePair.Status.REJECTED,
        "siblings",
        "Schwester laut Akte",
    )
    assert pair.reviewed_by == team_lead
    event = AuditEvent.objects.get(event_type=EventType.DUPLICATE_REVIEWED)
    assert event.details["decision"] == "rejected"
    assert event.details["why"] == "siblings"
    assert rejected_keys() == {frozenset((str(pair.person_a_id), str(pair.person_b_id)))}

    queue = client.get("/duplicates/").content.decode()
    assert f'href="/duplicates/{pair.pk}/"' not in queue
    assert "Entschieden: verschiedene Personen" in queue
    assert "Geschwister – Schwester laut Akte" in queue

    DuplicatePair.objects.filter(pk=pair.pk).delete()  # even were the row lost: a new search
    DuplicatePair.objects.create(
        person_a=pair.person_a,
        person_b=pair.person_b,
        score=pair.score,
        status=DuplicatePair.Status.REJECTED,
        rejection_reason="siblings",
    )
    assert _run(team_lead).pairs_found == 0
    assert list(DuplicatePair.objects.values_list("status", flat=True)) == ["rejected"]


def test_the_registration_check_remembers_the_decision(team_lead, caseworker, planted):
    first, second = planted
    # The entry carries first's AZR number: it is first, and second is proposed beside it.
    entry = person_input(identifiers=(("azr", AZR),))
    before = {c.person_id for c in duplicate_check(actor=caseworker, data=entry)}
    assert {str(first.pk), str(second.pk)} <= before
    pair_reject(actor=team_lead, pair=_pair(team_lead), kind="namesakes")
    after = {c.person_id for c in duplicate_check(actor=caseworker, data=entry)}
    assert str(first.pk) in after
    assert str(second.pk) not in after


def test_taking_the_decision_back_puts_the_pair_in_the_queue_again(team_lead, planted, client_for):
    pair = _pair(team_lead)
    pair_reject(actor=team_lead, pair=pair, kind="twins")
    client = client_for(team_lead)
    refused = client.post(f"/duplicates/{pair.pk}/reset/", {"reason": ""})
    assert refused.status_code == 302
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.REJECTED
    response = client.post(f"/duplicates/{pair.pk}/reset/", {"reason": "doch dieselbe Person?"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.rejection_reason, pair.reviewed_by) == ("open", "", None)
    assert not rejected_pairs().exists()
    event = AuditEvent.objects.filter(event_type=EventType.DUPLICATE_REVIEWED).latest("pk")
    assert event.details["decision"] == "reset"
    assert event.details["was"]["why"] == "twins"
    assert f'href="/duplicates/{pair.pk}/"' in client.get("/duplicates/").content.decode()


def test_the_command_takes_decisions_back_audited(team_lead, caseworker, planted):
    pair = _pair(team_lead)
    pair_reject(actor=team_lead, pair=pair, kind="other", note="anderer Vater")
    a, b = str(pair.person_b_id), str(pair.person_a_id)  # either order
    with pytest.raises(CommandError, match="may not review"):
        call_command("reset_match_decisions", "--pair", a, b, by=caseworker.username, reason="x")
    assert rejected_pairs().count() == 1
    out = StringIO()
    call_command(
        "reset_match_decisions", "--pair", a, b, by=team_lead.username, reason="Irrtum", stdout=out
    )
    assert "1 decision(s) taken back" in out.getvalue()
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN
    with pytest.raises(CommandError, match="No 'different persons' decision"):
        call_command("reset_match_decisions", "--pair", a, b, by=team_lead.username, reason="x")
    pair_reject(actor=team_lead, pair=pair, kind="siblings")
    call_command("reset_match_decisions", "--all", by=team_lead.username, reason="neu prüfen")
    assert not rejected_pairs().exists()


def test_a_caseworker_cannot_decide_or_take_back(team_lead, caseworker, planted, client_for):
    pair = _pair(team_lead)
    client = client_for(caseworker)
    response = client.post(f"/duplicates/{pair.pk}/", {"decision": "different", "kind": "twins"})
    assert response.status_code == 403
    pair_reject(actor=team_lead, pair=pair, kind="twins")
    assert client.post(f"/duplicates/{pair.pk}/reset/", {"reason": "x"}).status_code == 403
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.REJECTED
    assert _reviews() == 1


def test_an_imported_person_with_a_date_that_is_no_date_is_still_found(caseworker, settings):
    """The import keeps year and month of 1956-02-31; the registration check finds the person
    on name, year and month."""
    from lotse.demo.registry_load import load_rows

    settings.LOTSE_DEMO = True
    row = {
        "record_id": "x1",
        "given_names": "Mohammed",
        "family_name": "Al-Hassan",
        "birth_date": "1956-02-31",
        "sex": "m",
        "nationality": "SYR",
        "birth_place": "Aleppo",
        "postcode": "72070",
    }
    load_rows([row], office=caseworker.office)
    entry = person_input(
        family_name="Alhasan",
        given_names="Muhammad",
        original=None,
        birth=(1956, 2, 14),
        placeholder=False,
        sex="m",
    )
    found = duplicate_check(actor=caseworker, data=entry)
    assert len(found) == 1
    assert found[0].visible
    assert found[0].birth == "02.1956"
