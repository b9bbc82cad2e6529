"""The person's report names purposes and legal bases from the audit trail's codes, in German
(and in English in an English part), in the HTML and in the PDF."""

from datetime import date

from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Basis, LegalBasis, Purpose
from lotse.consent.form_texts import document_languages
from lotse.subject_rights.documents import report_html
from lotse.subject_rights.selectors import subject_report_data
from lotse.subject_rights.services import subject_report_create
from lotse.subject_rights.tests.test_report import pdf_text


def _reads(person, jc_caseworker):
    for basis in (
        LegalBasis.consent(number=1, given_on=date(2026, 11, 3)),
        LegalBasis(Basis.REFERRAL_PARTY),
    ):
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=jc_caseworker,
            person_id=person.pk,
            purpose=Purpose.CASE_WORK,
            basis=basis,
            categories=["identity"],
        )


def _html(person, caseworker, language):
    data = subject_report_data(actor=caseworker, person=person)
    return report_html(
        data=data, languages=document_languages(language), office=caseworker.office, reference="A"
    )


def test_the_report_names_the_bases_in_german(person, referred, caseworker, jc_caseworker):
    _reads(person, jc_caseworker)
    html = _html(person, caseworker, "de")
    assert "Einwilligung Nr. 1 vom 3. November 2026" in html
    assert "Beteiligt an der Weiterleitung" in html
    assert "Fallbearbeitung" in html
    # the Jobcenter's reads of what the referral shared, under § 69 SGB X
    assert f"übermittelt mit der Weiterleitung Nr. {referred.pk}" in html
    assert "consent #" not in html
    assert "party to the referral" not in html
    assert "case work" not in html


def test_an_english_part_names_them_in_english(person, referred, caseworker, jc_caseworker):
    _reads(person, jc_caseworker)
    html = _html(person, caseworker, "en")
    assert "Einwilligung Nr. 1 vom 3. November 2026" in html  # the German part
    assert "consent no. 1 of 3 November 2026" in html  # the English part
    assert "party to the referral" in html


def test_the_pdf_shows_them(person, referred, caseworker, jc_caseworker):
    _reads(person, jc_caseworker)
    pdf = subject_report_create(
        actor=caseworker, person=person, language="de", request_reference="Antrag 02.12."
    )
    text = " ".join(pdf_text(pdf).split())
    assert "Einwilligung Nr. 1 vom 3. November" in text
    assert "Beteiligt an der Weiterleitung" in text
