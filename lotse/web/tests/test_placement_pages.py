"""The placement pages: the office's board with its filters and one list read, a person's
placements with their history and the forms to record, move on and follow up; what other
offices and Kreise do not see."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.vocabulary import ListRead
from lotse.jobs.placement_models import Placement, PlacementSource
from lotse.jobs.placements import placement_create, placement_move
from lotse.jobs.tests.factories import employer_staff, vacancy
from lotse.jobs.tests.match_factories import electrician
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_LUDWIGSBURG, SOZIALAMT_TUEBINGEN
from lotse.web.tests.german_pages import check_german_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def jc():
    return employer_staff()


@pytest.fixture
def setting(jc):
    person = electrician(jc)
    job = vacancy(jc)
    placement = placement_create(
        actor=jc, person=person, vacancy=job, source=PlacementSource.DIRECT
    )
    return jc, person, job, placement


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    body = response.content.decode()
    if status == 200:
        check_german_page(body, url)
    return body


def _page(person):
    return reverse("web:person_placements", kwargs={"person_id": person.pk})


def test_the_board_lists_the_placement_and_logs_one_list_read(setting, client_for):
    jc, person, job, _placement = setting
    body = _get(client_for(jc), reverse("web:placement_board"))
    assert "1 Vermittlung" in body
    assert job.title in body
    assert "Vorgeschlagen" in body
    read = AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, action=ListRead.PLACEMENTS
    ).get()
    assert read.persons == [str(person.pk)]


def test_the_direct_placement_says_when_it_lists_only_the_first_vacancies(
    setting, client_for, monkeypatch
):
    from lotse.web import placement_views

    jc, person, _job, _placement = setting
    vacancy(jc, title="Zweite Stelle")
    vacancy(jc, title="Dritte Stelle")
    monkeypatch.setattr(placement_views, "VACANCY_CHOICES", 1)
    body = _get(client_for(jc), _page(person))
    assert "Die Auswahl zeigt die ersten 1 von 2 offenen Stellen." in body


def test_the_board_filters_by_stage(setting, client_for):
    jc, _person, job, _placement = setting
    body = _get(client_for(jc), reverse("web:placement_board") + "?stage=hired")
    assert "0 Vermittlungen" in body
    body = _get(client_for(jc), reverse("web:placement_board") + "?due=1&sort=person")
    assert job.title not in body


def test_the_person_page_shows_history_and_moves_on(setting, client_for):
    jc, person, job, placement = setting
    client = client_for(jc)
    body = _get(client, _page(person))
    assert job.title in body
    assert "Verlauf" in body
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("web:person_placement_move", kwargs={"person_id": person.pk}),
        {"placement": placement.pk, "stage": "applied", "on": today},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.stage == "applied"


def test_a_wrong_move_shows_the_error_and_keeps_the_input(setting, client_for):
    jc, person, _job, placement = setting
    response = client_for(jc).post(
        reverse("web:person_placement_move", kwargs={"person_id": person.pk}),
        {"placement": placement.pk, "stage": "rejected", "on": "2020-01-01", "note": "Notiz xy"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "lotse-error-summary" in body
    assert "Notiz xy" in body


def test_a_placement_is_recorded_directly(jc, client_for):
    person = electrician(jc)
    job = vacancy(jc)
    response = client_for(jc).post(
        reverse("web:person_placement_create", kwargs={"person_id": person.pk}),
        {"vacancy": job.pk},
    )
    assert response.status_code == 302
    assert Placement.objects.get(person=person).source == PlacementSource.DIRECT


def test_a_follow_up_is_recorded_on_the_page(setting, client_for):
    jc, person, _job, placement = setting
    today = timezone.localdate()
    for stage in ("applied", "interview", "offer"):
        placement_move(actor=jc, placement=placement, stage=stage, on=today)
    placement_move(
        actor=jc,
        placement=placement,
        stage="hired",
        on=today,
        start_date=date(2025, 1, 1),
        contract_type="permanent",
    )
    follow_up = placement.follow_ups.first()
    client = client_for(jc)
    assert "Nachbetreuung" in _get(client, _page(person))
    response = client.post(
        reverse("web:person_placement_follow_up", kwargs={"person_id": person.pk}),
        {
            "placement": placement.pk,
            "follow_up": follow_up.pk,
            "done_on": today.isoformat(),
            "outcome": "going_well",
        },
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.outcome == "going_well"


def test_the_sozialamt_has_no_board_and_ludwigsburg_sees_nothing(setting, client_for):
    _jc, person, job, _placement = setting
    sozialamt = UserFactory(office=reference_office(SOZIALAMT_TUEBINGEN), roles=[Role.CASEWORKER])
    assert client_for(sozialamt).get(reverse("web:placement_board")).status_code == 403
    ludwigsburg = UserFactory(
        office=reference_office(JOBCENTER_LUDWIGSBURG), roles=[Role.CASEWORKER]
    )
    body = _get(client_for(ludwigsburg), reverse("web:placement_board"))
    assert job.title not in body
    assert client_for(ludwigsburg).get(_page(person)).status_code == 404


def test_a_step_for_an_unknown_placement_says_so(setting, client_for):
    jc, person, _job, _placement = setting
    response = client_for(jc).post(
        reverse("web:person_placement_move", kwargs={"person_id": person.pk}),
        {"placement": "999999", "stage": "applied", "on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 422
    assert "Diese Vermittlung darf Ihre Stelle nicht sehen." in response.content.decode()


def test_the_board_shows_the_follow_up_due(setting, client_for):
    jc, _person, job, placement = setting
    today = timezone.localdate()
    for stage in ("applied", "interview", "offer"):
        placement_move(actor=jc, placement=placement, stage=stage, on=today)
    placement_move(
        actor=jc,
        placement=placement,
        stage="hired",
        on=today,
        start_date=date(2025, 1, 1),
        contract_type="permanent",
    )
    body = _get(client_for(jc), reverse("web:placement_board") + "?due=1")
    assert "1 Vermittlung" in body
    assert job.title in body
    assert "01.02.2025" in body
    assert "(fällig)" in body
    assert "Eingestellt" in body


def test_a_proposal_on_the_matches_page_starts_a_placement(jc, client_for):
    person = electrician(jc)
    job = vacancy(jc)
    client = client_for(jc)
    response = client.post(
        reverse("web:person_match_decide", kwargs={"person_id": person.pk}),
        {"vacancy": job.pk, "decision": "proposed"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Der Vorschlag steht jetzt bei den Vermittlungen" in response.content.decode()
    assert Placement.objects.get(person=person).source == PlacementSource.SUGGESTION


def test_the_navigation_links_to_the_board_for_the_jobcenter_only(jc, client_for):
    board = reverse("web:placement_board")
    assert f'href="{board}"' in _get(client_for(jc), reverse("web:start"))
    sozialamt = UserFactory(office=reference_office(SOZIALAMT_TUEBINGEN), roles=[Role.CASEWORKER])
    assert f'href="{board}"' not in _get(client_for(sozialamt), reverse("web:start"))
