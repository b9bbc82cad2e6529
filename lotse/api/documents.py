"""A person's documents in the JSON API: the list (with the offices holding documents the
caller may not see), an upload (multipart: the file and its fields), the file itself — on the
same selectors, services and policy as the pages."""

from datetime import date, datetime
from uuid import UUID

from django.http import FileResponse
from ninja import File, Form, Router, Schema, Status, UploadedFile

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.audit.vocabulary import Purpose
from lotse.documents.models import Document
from lotse.documents.selectors import document_get, document_open, documents_of_person_list
from lotse.documents.services import document_upload
from lotse.people.selectors import person_get

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    category: str
    issued_on: date | None
    issuer: str
    country: str
    title: str
    content_type: str
    size: int
    sha256: str
    metadata_removed: bool  # a photo's EXIF (GPS position, device) or text was removed
    state: str  # current, replaced, withdrawn
    withdrawal_reason: str
    recorded_by: str  # office code
    created_at: datetime


class HiddenDocumentOut(Schema):
    office: str  # office code
    kind: str  # "" for a special category (health): not even the kind is told


class DocumentsOut(Schema):
    person: UUID
    count: int
    documents: list[DocumentOut]
    # Documents that exist at other offices but are not open to the caller's (never described).
    hidden: list[HiddenDocumentOut]


class DocumentIn(Schema):
    kind: str
    category: str | None = None
    issued_on: date | None = None
    issuer: str = ""
    country: str = ""
    title: str = ""
    replaces: int | None = None  # a current document of the caller's office that this replaces


def _out(document: Document) -> dict:
    return {
        "id": document.pk,
        "kind": document.kind,
        "kind_label": str(document.get_kind_display()),
        "category": document.category,
        "issued_on": document.issued_on,
        "issuer": document.issuer,
        "country": document.country,
        "title": document.title,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "metadata_removed": document.metadata_removed,
        "state": document.state,
        "withdrawal_reason": document.withdrawal_reason,
        "recorded_by": document.recorded_by.code,
        "created_at": document.created_at,
    }


@router.get("/persons/{person_id}/documents", response={200: DocumentsOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def document_list(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.DOCUMENTS)
    found = documents_of_person_list(actor=request.user, person=person)
    return {
        "person": person.pk,
        "count": found.count,
        "documents": [_out(d) for d in found.documents],
        "hidden": [{"office": h.office.code, "kind": h.kind} for h in found.hidden],
    }


@router.post(
    "/persons/{person_id}/documents",
    response={201: DocumentOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def document_create(
    request,
    person_id: UUID,
    payload: Form[DocumentIn],
    file: File[UploadedFile],
):
    """Upload a document (multipart/form-data): the file is checked by its content (PDF, JPEG,
    PNG, TIFF, HEIC; no JavaScript or other active content in a PDF; at most
    DOCUMENTS_MAX_BYTES); a refusal is 422 with the reason on `file`, and nothing is stored."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.DOCUMENTS, edit=True
    )
    replaces = (
        document_get(actor=request.user, person=person, document_id=payload.replaces)
        if payload.replaces is not None
        else None
    )
    document = document_upload(
        actor=request.user,
        person=person,
        kind=payload.kind,
        file=file,
        category=payload.category or None,
        issued_on=payload.issued_on,
        title=payload.title,
        issuer=payload.issuer,
        country=payload.country,
        replaces=replaces,
    )
    return Status(201, _out(document))


@router.get(
    "/persons/{person_id}/documents/{document_id}/file",
    response={200: None, **errors(404)},
)
@requires(Action.VIEW_PERSON, person_data=True)
def document_file(request, person_id: UUID, document_id: int):
    """The file itself, as an attachment (its type as detected at the upload)."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.DOCUMENTS)
    document = document_get(actor=request.user, person=person, document_id=document_id)
    handle = document_open(actor=request.user, document=document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
