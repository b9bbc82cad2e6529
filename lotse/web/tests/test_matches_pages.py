"""The pages of suggested matches: a person's matching vacancies with reasons and the
decision form, a vacancy's candidates for the Jobcenter, the figures; what a caseworker sees,
and what other offices, Kreise and roles do not."""

import pytest
from django.urls import reverse

from lotse.jobs.match_models import MatchDecision
from lotse.jobs.tests.factories import employer_staff, vacancy
from lotse.jobs.tests.match_factories import DULDUNG_NO_WORK, electrician, record_status
from lotse.web.tests.german_pages import check_german_page

pytestmark = pytest.mark.django_db


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    body = response.content.decode()
    if status == 200:
        check_german_page(body, url)
    return body


def _matches(person):
    return reverse("web:person_matches", kwargs={"person_id": person.pk})


def _decide(person):
    return reverse("web:person_match_decide", kwargs={"person_id": person.pk})


@pytest.fixture
def jc():
    return employer_staff()


def test_the_electrician_sees_the_electricians_vacancy_with_reasons(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    body = _page(client_for(jc), _matches(person))
    assert "Ein Vorschlag, keine Entscheidung" in body
    assert "Art. 22 DSGVO" in body
    assert "1 vorgeschlagene Stelle" in body
    assert job.title in body
    assert "Darf arbeiten: Zugang zum Arbeitsmarkt ohne Erlaubnis." in body
    assert "6 Jahre Berufserfahrung im passenden Beruf." in body
    assert "Deutsch Hören: B1, verlangt B1 – erfüllt." in body
    assert "öffentliche Verkehrsmittel" in body
    assert "Punktzahl" in body
    assert "26212" not in body  # occupations by title, never by code


def test_the_person_page_and_the_profile_link_to_the_matches(jc, client_for):
    person = electrician(jc)
    client = client_for(jc)
    for url in (
        reverse("web:person_detail", kwargs={"person_id": person.pk}),
        reverse("web:profile_detail", kwargs={"person_id": person.pk}),
    ):
        assert _matches(person) in _page(client, url)


def test_a_duldung_holder_who_may_not_work_is_offered_nothing(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc, status=None, given_names="Samuel")
    record_status(person, DULDUNG_NO_WORK)
    body = _page(client_for(jc), _matches(person))
    assert job.title not in body
    assert "0 vorgeschlagene Stellen" in body
    assert "1 Stelle wird nicht vorgeschlagen: Die Person darf die Arbeit nicht aufnehmen" in body
    assert "§ 60a Abs. 6" in body  # the paragraph of the ban
    assert "passt zu den erfassten Berufen" not in body  # never "nothing fits"


def test_without_status_the_page_says_why(jc, client_for):
    vacancy(jc)
    person = electrician(jc, status=None)
    body = _page(client_for(jc), _matches(person))
    assert (
        "Der Arbeitsmarktzugang lässt sich nicht beurteilen: es ist kein Aufenthaltsstatus" in body
    )


def test_a_decision_is_recorded_and_a_later_one_replaces_it(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    client = client_for(jc)
    response = client.post(_decide(person), {"vacancy": job.pk, "decision": "proposed"})
    assert response.status_code == 302
    response = client.post(
        _decide(person), {"vacancy": job.pk, "decision": "set_aside", "reason": "distance"}
    )
    assert response.status_code == 302
    first, second = MatchDecision.objects.order_by("pk")
    assert first.replaced_by == second
    assert first.replaced_at is not None
    assert second.replaced_at is None
    assert second.score is not None
    body = _page(client, _matches(person))
    assert "Zurückgestellt: Weg zu weit" in body or "zurückgestellt: Weg zu weit" in body
    assert "Frühere Entscheidungen" in body


def test_bad_input_gives_messages_keeps_it_and_stores_nothing(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    client = client_for(jc)
    response = client.post(
        _decide(person),
        {"vacancy": job.pk, "decision": "set_aside", "reason": "other", "note": ""},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Beschreiben Sie den anderen Grund in der Notiz." in body
    assert "kern-error-summary" in body or "data-error-summary" in body
    response = client.post(
        _decide(person),
        {"vacancy": job.pk, "decision": "set_aside", "reason": "other", "note": "x" * 501},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Höchstens 500 Zeichen (jetzt 501)." in body
    assert "x" * 501 in body  # what was typed is kept
    response = client.post(_decide(person), {"vacancy": job.pk})
    assert response.status_code == 422
    assert "Wählen Sie, ob die Stelle vorgeschlagen oder zurückgestellt wurde." in (
        response.content.decode()
    )
    assert not MatchDecision.objects.exists()


def test_work_the_person_may_not_take_is_never_proposed(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc, status=None)
    record_status(person, DULDUNG_NO_WORK)
    response = client_for(jc).post(_decide(person), {"vacancy": job.pk, "decision": "proposed"})
    assert response.status_code == 422
    assert "nicht vorgeschlagen" in response.content.decode()
    assert not MatchDecision.objects.exists()


def test_the_vacancys_candidates_for_the_jobcenter(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    client = client_for(jc)
    detail = _page(client, reverse("web:vacancy_detail", kwargs={"vacancy_id": job.pk}))
    url = reverse("web:vacancy_candidates", kwargs={"vacancy_id": job.pk})
    assert url in detail
    body = _page(client, url)
    assert "1 vorgeschlagene Person" in body
    assert "Yusuf" in body
    assert _matches(person) in body


def test_other_kreis_persons_never_appear_and_others_may_not_look(jc, caseworker, client_for):
    job = vacancy(jc)
    other = employer_staff("jc-ludwigsburg-08118")
    electrician(other, given_names="Fernando")
    url = reverse("web:vacancy_candidates", kwargs={"vacancy_id": job.pk})
    body = _page(client_for(jc), url)
    assert "Fernando" not in body
    assert "0 vorgeschlagene Personen" in body
    # the Sozialamt reads vacancies but does not place: no candidates page, no link
    _page(client_for(caseworker), url, status=403)
    detail = _page(
        client_for(caseworker), reverse("web:vacancy_detail", kwargs={"vacancy_id": job.pk})
    )
    assert url not in detail
    # another Kreis's Jobcenter: the vacancy does not exist for it
    _page(client_for(other), url, status=404)


def test_another_office_does_not_see_the_persons_matches(jc, client_for):
    person = electrician(jc)
    other = employer_staff("jc-ludwigsburg-08118")
    _page(client_for(other), _matches(person), status=404)


def test_the_figures_count_proposed_and_set_aside(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    client = client_for(jc)
    client.post(_decide(person), {"vacancy": job.pk, "decision": "set_aside", "reason": "hours"})
    body = _page(client, reverse("web:match_figures"))
    assert "Zurückgestellt, nach Grund" in body
    assert "Arbeitszeit passt nicht" in body


def _queries(client, url) -> tuple[int, int, str]:
    """(all queries, those other than the audit trail's inserts, the page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    others = [
        q for q in queries.captured_queries if 'INSERT INTO "audit_auditevent"' not in q["sql"]
    ]
    return len(queries.captured_queries), len(others), response.content.decode()


def test_the_queries_do_not_grow_with_the_vacancies_in_reach(
    jc, client_for, django_assert_max_num_queries
):
    """However many vacancies in reach (each starting on another day, so the work access is
    asked on each) and decisions: a fixed number of queries, and only the ten best shown."""
    from datetime import timedelta

    from django.utils import timezone

    from lotse.jobs.match_services import match_decide
    from lotse.jobs.tests.factories import employer

    person = electrician(jc)
    of = employer(jc)
    today = timezone.localdate()

    def grow(start: int, count: int) -> None:
        for number in range(start, start + count):
            job = vacancy(
                jc,
                of=of,
                title=f"Elektroniker/in Nr. {number}",
                hours_per_week=20 + number % 20,
                starts_on=None if number % 7 == 0 else today + timedelta(days=3 * number),
            )
            if number % 5 == 1:
                match_decide(actor=jc, person=person, vacancy=job, decision="proposed")

    client = client_for(jc)
    grow(0, 3)
    _queries(client, _matches(person))  # session and caches warmed
    _total, few, _body = _queries(client, _matches(person))
    grow(3, 27)
    with django_assert_max_num_queries(50):
        _total, many, body = _queries(client, _matches(person))
    assert many <= few, f"{few} queries with 3 vacancies, {many} with 30"
    assert "10 vorgeschlagene Stellen" in body
    assert body.count('<li id="vacancy-') == 10
