"""Lists that show everything: a count, pages, sortable columns and filters that stay in the
URL, on every list page; the persons page lists nothing until something is searched; the start
page's tiles (docs/ui.md, "Lists")."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.cases.models import Case, ReferralKind
from lotse.cases.referrals import referral_request
from lotse.cases.services import case_open, follow_up_add
from lotse.identity.models import DuplicatePair
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_TUEBINGEN
from lotse.people.models import NameKind
from lotse.people.services import NameInput, person_name_add
from lotse.people.tests.factories import register
from lotse.status.services import status_event_record
from lotse.web.listing import PER_PAGE

pytestmark = pytest.mark.django_db

MORE_THAN_A_PAGE = PER_PAGE + 2


def people(actor, count: int, start: int = 0) -> list:
    """`count` persons registered by `actor` (each with an open case there), "Testperson 00" …"""
    return [
        register(actor, family_name=f"Testperson {i:02d}", given_names="Ana", original=None)
        for i in range(start, start + count)
    ]


def page(client, url: str, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return unescape(response.content.decode())


def rows_named(html: str) -> list[str]:
    """The test persons a page shows, in order (each once)."""
    seen: list[str] = []
    for name in re.findall(r"Ana Testperson \d\d|Testperson \d\d, Ana|Testperson \d\d", html):
        number = re.search(r"\d\d", name).group()
        if number not in seen:
            seen.append(number)
    return seen


def pager_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="lotse-pagination".*?</nav>', html, re.S)
    assert nav, "no pager on the page"
    return re.findall(r'href="([^"]+)"', nav.group())


def sort_link(html: str, label: str) -> str:
    match = re.search(r'<a class="kern-link lotse-sort" href="([^"]+)">' + re.escape(label), html)
    assert match, f"no sortable header {label!r}"
    return match.group(1)


# The caseload


def test_caseload_counts_pages_and_sorts_all_cases(caseworker, client_for):
    people(caseworker, MORE_THAN_A_PAGE)
    client = client_for(caseworker)
    first = page(client, "/cases/")
    assert f"{MORE_THAN_A_PAGE} Fälle" in first
    assert 'aria-label="Seiten der Fallliste"' in first
    assert 'aria-current="page"' in first
    assert len(rows_named(first)) == PER_PAGE
    second = page(client, "/cases/", {"page": "2"})
    assert len(rows_named(second)) == MORE_THAN_A_PAGE - PER_PAGE
    assert not set(rows_named(first)) & set(rows_named(second))

    by_name = page(client, "/cases/" + sort_link(first, "Person"))
    assert rows_named(by_name)[:3] == ["00", "01", "02"]
    assert 'aria-sort="ascending"' in by_name
    descending = page(client, "/cases/" + sort_link(by_name, "Person"))
    last = MORE_THAN_A_PAGE - 1
    assert rows_named(descending)[:2] == [f"{last:02d}", f"{last - 1:02d}"]
    assert 'aria-sort="descending"' in descending


def test_caseload_filters_stay_in_the_pager_and_sort_links(caseworker, client_for):
    people(caseworker, MORE_THAN_A_PAGE)
    html = page(client_for(caseworker), "/cases/", {"mine": "1", "q": "Testperson"})
    assert f"{MORE_THAN_A_PAGE} Fälle" in html
    for link in pager_links(html) + [sort_link(html, "Person")]:
        assert "mine=1" in link, link
        assert "q=Testperson" in link, link
    params = {"mine": "1", "page": "2", "sort": "-person"}
    second = page(client_for(caseworker), "/cases/", params)
    on_page_two = range(MORE_THAN_A_PAGE - PER_PAGE - 1, -1, -1)
    assert rows_named(second) == [f"{i:02d}" for i in on_page_two]


def test_caseload_bad_sort_and_page_fall_back_to_the_default(caseworker, client_for):
    people(caseworker, MORE_THAN_A_PAGE)
    client = client_for(caseworker)
    default = rows_named(page(client, "/cases/"))
    for params in (
        {"sort": "<script>"},
        {"sort": "-"},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "²"},
    ):
        assert rows_named(page(client, "/cases/", params)) == default, params
    last = page(client, "/cases/", {"page": "999"})  # past the end: the last page
    assert len(rows_named(last)) == MORE_THAN_A_PAGE - PER_PAGE


def test_caseload_searched_and_sorted_by_a_joined_column(caseworker, team_lead, client_for):
    # a search by name joins the names (DISTINCT); ordering by the responsible's name must
    # still work on PostgreSQL
    people(caseworker, 3)
    html = page(client_for(team_lead), "/cases/", {"q": "Testperson", "sort": "-responsible"})
    assert "3 Fälle" in html
    assert 'aria-sort="descending"' in html


def test_caseload_shows_each_cases_next_step_and_its_due_date(caseworker, client_for):
    later, sooner = people(caseworker, 2)
    case = Case.objects.get(person=later)
    in_a_week = timezone.localdate() + timedelta(days=7)
    follow_up_add(actor=caseworker, case=case, due_on=in_a_week, title="Sprachkurs anmelden")
    follow_up_add(actor=caseworker, case=case, due_on=in_a_week + timedelta(days=7), title="Später")
    html = page(client_for(caseworker), "/cases/")
    assert "Sprachkurs anmelden" in html
    assert in_a_week.strftime("%d.%m.%Y") in html
    assert "Später" not in html  # only the next step
    # sorted by the next due step by default: the case with a step first, the other after it
    assert rows_named(html) == ["00", "01"]


# Persons


def test_persons_lists_nothing_until_something_is_searched(caseworker, client_for):
    people(caseworker, 3)
    html = page(client_for(caseworker), "/persons/")
    assert "Geben Sie einen Namen, ein Geburtsjahr oder eine Kennung ein" in html
    assert rows_named(html) == []
    assert "gefunden" not in html


def test_persons_search_counts_pages_and_sorts(caseworker, client_for):
    people(caseworker, MORE_THAN_A_PAGE)
    client = client_for(caseworker)
    first = page(client, "/persons/", {"q": "Testperson"})
    assert f"{MORE_THAN_A_PAGE} Personen gefunden" in first
    assert rows_named(first)[:2] == ["00", "01"]  # by name
    assert all("q=Testperson" in link for link in pager_links(first))
    second = page(client, "/persons/", {"q": "Testperson", "page": "2"})
    assert len(rows_named(second)) == MORE_THAN_A_PAGE - PER_PAGE
    descending = page(client, "/persons/" + sort_link(first, "Name"))
    assert rows_named(descending)[0] == f"{MORE_THAN_A_PAGE - 1:02d}"
    # htmx asks for the results region only: count, table and pager
    partial = client.get("/persons/", {"q": "Testperson"}, headers={"HX-Request": "true"})
    assert f"{MORE_THAN_A_PAGE} Personen gefunden" in partial.content.decode()
    assert "<h1" not in partial.content.decode()


def test_persons_search_lists_a_person_once_whichever_of_their_names_matches(
    caseworker, client_for
):
    (person,) = people(caseworker, 1)
    person_name_add(
        actor=caseworker,
        person=person,
        name=NameInput(family_name="Testperson 00", given_names="Anaïs", kind=NameKind.ALIAS),
    )
    html = page(client_for(caseworker), "/persons/", {"q": "Testperson"})
    assert "1 Person gefunden" in html
    assert rows_named(html) == ["00"]


# Referrals and hand-overs


@pytest.fixture
def jobcenter_caseworker():
    return UserFactory(
        username="jc-tue", office=reference_office(JOBCENTER_TUEBINGEN), roles=[Role.CASEWORKER]
    )


def send_referrals(actor, persons) -> None:
    for person in persons:
        referral_request(
            actor=actor,
            case=Case.objects.get(person=person, office=actor.office),
            to_office=reference_office(JOBCENTER_TUEBINGEN),
            kind=ReferralKind.SERVICE,
            purpose="Beratung",
            categories=["profile"],
            respond_by=timezone.localdate() + timedelta(days=14),
        )


def test_referrals_both_lists_count_page_and_sort(caseworker, jobcenter_caseworker, client_for):
    send_referrals(caseworker, people(caseworker, MORE_THAN_A_PAGE))
    sent = page(client_for(caseworker), "/referrals/")
    assert f"{MORE_THAN_A_PAGE} Anfragen" in sent
    assert "0 Anfragen" in sent  # nothing incoming at the Sozialamt
    assert 'aria-label="Seiten der gesendeten Anfragen"' in sent
    assert len(rows_named(sent)) == PER_PAGE

    received = page(client_for(jobcenter_caseworker), "/referrals/", {"in_sort": "person"})
    assert f"{MORE_THAN_A_PAGE} Anfragen" in received
    assert rows_named(received)[:2] == ["00", "01"]
    links = pager_links(received)
    assert all("in_sort=person" in link for link in links)
    second = page(
        client_for(jobcenter_caseworker), "/referrals/", {"in_sort": "-person", "in_page": "2"}
    )
    assert rows_named(second)[0] == f"{MORE_THAN_A_PAGE - PER_PAGE - 1:02d}"


# Duplicates


def make_pairs(persons) -> None:
    first, *others = persons
    for number, other in enumerate(others):
        a, b = sorted([first, other], key=lambda p: str(p.pk))
        DuplicatePair.objects.create(
            person_a=a, person_b=b, score=0.5 + number / 100, reasons=["Name ähnlich"]
        )


def test_duplicates_queue_counts_pages_and_sorts(team_lead, client_for):
    make_pairs(people(team_lead, MORE_THAN_A_PAGE + 1))
    client = client_for(team_lead)
    html = page(client, "/duplicates/")
    assert f"{MORE_THAN_A_PAGE} zu prüfende Paare" in html
    assert 'aria-sort="descending"' in html  # the best match first
    scores = [int(s) for s in re.findall(r"(\d+) %</td>", html)]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == PER_PAGE
    second = page(client, "/duplicates/", {"page": "2", "sort": "score"})
    assert [int(s) for s in re.findall(r"(\d+) %</td>", second)] == [
        50 + MORE_THAN_A_PAGE - 2,
        50 + MORE_THAN_A_PAGE - 1,
    ]


# Reassignment


def test_reassignment_pages_through_all_cases_and_reassigns_one_from_page_two(
    caseworker, team_lead, client_for
):
    people(caseworker, MORE_THAN_A_PAGE)
    colleague = UserFactory(username="colleague", office=caseworker.office, roles=[Role.CASEWORKER])
    client = client_for(team_lead)
    html = page(client, "/cases/reassign/", {"sort": "person"})
    assert f"{MORE_THAN_A_PAGE} Fälle" in html
    second = page(client, "/cases/reassign/", {"sort": "person", "page": "2"})
    assert rows_named(second)[0] == f"{PER_PAGE:02d}"
    last = Case.objects.get(person__names__family_name=f"Testperson {MORE_THAN_A_PAGE - 1:02d}")
    response = client.post(
        "/cases/reassign/?sort=person&page=2", {"cases": [last.pk], "responsible": colleague.pk}
    )
    assert response.status_code == 302
    last.refresh_from_db()
    assert last.responsible == colleague


# The audit trail


def test_audit_trail_counts_pages_and_sorts_keeping_the_filter(caseworker, dpo, client_for):
    people(caseworker, 3)
    caseworker_client = client_for(caseworker)
    views = ({}, {"sort": "-person"})
    for i in range(52):  # one event per view of the caseload; the trail shows 50 a page
        page(caseworker_client, "/cases/", views[i % 2])
    client = client_for(dpo)
    html = page(client, "/audit/", {"event_type": "person.read"})
    total = AuditEvent.objects.filter(event_type="person.read").count()
    assert total > 50
    assert f"{total} Ereignisse" in html
    assert all("event_type=person.read" in link for link in pager_links(html))
    assert 'aria-sort="descending"' in html  # newest first
    oldest_first = page(client, "/audit/" + sort_link(html, "Zeitpunkt"))
    assert 'aria-sort="ascending"' in oldest_first
    assert "event_type=person.read" in sort_link(html, "Zeitpunkt")
    first_id = AuditEvent.objects.filter(event_type="person.read").order_by("occurred_at", "pk")[0]
    assert f"/audit/{first_id.pk}/" in oldest_first.split("<tbody")[1].split("</tr>")[0]


# N+1 guard: the queries of a list page do not grow with its rows


LIST_PAGES = {
    "caseload": ("caseworker", "/cases/", {}),
    "persons": ("caseworker", "/persons/", {"q": "Testperson"}),
    "referrals": ("caseworker", "/referrals/", {}),
    "reassign": ("team_lead", "/cases/reassign/", {}),
    "duplicates": ("team_lead", "/duplicates/", {}),
    "start": ("caseworker", "/", {}),
    "audit": ("dpo", "/audit/", {}),
}


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_page_queries_do_not_grow_with_its_rows(
    name, request, caseworker, team_lead, client_for, django_assert_max_num_queries
):
    persona, url, params = LIST_PAGES[name]
    client = client_for(request.getfixturevalue(persona))

    def grow(start: int, count: int) -> None:
        persons = people(caseworker, count, start)
        send_referrals(caseworker, persons)
        for person in persons:
            case = Case.objects.get(person=person, office=caseworker.office)
            follow_up_add(actor=caseworker, case=case, due_on=timezone.localdate(), title="Anruf")
        make_pairs(persons)

    grow(0, 3)
    client.get(url, params)  # sessions and caches warmed
    with CaptureQueriesContext(connection) as few:
        client.get(url, params)
    grow(3, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, params)


# The start page


def test_start_page_tiles_of_a_caseworker(caseworker, client_for):
    amal, ali = people(caseworker, 2)
    today = timezone.localdate()
    follow_up_add(
        actor=caseworker,
        case=Case.objects.get(person=amal),
        due_on=today,
        title="Bescheid prüfen",
    )
    html = page(client_for(caseworker), "/")
    assert "Meine offenen Fälle" in html
    assert "2 offene Fälle liegen bei Ihnen." in html
    assert f"nächster Schritt: Bescheid prüfen, fällig am {today:%d.%m.%Y}" in html
    assert "kein nächster Schritt festgelegt" in html
    assert "Heute fällige Wiedervorlagen" in html
    assert "1 Wiedervorlage ist heute fällig oder überfällig." in html
    assert "Keine Übergaben warten auf Sie." in html
    assert 'href="/cases/?mine=1"' in html
    assert 'href="/referrals/"' in html
    assert 'href="/cases/?due=1"' in html
    assert "Fälle je Sachbearbeiter/in" not in html  # a team lead's tile
    assert "Rechtskreiswechsel in diesem und im nächsten Monat" in html  # a Sozialamt
    assert "In diesem und im nächsten Monat wechselt niemand den Rechtskreis." in html


def test_start_page_tiles_when_there_is_nothing(caseworker, client_for):
    html = page(client_for(caseworker), "/")
    assert "Keine offenen Fälle liegen bei Ihnen." in html
    assert "Keine Wiedervorlagen sind heute fällig." in html
    assert "Keine Übergaben warten auf Sie." in html


def test_start_page_of_a_team_lead_shows_the_caseload_per_caseworker(
    caseworker, team_lead, client_for
):
    persons = people(caseworker, 3)
    follow_up_add(
        actor=caseworker,
        case=Case.objects.get(person=persons[0]),
        due_on=timezone.localdate() - timedelta(days=1),
        title="überfällig",
    )
    html = page(client_for(team_lead), "/")
    assert "Fälle je Sachbearbeiter/in" in html
    row = re.search(r"Carla Casewerk</td>(.*?)</tr>", html, re.S)
    assert row
    assert re.findall(r">(\d+)<", row.group(1)) == ["3", "1"]
    assert 'href="/cases/reassign/"' in html


def test_start_page_of_a_jobcenter_has_no_switch_tile(jobcenter_caseworker, client_for):
    html = page(client_for(jobcenter_caseworker), "/")
    assert "Rechtskreiswechsel in diesem und im nächsten Monat" not in html
    assert "Meine offenen Fälle" in html


def test_start_page_of_the_sozialamt_names_who_switches_this_month(caseworker, client_for):
    abh = UserFactory(
        username="abh-tue", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )
    amal = register(caseworker)
    case_open(actor=abh, person=amal, reason="residence")
    today = timezone.localdate()
    for kind, day, details in [
        ("asylum_application", date(2015, 11, 16), {}),
        ("decision", today, {"outcome": "asylberechtigung"}),
    ]:
        status_event_record(
            actor=abh, person=amal, kind=kind, date=day, details=details, source="document"
        )
    html = page(client_for(caseworker), "/")
    assert "Rechtskreiswechsel in diesem und im nächsten Monat" in html
    assert "1 Person erhält die bisherigen Leistungen zuletzt im" in html
    tile = html.split('id="start-switches"')[1].split("</section>")[0]
    assert "Al-Hassan" in tile
    assert "Jobcenter" in tile
    assert "/status/switch/?switch=" in tile
