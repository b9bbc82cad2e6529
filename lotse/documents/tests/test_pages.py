"""The documents pages as the staff see them: the list with its count, the upload form with its
refusals, the download, the withdrawal; what another office may not see is announced only."""

from django.urls import reverse

from lotse.audit.models import AuditEvent, EventType
from lotse.documents.models import Document, DocumentKind, DocumentState
from lotse.documents.services import document_upload

from .conftest import ELF, pdf_bytes, upload


def _url(name, person, **kwargs):
    return reverse(f"web:{name}", kwargs={"person_id": person.pk, **kwargs})


def test_upload_and_list(agentur, person, client_for):
    client = client_for(agentur)
    page = client.get(_url("document_new", person))
    assert page.status_code == 200
    assert "Dokument hochladen" in page.content.decode()
    assert "– optional" in page.content.decode()
    response = client.post(
        _url("document_new", person),
        {
            "kind": DocumentKind.BAMF_DECISION,
            "issued_on": "2025-03-01",
            "issuer": "BAMF Karlsruhe",
            "title": "Anerkennung als Flüchtling",
            "file": upload("bescheid.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302
    listing = client.get(_url("document_list", person)).content.decode()
    assert "1 Dokument" in listing
    assert "Bescheid des BAMF: Anerkennung als Flüchtling" in listing
    assert "01.03.2025" in listing
    assert "Agentur" in listing


def test_a_refused_upload_says_why_and_keeps_the_input(agentur, person, client_for):
    response = client_for(agentur).post(
        _url("document_new", person),
        {
            "kind": DocumentKind.SCHOOL_CERTIFICATE,
            "title": "Abschlusszeugnis Klasse 10",
            "file": upload("zeugnis.pdf", ELF),
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Die Datei ist kein PDF oder Bild (erkannt: ein Programm" in page
    assert 'value="Abschlusszeugnis Klasse 10"' in page
    assert 'href="#id_file"' in page  # the error summary links to the field
    assert not Document.objects.exists()


def test_download_is_an_attachment_and_logged(agentur, jobcenter, person, client_for):
    content = pdf_bytes()
    document = document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.SCHOOL_CERTIFICATE,
        file=upload("zeugnis.pdf", content),
    )
    # the Jobcenter reads the Agentur's profile documents by statute (§ 69 SGB X)
    response = client_for(jobcenter).get(_url("document_file", person, document_id=document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    event = AuditEvent.objects.get(event_type=EventType.DOCUMENT_READ)
    assert event.details["sha256"] == document.sha256


def test_another_office_is_told_it_exists_not_what_it_says(agentur, abh, person, client_for):
    document = document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.SCHOOL_CERTIFICATE,
        file=upload("zeugnis.pdf", pdf_bytes()),
        title="Zeugnis der Mittleren Reife",
    )
    client = client_for(abh)
    page = client.get(_url("document_list", person)).content.decode()
    assert "0 Dokumente" in page
    assert "Ein Dokument der Art „Schulzeugnis“ liegt bei" in page
    assert "Mittleren Reife" not in page
    assert client.get(_url("document_file", person, document_id=document.pk)).status_code == 404


def test_a_medical_certificate_is_not_even_named(agentur, jobcenter, person, client_for):
    document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.MEDICAL_CERTIFICATE,
        file=upload("attest.pdf", pdf_bytes()),
    )
    page = client_for(jobcenter).get(_url("document_list", person)).content.decode()
    assert "Ein Dokument liegt bei" in page
    assert "Ärztliche" not in page


def test_withdraw(agentur, person, client_for):
    document = document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.IDENTITY,
        file=upload("pass.pdf", pdf_bytes()),
    )
    client = client_for(agentur)
    url = _url("document_withdraw", person, document_id=document.pk)
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 422
    assert "Geben Sie an, warum das Dokument zurückgezogen wird." in empty.content.decode()
    assert client.post(url, {"reason": "falsche Person"}).status_code == 302
    document.refresh_from_db()
    assert document.state == DocumentState.WITHDRAWN
    page = client.get(_url("document_list", person)).content.decode()
    assert "Dokument zurückgezogen" in page
    assert "falsche Person" in page


def test_replace_through_the_page(abh, person, client_for):
    old = document_upload(
        actor=abh, person=person, kind=DocumentKind.RESIDENCE, file=upload("a.pdf", pdf_bytes())
    )
    client = client_for(abh)
    url = _url("document_new", person) + f"?replaces={old.pk}"
    form = client.get(url).content.decode()
    assert "Das neue Dokument ersetzt: Aufenthaltsdokument" in form
    response = client.post(
        url,
        {"kind": DocumentKind.RESIDENCE, "replaces": old.pk, "file": upload("b.pdf", pdf_bytes())},
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.state == DocumentState.REPLACED
    page = client.get(_url("document_list", person)).content.decode()
    assert "durch ein neueres Dokument ersetzt" in page
