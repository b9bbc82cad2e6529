"""The data-protection officer's audit trail pages: a person found by any spelling, birth year
or identifier (as the registry search finds them), filters in the URL, the pages in German."""

import pytest

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import audit_record
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_LUDWIGSBURG
from lotse.people.tests.factories import register

AZR = "123456789012"


@pytest.fixture
def amal(caseworker):
    """Amal Al-Hassan (also written الحسن), registered by the Sozialamt Tübingen."""
    return register(caseworker, identifiers=(("azr", AZR),))


@pytest.fixture
def other(caseworker):
    return register(
        caseworker,
        family_name="Berhane",
        given_names="Selam",
        original=None,
        birth=(1985, 3, 4),
        placeholder=False,
    )


def _listed_persons(client, **params) -> set[str]:
    response = client.get("/audit/", params)
    assert response.status_code == 200
    return {event.person_id for event in response.context["page"] if event.person_id}


@pytest.mark.parametrize("query", ["Amel Alhasan", "Hassan Amal", "1990", "123 456 789 012"])
def test_a_person_is_found_by_any_spelling_year_or_identifier(dpo, amal, other, client_for, query):
    found = _listed_persons(client_for(dpo), person=query)
    assert found == {str(amal.pk)}


def test_the_records_own_id_finds_it_too(dpo, amal, other, client_for):
    assert _listed_persons(client_for(dpo), person=str(amal.pk)) == {str(amal.pk)}


def test_a_name_nobody_has_finds_nothing(dpo, amal, client_for):
    response = client_for(dpo).get("/audit/", {"person": "Nobody Anywhere"})
    assert list(response.context["page"]) == []
    assert "Keine passenden Ereignisse." in response.content.decode()


def test_a_dpo_of_another_kreis_sees_nothing_of_the_person(amal, client_for):
    elsewhere = UserFactory(
        office=reference_office(JOBCENTER_LUDWIGSBURG), roles=[Role.DATA_PROTECTION_OFFICER]
    )
    assert _listed_persons(client_for(elsewhere), person="Amal Al-Hassan") == set()
    assert AuditEvent.objects.filter(person_id=str(amal.pk)).exists()


def test_the_filters_stay_in_the_links_of_the_pages(dpo, amal, client_for):
    client = client_for(dpo)
    for _ in range(51):  # two pages of 50
        audit_record(event_type=EventType.AUDIT_TRAIL_SEARCHED, actor=dpo)
    response = client.get("/audit/", {"event_type": EventType.AUDIT_TRAIL_SEARCHED})
    html = response.content.decode()
    assert response.context["page"].paginator.num_pages >= 2
    assert "event_type=audit.searched" in html
    assert "page=2" in html
    second = client.get("/audit/", {"event_type": EventType.AUDIT_TRAIL_SEARCHED, "page": 2})
    assert all(e.event_type == EventType.AUDIT_TRAIL_SEARCHED for e in second.context["page"])
    assert 'value="audit.searched" selected' in second.content.decode()


def test_the_search_is_recorded_with_what_was_typed(dpo, amal, client_for):
    client_for(dpo).get("/audit/", {"person": "Amel Alhasan"})
    search = AuditEvent.objects.filter(event_type=EventType.AUDIT_TRAIL_SEARCHED).last()
    assert search.details == {"person_id": "Amel Alhasan"}


# --- the navigation ----------------------------------------------------------------------------
NAV_LINKS = {
    "/audit/": "Protokoll",
    "/data-protection/subject-report/": "Auskunft für eine Person (Art. 15)",
    "/corrections/": "Berichtigungsanträge",
}
# The policy decides: the data-protection officer's tools for the DPO, the office's correction
# requests for those who work on cases; planners and administrators get neither.
NAV_BY_ROLE = {
    "dpo": {"/audit/", "/data-protection/subject-report/"},
    "caseworker": {"/corrections/"},
    "team_lead": {"/corrections/"},
    "planner": set(),
    "administrator": set(),
}


def _nav(html: str) -> str:
    start = html.index('class="lotse-nav"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.parametrize("persona", sorted(NAV_BY_ROLE))
def test_the_navigation_links_the_tools_the_role_may_use(make_persona, client_for, persona):
    client = client_for(make_persona(persona))
    nav = _nav(client.get("/").content.decode())
    for url, label in NAV_LINKS.items():
        shown = f'href="{url}"' in nav
        assert shown is (url in NAV_BY_ROLE[persona]), (persona, url)
        assert (label in nav) is shown
        if shown:
            assert client.get(url).status_code == 200


def test_the_current_tool_is_marked(dpo, client_for):
    nav = _nav(client_for(dpo).get("/data-protection/subject-report/").content.decode())
    assert 'href="/data-protection/subject-report/" aria-current="page"' in nav


# --- one event ---------------------------------------------------------------------------------
def test_the_details_are_labelled_fields_in_german(dpo, caseworker, amal, client_for):
    from lotse.audit.vocabulary import Basis, LegalBasis, Purpose

    event = audit_record(
        event_type=EventType.PERSON_CHANGED,
        actor=caseworker,
        action="person.edit",
        obj=amal,
        person_id=amal.pk,
        purpose=Purpose.CASE_WORK,
        basis=LegalBasis(Basis.OWN_CASE),
        categories=["identity"],
        details={"fields": ["birth_place", "sex"], "request": 4},
    )
    html = client_for(dpo).get(f"/audit/{event.pk}/").content.decode()
    for label in ("Wer", "Wann", "Amt", "Aktion", "Person (Datensatz)", "Zweck"):
        assert f'key">{label}</dt>' in html, label
    for label in ("Rechtsgrundlage", "Objekt", "Anfrage-ID", "Geänderte Felder"):
        assert f'key">{label}</dt>' in html, label
    assert "Carla Casewerk" in html
    assert "Personendaten ändern" in html  # the action
    assert "Fallbearbeitung" in html  # the purpose
    assert "Eigener offener Fall" in html  # the basis
    assert f"Person {amal.pk}" in html  # the object: the model's name, not people.Person
    assert "<li>Geburtsort</li>" in html
    assert "<li>Geschlecht</li>" in html
    assert "{&#x27;" not in html
    assert "people.Person" not in html
    assert f"/audit/?person={amal.pk}" in html


def test_a_consent_and_a_referral_read_show_their_basis_in_german(dpo, caseworker, client_for):
    from datetime import date

    from lotse.audit.vocabulary import Basis, LegalBasis

    client = client_for(dpo)
    consent = audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=caseworker,
        basis=LegalBasis.consent(number=1, given_on=date(2026, 11, 3)),
    )
    referral = audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=caseworker,
        basis=LegalBasis(Basis.REFERRAL_PARTY),
    )
    assert "Einwilligung Nr. 1 vom 3. November 2026" in (
        client.get(f"/audit/{consent.pk}/").content.decode()
    )
    assert "Beteiligt an der Weiterleitung" in client.get(f"/audit/{referral.pk}/").content.decode()


def test_codes_in_the_details_are_shown_by_their_labels(dpo, caseworker, client_for):
    event = audit_record(
        event_type=EventType.REFERRAL_CHANGED,
        actor=caseworker,
        details={"state": "requested", "to": "jc-tubingen-08416"},
    )
    html = client_for(dpo).get(f"/audit/{event.pk}/").content.decode()
    assert "angefordert" in html
    assert "Jobcenter Landkreis Tübingen" in html
    assert "requested" not in html
    assert "jc-tubingen-08416" not in html
