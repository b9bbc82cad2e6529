"""The vacancy and employer pages: the list with its filters in the URL, a vacancy, an employer
with its vacancies, the forms with their messages, and who sees the contact person."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.courses.tests.factories import place
from lotse.jobs.models import Employer, Vacancy, VacancyStatus
from lotse.jobs.tests.factories import employer, employer_staff, vacancy
from lotse.organisations.tests.personas import LUDWIGSBURG
from lotse.web.tests.german_pages import check_german_page

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    body = response.content.decode()
    if status == 200:
        check_german_page(body, url)
    return body


def _vacancy_post(**changes):
    data = {
        "kind": "job",
        "title": "Elektroniker/in für Energie- und Gebäudetechnik",
        "occupation": "26212",
        "gemeinde": place().pk,
        "hours_per_week": "39",
        "starts_on": (TODAY + timedelta(days=30)).isoformat(),
        "german_speaking": "B1",
    }
    data.update(changes)
    return data


def test_the_list_filters_stay_in_the_url_with_count_and_sorting(caseworker, client_for):
    staff = employer_staff()
    firm = employer(staff)
    vacancy(staff, of=firm)
    vacancy(
        staff,
        of=firm,
        kind="apprenticeship",
        title="Ausbildung Pflegefachmann/-frau",
        occupation="81302",
        german_speaking="B2",
    )
    other = employer_staff("jc-ludwigsburg-08118")
    vacancy(
        other,
        of=employer(other, name="Fernbetrieb", gemeinde=place(LUDWIGSBURG, "Ludwigsburg")),
        title="Fernstelle",
        gemeinde=place(LUDWIGSBURG, "Ludwigsburg"),
    )
    client = client_for(caseworker)
    body = _page(client, "/vacancies/")
    assert "2 Stellen" in body
    assert "Elektroniker/in für Energie- und Gebäudetechnik" in body
    assert "Fernstelle" not in body  # another Kreis
    assert "Stellen" in body  # the navigation entry
    body = _page(client, "/vacancies/?kind=apprenticeship&sort=-start")
    assert "1 Stelle" in body
    assert "Pflegefachmann" in body
    assert "Elektroniker/in für Energie" not in body
    assert "kind=apprenticeship" in body  # the sort links keep the filter
    body = _page(client, "/vacancies/?german=B1")
    assert "1 Stelle" in body
    assert "Elektroniker/in für Energie" in body
    body = _page(client, "/vacancies/?q=elektr")
    assert "Pflegefachmann" not in body
    body = _page(client, "/vacancies/?from=2999-01-01")
    assert "Keine Stellen." in body
    body = _page(client, "/vacancies/?page=abc&sort=nonsense&german=Z9&place=x")
    assert "2 Stellen" in body


def test_the_sozialamt_sees_the_vacancy_but_not_the_contact_person(caseworker, client_for):
    job = vacancy()
    body = _page(client_for(caseworker), f"/vacancies/{job.pk}/")
    assert "Elektro Hölderlin GmbH" in body
    assert "Sprechen B1" in body
    assert "Frieda Funke" not in body
    assert "07071 123456" not in body
    assert "Über den Arbeitgeber-Service" in body
    assert "Stelle ändern" not in body
    body = _page(client_for(caseworker), f"/employers/{job.employer_id}/")
    assert "Frieda Funke" not in body
    assert "Deutschförderung im Betrieb" in body
    assert job.title in body
    _page(client_for(caseworker), f"/vacancies/{job.pk}/change/", status=403)


def test_the_jobcenter_sees_the_contact_person_and_changes(client_for):
    staff = employer_staff()
    job = vacancy(staff)
    client = client_for(staff)
    body = _page(client, f"/vacancies/{job.pk}/")
    assert "Frieda Funke" in body
    assert "Stelle ändern" in body
    response = client.post(
        f"/vacancies/{job.pk}/change/", _vacancy_post(hours_per_week="20", occupation="26212")
    )
    assert response.status_code == 302
    body = _page(client, f"/vacancies/{job.pk}/")
    assert "Änderungen" in body
    assert "39 → 20" in body


def test_the_vacancy_form_says_what_is_wrong_and_keeps_the_input(client_for):
    staff = employer_staff()
    firm = employer(staff)
    client = client_for(staff)
    _page(client, f"/employers/{firm.pk}/vacancies/new/")
    response = client.post(
        f"/employers/{firm.pk}/vacancies/new/",
        _vacancy_post(
            hours_per_week="60",
            starts_on=(TODAY - timedelta(days=2)).isoformat(),
            title="Mein besonderer Titel",
        ),
    )
    assert response.status_code == 422
    body = response.content.decode()
    check_german_page(body, "vacancy form")
    assert "Zwischen 1 und 48 Stunden pro Woche." in body
    assert "Der Beginn liegt in der Vergangenheit." in body
    assert 'href="#id_hours_per_week"' in body  # the summary links to the field
    assert "Mein besonderer Titel" in body  # input kept
    assert not Vacancy.objects.exists()


def test_the_occupation_is_searched_in_the_form_and_chosen(client_for):
    staff = employer_staff()
    firm = employer(staff)
    client = client_for(staff)
    url = f"/employers/{firm.pk}/vacancies/new/"
    post = _vacancy_post(occupation="", occupation_q="Elektroniker", title="Elektro-Stelle")
    response = client.post(url, {**post, "search": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="26212"' in body
    assert "Elektro-Stelle" in body  # what was typed stays
    assert not Vacancy.objects.exists()
    response = client.post(url, {**post, "occupation": "26212"})
    assert response.status_code == 302
    job = Vacancy.objects.get()
    assert job.occupation.kldb_code == "26212"
    assert job.recorded_by == staff.office


def test_no_occupation_chosen_is_a_message(client_for):
    staff = employer_staff()
    firm = employer(staff)
    response = client_for(staff).post(
        f"/employers/{firm.pk}/vacancies/new/", _vacancy_post(occupation="")
    )
    assert response.status_code == 422
    assert "Wählen Sie den Beruf: Suchen Sie ihn nach seinem deutschen Namen." in (
        response.content.decode()
    )


def test_withdrawing_needs_a_reason(client_for):
    staff = employer_staff()
    job = vacancy(staff)
    client = client_for(staff)
    response = client.post(f"/vacancies/{job.pk}/status/", {"status": "withdrawn"})
    assert response.status_code == 422
    assert "warum die Stelle zurückgezogen wird" in response.content.decode()
    response = client.post(
        f"/vacancies/{job.pk}/status/", {"status": "withdrawn", "reason": "Betrieb geschlossen"}
    )
    assert response.status_code == 302
    assert Vacancy.objects.get(pk=job.pk).status == VacancyStatus.WITHDRAWN


def test_the_employer_form(client_for):
    staff = employer_staff()
    client = client_for(staff)
    _page(client, "/employers/new/")
    data = {
        "name": "Bäckerei Brezel",
        "gemeinde": place().pk,
        "sector": "crafts",
        "contact_name": "Bernd Brot",
        "contact_email": "kein-email",
        "offers": ["mentor", "flexible_hours"],
    }
    response = client.post("/employers/new/", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "E-Mail-Adresse wie name@example.de" in body
    assert "Bernd Brot" in body
    assert not Employer.objects.exists()
    response = client.post("/employers/new/", {**data, "contact_email": "brot@example.de"})
    assert response.status_code == 302
    firm = Employer.objects.get()
    assert firm.offers == ["mentor", "flexible_hours"]
    body = _page(client, f"/employers/{firm.pk}/")
    assert "Bernd Brot" in body
    assert "eine Patin oder ein Pate im Betrieb" in body


def test_the_navigation_entry(caseworker, planner, client_for):
    assert 'href="/vacancies/"' in _page(client_for(caseworker), "/")
    assert 'href="/vacancies/"' not in _page(client_for(planner), "/")
