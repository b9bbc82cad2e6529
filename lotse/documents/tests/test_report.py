"""Every document of every office is in the person's report (Art. 15 GDPR): its kind, date,
office and category; a withdrawn one marked."""

from lotse.consent.form_texts import document_languages
from lotse.documents.models import DocumentKind
from lotse.documents.services import document_upload, document_withdraw
from lotse.subject_rights.documents import report_html
from lotse.subject_rights.selectors import subject_report_data

from .conftest import pdf_bytes, upload


def test_the_report_lists_every_document(caseworker, agentur, abh, person):
    from datetime import date

    document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.MEDICAL_CERTIFICATE,
        file=upload("attest.pdf", pdf_bytes()),
        issued_on=date(2025, 2, 3),
    )
    wrong = document_upload(
        actor=abh, person=person, kind=DocumentKind.RESIDENCE, file=upload("t.pdf", pdf_bytes())
    )
    document_withdraw(actor=abh, document=wrong, reason="falsche Person")
    data = subject_report_data(actor=caseworker, person=person)
    rows = {row["kind"]: row for row in data["documents"]}
    assert set(rows) == {
        "Ärztliche Bescheinigung",
        "Aufenthaltsdokument (Aufenthaltstitel, Duldung, Gestattung)",
    }
    assert rows["Ärztliche Bescheinigung"]["recorded_by"] == agentur.office.name
    assert rows["Ärztliche Bescheinigung"]["category"] == "health"
    assert rows["Aufenthaltsdokument (Aufenthaltstitel, Duldung, Gestattung)"]["withdrawn_at"]
    html = report_html(
        data=data,
        languages=document_languages("ar"),
        office=caseworker.office,
        reference="R-1",
    )
    assert "Ihre Dokumente: Zeugnisse, Bescheide und Papiere" in html
    assert "مستنداتك" in html
    assert "03.02.2025" in html
    assert "zurückgezogen am" in html
