"""Uploading and withdrawing a person's documents. An upload is checked before anything is
stored (lotse/documents/validation.py): on a refusal there is no row and no file. A
withdrawal is a new state with its reason; the row and the file stay (docs/documents.md)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.documents.models import (
    DEFAULT_CATEGORY,
    REASON_MAX,
    TITLE_MAX,
    Document,
    DocumentCategory,
    DocumentKind,
    DocumentState,
)
from lotse.documents.validation import check_upload
from lotse.organisations.models import User
from lotse.people.countries import COUNTRY_NAMES
from lotse.people.models import Person


def _field_errors(
    *, kind: str, category: str, issued_on: date | None, title: str, issuer: str, country: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = _("Choose the kind of document.")
    if category not in DocumentCategory.values:
        errors["category"] = _("Unknown data category.")
    if issued_on is not None and issued_on > timezone.localdate():
        errors["issued_on"] = _("The date of issue cannot lie in the future.")
    for name, value in (("title", title), ("issuer", issuer)):
        if not is_storable_text(value):
            errors[name] = unstorable_text_message()
        elif len(value) > TITLE_MAX:
            errors[name] = _("At most %(most)s characters (now %(now)s).") % {
                "most": TITLE_MAX,
                "now": len(value),
            }
    if country and country not in COUNTRY_NAMES:
        errors["country"] = _("Unknown country.")
    return errors


def category_for(kind: str, category: str | None = None) -> str:
    """The category given, or the kind's default."""
    return category or DEFAULT_CATEGORY.get(kind, "")


@atomic_service
def document_upload(
    *,
    actor: User,
    person: Person,
    kind: str,
    file: Any,
    category: str | None = None,
    issued_on: date | None = None,
    title: str = "",
    issuer: str = "",
    country: str = "",
    replaces: Document | None = None,
) -> Document:
    """Add a document to the person at the actor's office, after checking the file by its
    content; a photo is stored without its metadata (`metadata_removed`). The audit trail names
    kind, category, size and SHA-256, never the content, and what metadata was removed. With
    `replaces` (a current document of the actor's office, e.g. an extended residence title) the
    earlier one is marked replaced and stays on record."""
    category = category_for(kind, category)
    authorize(
        actor,
        Action.EDIT_PERSON,
        person,
        purpose=Purpose.DOCUMENTS,
        categories=[category or DEFAULT_CATEGORY[DocumentKind.OTHER]],
    )
    title, issuer, country = title.strip(), issuer.strip(), country.strip().upper()
    errors = _field_errors(
        kind=kind,
        category=category,
        issued_on=issued_on,
        title=title,
        issuer=issuer,
        country=country,
    )
    if replaces is not None:
        errors.update(_replacement_errors(actor, person, replaces))
    try:
        checked = check_upload(file)
    except ValidationError as exc:
        errors.update({name: " ".join(msgs) for name, msgs in exc.message_dict.items()})
        raise ValidationError(errors) from exc
    if errors:
        checked.file.close()
        raise ValidationError(errors)
    document = Document(
        person=person,
        kind=kind,
        category=category,
        issued_on=issued_on,
        title=title,
        issuer=issuer,
        country=country,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        original_name=str(getattr(file, "name", "") or "")[:255],
        metadata_removed=bool(checked.metadata_removed),
        recorded_by=actor.office,
        recorded_by_user=actor,
    )
    document.file.save(f"upload.{checked.extension}", checked.file, save=False)
    checked.file.close()
    try:
        document.save()
        audit_record(
            event_type=EventType.DOCUMENT_UPLOADED,
            actor=actor,
            action=Action.EDIT_PERSON,
            obj=document,
            person_id=person.pk,
            purpose=Purpose.DOCUMENTS,
            categories=[category],
            details={
                "kind": kind,
                "category": category,
                "content_type": checked.content_type,
                "size": checked.size,
                "sha256": checked.sha256,
                # A photo written anew without its metadata: what it carried, and the
                # fingerprint of the file as it was uploaded (not stored).
                **(
                    {
                        "metadata_removed": list(checked.metadata_removed),
                        "uploaded_sha256": checked.uploaded_sha256,
                    }
                    if checked.metadata_removed
                    else {}
                ),
            },
        )
    except Exception:
        document.file.storage.delete(str(document.file.name))
        raise
    if replaces is not None:
        _mark_replaced(actor, replaces, document)
    return document


def _replacement_errors(actor: User, person: Person, replaces: Document) -> dict[str, str]:
    if replaces.person_id != person.pk or replaces.recorded_by_id != actor.office_id:
        return {"replaces": _("Only a document of your office for this person is replaced.")}
    if replaces.state != DocumentState.CURRENT:
        return {"replaces": _("This document was replaced or withdrawn already.")}
    return {}


def _mark_replaced(actor: User, old: Document, new: Document) -> None:
    old.state = DocumentState.REPLACED
    old.replaced_by = new
    old.save(update_fields=["state", "replaced_by", "updated_at"])
    audit_record(
        event_type=EventType.DOCUMENT_REPLACED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=old,
        person_id=old.person_id,
        purpose=Purpose.DOCUMENTS,
        categories=[old.category],
        details={"kind": old.kind, "category": old.category, "replaced_by": new.pk},
    )


@atomic_service
def document_withdraw(*, actor: User, document: Document, reason: str) -> Document:
    """Withdraw a document of the actor's office (uploaded by mistake, for the wrong person, no
    longer valid): it is marked withdrawn with the reason; row and file stay."""
    authorize(
        actor,
        Action.EDIT_PERSON,
        document.person,
        purpose=Purpose.DOCUMENTS,
        categories=[document.category],
    )
    reason = reason.strip()
    if not is_storable_text(reason):
        raise ValidationError({"reason": unstorable_text_message()})
    if document.recorded_by_id != actor.office_id:
        raise ValidationError(_("Only the office that uploaded a document withdraws it."))
    if document.state == DocumentState.WITHDRAWN:
        raise ValidationError(_("This document was withdrawn already."))
    if not reason:
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("At most %(most)s characters (now %(now)s).")
                % {"most": REASON_MAX, "now": len(reason)}
            }
        )
    document.state = DocumentState.WITHDRAWN
    document.withdrawn_at = timezone.now()
    document.withdrawn_by = actor
    document.withdrawal_reason = reason
    document.save(
        update_fields=["state", "withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"]
    )
    audit_record(
        event_type=EventType.DOCUMENT_WITHDRAWN,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=document,
        person_id=document.person_id,
        purpose=Purpose.DOCUMENTS,
        categories=[document.category],
        details={"kind": document.kind, "category": document.category},
    )
    return document
