"""Uploads checked by their content: a renamed program, a file over the limit and a PDF with
JavaScript are refused with a clear reason, and nothing is stored."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from lotse.audit.models import AuditEvent, EventType
from lotse.documents.models import Document, DocumentKind, DocumentState
from lotse.documents.services import document_upload, document_withdraw

from .conftest import ELF, PNG, pdf_bytes, upload


def stored_files(folder):
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def refused(actor, person, file, documents_folder) -> str:
    with pytest.raises(ValidationError) as exc:
        document_upload(actor=actor, person=person, kind=DocumentKind.SCHOOL_CERTIFICATE, file=file)
    assert not Document.objects.exists()
    assert stored_files(documents_folder) == []
    assert not AuditEvent.objects.filter(event_type=EventType.DOCUMENT_UPLOADED).exists()
    return " ".join(exc.value.message_dict["file"])


def test_a_renamed_program_is_refused(agentur, person, documents_folder):
    message = refused(agentur, person, upload("zeugnis.pdf", ELF), documents_folder)
    assert message == (
        "Die Datei ist kein PDF oder Bild (erkannt: ein Programm, application/x-executable)."
    )


def test_a_script_named_pdf_is_refused(agentur, person, documents_folder):
    message = refused(agentur, person, upload("a.pdf", b"#!/bin/sh\nrm -rf /\n"), documents_folder)
    assert message == "Die Datei ist kein PDF oder Bild (erkannt: ein Skript)."


def test_an_oversized_file_is_refused(agentur, person, documents_folder, settings):
    settings.DOCUMENTS_MAX_BYTES = 10 * 1024 * 1024
    big = pdf_bytes() + b"\n%" + b"x" * (10 * 1024 * 1024)
    message = refused(agentur, person, upload("gross.pdf", big), documents_folder)
    assert message == "Die Datei ist größer als 10 MB."


def test_the_size_is_counted_while_reading(agentur, person, documents_folder, settings):
    """A file that claims to be small is counted as it is read."""
    settings.DOCUMENTS_MAX_BYTES = 1000
    file = upload("klein.pdf", pdf_bytes() + b"%" + b"x" * 2000)
    file.size = 10
    assert refused(agentur, person, file, documents_folder).startswith("Die Datei ist größer")


def test_a_pdf_with_javascript_is_refused(agentur, person, documents_folder):
    file = upload("b.pdf", pdf_bytes(javascript=True))
    message = refused(agentur, person, file, documents_folder)
    assert message == "Das PDF enthält ausführbare Inhalte (JavaScript) und wird nicht angenommen."


def test_a_pdf_with_an_automatic_action_is_refused(agentur, person, documents_folder):
    file = upload("c.pdf", pdf_bytes(open_action=True))
    message = refused(agentur, person, file, documents_folder)
    assert message == (
        "Das PDF enthält ausführbare Inhalte (eine automatische Aktion) und wird nicht angenommen."
    )


def test_an_encrypted_pdf_is_refused(agentur, person, documents_folder):
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("geheim")
    out = io.BytesIO()
    writer.write(out)
    message = refused(agentur, person, upload("d.pdf", out.getvalue()), documents_folder)
    assert "verschlüsselt" in message


def test_a_broken_pdf_is_refused(agentur, person, documents_folder):
    message = refused(agentur, person, upload("e.pdf", b"%PDF-1.7\n garbage"), documents_folder)
    assert "kann nicht gelesen werden" in message


def test_a_pdf_and_a_png_are_taken(agentur, person, documents_folder):
    content = pdf_bytes()
    document = document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.BAMF_DECISION,
        file=upload("../../etc/bescheid.exe", content),
        title="Bescheid über die Anerkennung",
    )
    image = document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.LANGUAGE_CERTIFICATE,
        file=upload("zertifikat.pdf", PNG, "application/pdf"),
    )
    assert (document.category, document.content_type) == ("status", "application/pdf")
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.original_name == "bescheid.exe"  # kept as text, never a path
    assert document.file.name.endswith(".pdf")
    assert ".." not in document.file.name
    assert document.file.name.startswith(f"{person.pk}/")
    assert (image.content_type, image.category) == ("image/png", "profile")
    assert image.file.name.endswith(".png")
    assert len(stored_files(documents_folder)) == 2
    event = AuditEvent.objects.get(event_type=EventType.DOCUMENT_UPLOADED, object_id=document.pk)
    assert event.details["sha256"] == document.sha256
    assert "bescheid" not in str(event.details).lower()


def test_withdrawal_keeps_the_row_and_the_file(agentur, jobcenter, person, documents_folder):
    document = document_upload(
        actor=agentur, person=person, kind=DocumentKind.IDENTITY, file=upload("p.pdf", pdf_bytes())
    )
    with pytest.raises(ValidationError):
        document_withdraw(actor=jobcenter, document=document, reason="falsch")
    with pytest.raises(ValidationError) as exc:
        document_withdraw(actor=agentur, document=document, reason="  ")
    assert "reason" in exc.value.message_dict
    document_withdraw(actor=agentur, document=document, reason="falsche Person")
    document.refresh_from_db()
    assert document.state == DocumentState.WITHDRAWN
    assert document.withdrawal_reason == "falsche Person"
    assert len(stored_files(documents_folder)) == 1
    assert AuditEvent.objects.filter(event_type=EventType.DOCUMENT_WITHDRAWN).count() == 1


def test_a_newer_document_replaces_the_earlier_one(abh, agentur, person, documents_folder):
    old = document_upload(
        actor=abh, person=person, kind=DocumentKind.RESIDENCE, file=upload("a.pdf", pdf_bytes())
    )
    with pytest.raises(ValidationError) as exc:
        document_upload(
            actor=agentur,
            person=person,
            kind=DocumentKind.RESIDENCE,
            file=upload("b.pdf", pdf_bytes()),
            replaces=old,
        )
    assert "replaces" in exc.value.message_dict
    new = document_upload(
        actor=abh,
        person=person,
        kind=DocumentKind.RESIDENCE,
        file=upload("c.pdf", pdf_bytes()),
        replaces=old,
    )
    old.refresh_from_db()
    assert (old.state, old.replaced_by) == (DocumentState.REPLACED, new)
    assert len(stored_files(documents_folder)) == 2


def test_the_issuing_country_is_kept(agentur, person, documents_folder):
    """The country where a certificate was issued, as its three-letter code (Syrien: SYR)."""
    document = document_upload(
        actor=agentur,
        person=person,
        kind=DocumentKind.SCHOOL_CERTIFICATE,
        file=upload("zeugnis.pdf", pdf_bytes()),
        country="syr",
    )
    document.refresh_from_db()
    assert document.country == "SYR"
    with pytest.raises(ValidationError) as exc:
        document_upload(
            actor=agentur,
            person=person,
            kind=DocumentKind.SCHOOL_CERTIFICATE,
            file=upload("zeugnis.pdf", pdf_bytes()),
            country="XX",
        )
    assert exc.value.message_dict["country"] == ["Unbekanntes Land."]
