"""Recording, withdrawing and printing consents through the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.consent.models import Consent
from lotse.consent.tests.conftest import IM_TUEBINGEN, SOZIALAMT_TUEBINGEN
from lotse.organisations.tests.factories import reference_office
from lotse.people.tests.factories import register


def form_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "recipients": [str(reference_office(IM_TUEBINGEN).pk)],
        "disclosing_offices": [str(reference_office(SOZIALAMT_TUEBINGEN).pk)],
        "categories": ["profile", "plan"],
        "purposes": ["integration_counselling", "language_course"],
        "purpose_details": "Beratung zum Integrationskurs",
        "given_on": today.isoformat(),
        "given_how": "signed_form_interpreter",
        "interpreter_name": "Samira Haddad",
        "interpreter_language": "ar",
        "explained_language": "ar",
        "valid_until": (today + timedelta(days=180)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_caseworker_records_a_consent_on_the_page(person, im_caseworker, client_for):
    client = client_for(im_caseworker)
    url = f"/persons/{person.pk}/consents/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert response["Location"].endswith(f"/persons/{person.pk}/#consents")
    consent = Consent.objects.get(person=person)
    assert consent.recorded_by == im_caseworker
    assert consent.recorded_by_office == im_caseworker.office
    assert list(consent.recipients.values_list("code", flat=True)) == [IM_TUEBINGEN]
    assert consent.categories == ["plan", "profile"]
    event = AuditEvent.objects.get(event_type=EventType.CONSENT_RECORDED)
    assert event.basis == consent.basis
    assert event.details["recipients"] == [IM_TUEBINGEN]

    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert f"Consent no. {consent.pk} of" in html
    assert "integration counselling" in html
    assert "active" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("recipients", [], "Name the offices that may receive the data."),
        ("categories", [], "Name the data categories the consent covers."),
        ("purposes", [], "a consent for any purpose is invalid"),
        ("valid_until", "", "A consent needs an end date."),
        ("given_how", "", "Say how the consent was given."),
        ("interpreter_name", "", "Name the interpreter and the language interpreted."),
    ],
)
def test_a_vague_consent_is_refused_with_a_message(
    field, value, message, person, im_caseworker, client_for
):
    response = client_for(im_caseworker).post(
        f"/persons/{person.pk}/consents/new/", form_data(**{field: value})
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html or "kern-fieldset--error" in html
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(event_type=EventType.CONSENT_RECORDED).exists()


def test_health_data_without_the_explicit_mark_are_refused(person, im_caseworker, client_for):
    response = client_for(im_caseworker).post(
        f"/persons/{person.pk}/consents/new/", form_data(categories=["health"])
    )
    assert "Health data need the person&#x27;s explicit consent" in response.content.decode()
    assert not Consent.objects.exists()
    response = client_for(im_caseworker).post(
        f"/persons/{person.pk}/consents/new/",
        form_data(categories=["health"], explicit_special_categories="on"),
    )
    assert response.status_code == 302
    assert Consent.objects.get().explicit_special_categories


def test_an_oral_consent_needs_its_circumstances(person, im_caseworker, client_for):
    response = client_for(im_caseworker).post(
        f"/persons/{person.pk}/consents/new/", form_data(given_how="oral")
    )
    assert "An oral consent needs special circumstances" in response.content.decode()


def test_withdrawing_on_the_page_needs_a_reason_and_takes_effect(
    person, im_caseworker, caseworker, client_for, record
):
    consent = record(im_caseworker, person)
    client = client_for(caseworker)  # the person withdraws at the Sozialamt
    url = f"/persons/{person.pk}/consents/withdraw/"
    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert f"Record the withdrawal of consent no. {consent.pk}" in html

    response = client.post(url, {"consent": consent.pk, "how": "phone", "reason": ""})
    # the page again, the entry as made, the error summary linked to the reason (422)
    assert response.status_code == 422
    consent.refresh_from_db()
    assert not consent.is_withdrawn
    html = response.content.decode()
    assert "data-error-summary" in html
    assert f'href="#id_withdraw_{consent.pk}_reason"' in html
    assert 'value="phone" selected' in html

    client.post(url, {"consent": consent.pk, "how": "in_person", "reason": "Widerruf im Gespräch"})
    consent.refresh_from_db()
    assert consent.is_withdrawn
    assert consent.withdrawn_by == caseworker
    assert consent.withdrawn_how == "in_person"
    event = AuditEvent.objects.get(event_type=EventType.CONSENT_WITHDRAWN)
    assert event.reason == "Widerruf im Gespräch"
    assert event.basis == consent.basis
    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert "withdrawn" in html
    assert "Widerruf im Gespräch" in html
    # a second withdrawal is refused, nothing changes
    client.post(url, {"consent": consent.pk, "how": "phone", "reason": "nochmal"})
    consent.refresh_from_db()
    assert consent.withdrawn_how == "in_person"


def test_no_consent_pages_for_an_office_without_a_case(
    person, record, im_caseworker, other_caseworker, abh_caseworker, client_for
):
    consent = record(im_caseworker, person)
    for user in (other_caseworker, abh_caseworker):  # another Kreis; same Kreis, no case
        client = client_for(user)
        assert client.get(f"/persons/{person.pk}/consents/new/").status_code == 404
        assert client.get(f"/persons/{person.pk}/consents/form.pdf").status_code == 404
        response = client.post(
            f"/persons/{person.pk}/consents/withdraw/",
            {"consent": consent.pk, "how": "phone", "reason": "x"},
        )
        assert response.status_code == 404
        assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=user).exists()
    consent.refresh_from_db()
    assert not consent.is_withdrawn


def test_a_consent_of_another_person_cannot_be_withdrawn_through_this_one(
    person, caseworker, im_caseworker, client_for, record
):
    other = register(caseworker, family_name="Haddad", given_names="Omar", original=None)
    consent = record(im_caseworker, person)
    response = client_for(caseworker).post(
        f"/persons/{other.pk}/consents/withdraw/",
        {"consent": consent.pk, "how": "phone", "reason": "x"},
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert not consent.is_withdrawn


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_form_is_a_pdf_in_german_and_the_persons_language(
    lang, person, im_caseworker, client_for, record
):
    consent = record(im_caseworker, person)
    client = client_for(im_caseworker)
    for query in (f"?lang={lang}", f"?consent={consent.pk}&lang={lang}"):
        response = client.get(f"/persons/{person.pk}/consents/form.pdf{query}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        codes = "de" if lang == "de" else "de-ar"
        assert response["Content-Disposition"].endswith(f'-{codes}.pdf"')
        assert "Al-Hassan" not in response["Content-Disposition"]
    export = AuditEvent.objects.filter(event_type=EventType.EXPORT_CREATED).first()
    assert export.details["consent"] == consent.pk
    assert export.details["languages"] == (["de"] if lang == "de" else ["de", "ar"])


def test_the_form_in_a_language_without_text_falls_back_to_english(
    person, im_caseworker, client_for
):
    person.preferred_language = "ps"
    person.save(update_fields=["preferred_language"])
    client = client_for(im_caseworker)
    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert "no translation into the person" in html
    response = client.get(f"/persons/{person.pk}/consents/form.pdf")
    assert response["Content-Disposition"].endswith('-de-en.pdf"')
