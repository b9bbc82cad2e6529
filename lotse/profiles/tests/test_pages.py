"""The profile pages: the section on the person page, the profile with its history, adding and
replacing entries with the occupation search, the printed profile in two languages."""

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEvent, EventType
from lotse.profiles.models import EntryKind, ProfileEntry
from lotse.profiles.tests.factories import record_entry, record_language
from lotse.subject_rights.tests.test_report import pdf_text

pytestmark = pytest.mark.django_db


def url(name, person, **kwargs):
    return reverse(f"web:{name}", kwargs={"person_id": person.pk, **kwargs})


def test_the_jobcenter_sees_the_agenturs_profile_on_the_person_page(
    agentur, jobcenter, person, client_for
):
    record_entry(agentur, person, EntryKind.WORK, description="Elektriker in Aleppo")
    page = client_for(jobcenter).get(url("person_detail", person)).content.decode()
    assert "Elektriker in Aleppo" in page
    assert "KldB 26212" in page


def test_the_integrationsmanagement_is_told_entries_exist_without_consent(
    agentur, im, person, client_for
):
    record_entry(agentur, person, EntryKind.WORK, description="Elektriker in Aleppo")
    page = client_for(im).get(url("profile_detail", person)).content.decode()
    assert "Elektriker" not in page
    assert "exist but are not accessible to your office" in page


def test_an_entry_is_recorded_with_the_occupation_found_by_its_name(agentur, person, client_for):
    client = client_for(agentur)
    search = client.get(url("profile_entry_new", person, kind="work"), {"occupation_q": "Elektr"})
    assert "26212" in search.content.decode()
    response = client.post(
        url("profile_entry_new", person, kind="work"),
        {"occupation": "26212", "years": "4", "country": "SYR", "source": "own_statement"},
    )
    assert response.status_code == 302
    entry = ProfileEntry.objects.get()
    assert entry.experience.occupation.kldb_code == "26212"


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(agentur, person, client_for):
    response = client_for(agentur).post(
        url("profile_entry_new", person, kind="qualification"),
        {"title": "Diplom Elektrotechnik", "recognition_status": "partial", "source": ""},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Diplom Elektrotechnik" in page
    assert "adaptation measure" in page
    assert not ProfileEntry.objects.exists()


def test_a_level_without_a_source_is_refused_on_the_page(agentur, person, client_for):
    response = client_for(agentur).post(
        url("profile_entry_new", person, kind="language"), {"language": "de", "listening": "B1"}
    )
    assert response.status_code == 422
    assert "without a source" in response.content.decode()


def test_replacing_keeps_the_earlier_entry_visible(agentur, person, client_for):
    first = record_entry(agentur, person, years=8)
    client = client_for(agentur)
    response = client.post(
        url("profile_entry_new", person, kind="schooling"),
        {
            "replaces": first.pk,
            "years": "11",
            "highest_certificate": "upper_secondary",
            "latin_literacy": "yes",
            "source": "document",
        },
    )
    assert response.status_code == 302
    page = client.get(url("profile_detail", person)).content.decode()
    assert "11 years of school" in page
    assert "Earlier entries" in page
    assert "8 years of school" in page


def test_another_kreis_gets_not_found(agentur, elsewhere, person, client_for):
    record_entry(agentur, person)
    assert client_for(elsewhere).get(url("profile_detail", person)).status_code == 404


def test_the_profile_pdf_is_in_german_and_arabic_and_audited(agentur, person, client_for):
    record_entry(agentur, person, EntryKind.WORK)
    record_language(agentur, person)
    response = client_for(agentur).get(url("profile_pdf", person))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Berufserfahrung" in text  # the German part
    assert "Bauelektrik" in text  # the occupation, in German on both parts
    assert "الخبرة المهنية" in text  # the Arabic part: "work experience"
    assert "ترجمة" in text  # "translation; the German version is authoritative"
    assert AuditEvent.objects.filter(
        event_type=EventType.EXPORT_CREATED, details__document="profile"
    ).exists()


def test_the_occupation_search_shows_the_codes_beside_the_words(agentur, client_for):
    page = client_for(agentur).get(reverse("web:occupation_list"), {"occupation_q": "pflege"})
    text = page.content.decode()
    assert "KldB 81302" in text
    assert "ISCO-08 3221" in text
