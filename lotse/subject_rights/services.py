"""The person's report (Art. 15 GDPR) and their correction requests (Art. 16 GDPR).

Each service is keyword-only, runs in one transaction and writes its audit event in it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Basis, LegalBasis
from lotse.consent.form_texts import document_languages
from lotse.core.text import check_length
from lotse.organisations.models import JobcenterForm, Office, OfficeKind, User
from lotse.people.models import Person
from lotse.status.facts import entries_in_force
from lotse.status.selectors import entry_get
from lotse.status.services import status_event_correct
from lotse.subject_rights.models import (
    CorrectionRequest,
    CorrectionStatus,
    DataItem,
    IdentityField,
    RequestOrigin,
)
from lotse.subject_rights.rules import REPORT_PURPOSE
from lotse.subject_rights.selectors import (
    CORRECTION_PURPOSE,
    OFFICE_CORRECTION_PURPOSE,
    identity_field_owner,
    identity_field_value,
    subject_report_data,
)

# --- the report ---------------------------------------------------------------------------------


@atomic_service
def subject_report_create(
    *,
    actor: User,
    person: Person,
    language: str,
    request_reference: str,
    include_note_texts: bool = False,
) -> bytes:
    """The person's report as PDF bytes (German and `language`), logged as an export.

    `request_reference` says which request it answers (e.g. "Antrag vom 02.03.2026, Az. 12"):
    a report is only produced for a request of the person, never on a whim.
    """
    from lotse.subject_rights.documents import report_pdf

    reference = check_length(request_reference, 200, "request_reference")
    if not reference:
        raise ValidationError(
            {"request_reference": _("Name the person's request (date, reference).")}
        )
    data = subject_report_data(actor=actor, person=person, include_note_texts=include_note_texts)
    person = data["person"]
    languages = document_languages(language or person.preferred_language)
    pdf = report_pdf(data=data, languages=languages, office=actor.office, reference=reference)
    audit_record(
        event_type=EventType.EXPORT_CREATED,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=person,
        person_id=person.pk,
        purpose=REPORT_PURPOSE,
        basis=LegalBasis(Basis.SUBJECT_REQUEST),
        reason=reference,
        categories=[str(category) for category in Category],
        details={
            "document": "subject access report",
            "languages": languages.codes,
            "request_reference": reference,
            "note_texts": include_note_texts,
            "producer_basis": data["basis"],
        },
    )
    return pdf


# --- corrections --------------------------------------------------------------------------------


@dataclass
class CorrectionInput:
    data_item: str = ""
    current_value: str = ""
    requested_value: str = ""
    evidence: str = ""
    received_on: date | None = None


SUPERVISORY_AUTHORITIES = {
    "bfdi": "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI), "
    "Graurheindorfer Str. 153, 53117 Bonn",
    "lfdi_bw": "Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit "
    "Baden-Württemberg (LfDI), Lautenschlagerstraße 20, 70173 Stuttgart",
}


def supervisory_authority(office: Office) -> str:
    """The authority a person may complain to about `office` (Art. 77 GDPR): the federal
    commissioner for the Agenturen and the gE Jobcenter (federal oversight, § 50 Abs. 4 SGB II),
    the Land commissioner for the departments of a Kreis and a zkT."""
    federal = office.kind == OfficeKind.AGENTUR or (
        office.kind == OfficeKind.JOBCENTER and office.jobcenter_form == JobcenterForm.GE
    )
    return SUPERVISORY_AUTHORITIES["bfdi" if federal else "lfdi_bw"]


@atomic_service
def correction_request_record(
    *, actor: User, person: Person, data: CorrectionInput
) -> CorrectionRequest:
    """Record what the person says is wrong; the request stays open until it is answered."""
    authorize(actor, Action.EDIT_PERSON, person, purpose=CORRECTION_PURPOSE)
    return _correction_request_create(actor=actor, person=person, data=data)


def _correction_request_create(*, actor: User, person: Person, data: CorrectionInput):
    errors = {}
    if data.data_item not in DataItem.values:
        errors["data_item"] = _("Say which data the person holds to be wrong.")
    if not data.requested_value.strip():
        errors["requested_value"] = _("Write down what the person says is correct.")
    if data.received_on is None:
        errors["received_on"] = _("Say when the request was received.")
    elif data.received_on > timezone.localdate():
        errors["received_on"] = _("A request cannot be received in the future.")
    if errors:
        raise ValidationError(errors)
    item = CorrectionRequest.objects.create(
        person=person,
        data_item=data.data_item,
        current_value=data.current_value.strip(),
        requested_value=data.requested_value.strip(),
        evidence=data.evidence.strip(),
        received_on=data.received_on,
        received_by_office=actor.office,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit_record(
        event_type=EventType.CORRECTION_REQUESTED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=item,
        person_id=person.pk,
        purpose=CORRECTION_PURPOSE,
        basis=LegalBasis(Basis.CORRECTION),
        categories=[Category.IDENTITY],
        details={"data_item": item.data_item, "received_on": item.received_on.isoformat()},
    )
    return item


def change_events_for(item: CorrectionRequest) -> list[AuditEvent]:
    """Changes of the person's data since the request was received: what a resolution links."""
    start = timezone.make_aware(datetime.combine(item.received_on, time.min))
    return list(
        AuditEvent.objects.filter(
            person_id=str(item.person_id),
            occurred_at__gte=start,
            event_type__in=[
                EventType.PERSON_CHANGED,
                EventType.CASE_CHANGED,
                EventType.CONSENT_WITHDRAWN,
            ],
        ).select_related("office")[:50]
    )


@atomic_service
def correction_request_resolve(
    *,
    actor: User,
    request: CorrectionRequest,
    status: str,
    change_made: str = "",
    change_event_ids: list[int] | None = None,
    rejection_reason: str = "",
) -> CorrectionRequest:
    """Answer a request: done (what was changed, linked to the change's audit events) or
    rejected (with the reason, and the supervisory authority the person may complain to).
    Only the office that received the request answers it, and only once."""
    authorize(actor, Action.EDIT_PERSON, request.person, purpose=CORRECTION_PURPOSE)
    return _correction_request_answer(
        actor=actor,
        request=request,
        status=status,
        change_made=change_made,
        change_event_ids=change_event_ids,
        rejection_reason=rejection_reason,
    )


def _correction_request_answer(
    *, actor: User, request, status, change_made, change_event_ids, rejection_reason
) -> CorrectionRequest:
    item = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    if item.origin != RequestOrigin.PERSON:
        raise ValidationError(_("This request of another office is answered on its own page."))
    if item.received_by_office_id != actor.office_id:
        raise ValidationError(_("Only the office that received the request answers it."))
    if item.status != CorrectionStatus.OPEN:
        raise ValidationError(_("This request has been answered already."))
    if status == CorrectionStatus.DONE:
        if not change_made.strip():
            raise ValidationError({"change_made": _("Say what was changed.")})
        allowed = {event.pk for event in change_events_for(item)}
        chosen = [int(pk) for pk in change_event_ids or []]
        if not set(chosen) <= allowed:
            raise ValidationError({"change_events": _("Link only changes of this person.")})
        item.change_made = change_made.strip()
        item.change_events = sorted(chosen)
    elif status == CorrectionStatus.REJECTED:
        if not rejection_reason.strip():
            raise ValidationError(
                {"rejection_reason": _("A rejection needs a reason that the person is told.")}
            )
        item.rejection_reason = rejection_reason.strip()
        item.supervisory_authority = supervisory_authority(actor.office)
    else:
        raise ValidationError({"status": _("Choose corrected or rejected.")})
    item.status = status
    item.resolved_at = timezone.now()
    item.resolved_by = actor
    item.save()
    audit_record(
        event_type=EventType.CORRECTION_RESOLVED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=item,
        person_id=item.person_id,
        purpose=CORRECTION_PURPOSE,
        basis=LegalBasis(Basis.CORRECTION),
        reason=item.rejection_reason or item.change_made,
        categories=[Category.IDENTITY],
        details={"status": item.status, "change_events": item.change_events},
    )
    return item


# --- corrections asked for by another office ----------------------------------------------------
OFFICE_CORRECTION_BASIS = "§ 84 Abs. 1 SGB X; Art. 5(1)(d), 16 GDPR (accuracy)"
DATA_ITEM_OF_FIELD = {
    IdentityField.NAME: DataItem.NAME,
    IdentityField.BIRTH_DATE: DataItem.BIRTH,
    IdentityField.BIRTH_PLACE: DataItem.BIRTH,
    IdentityField.SEX: DataItem.SEX,
    IdentityField.NATIONALITY: DataItem.NATIONALITY,
}


@dataclass
class OfficeCorrectionInput:
    what_is_wrong: str = ""
    correct_value: str = ""


def status_entry_value(entry) -> str:
    details = "; ".join(f"{key}: {value}" for key, value in entry.details.items())
    text = f"{entry.date:%d.%m.%Y} {entry.get_kind_display()}"
    return f"{text} ({details})" if details else text


def _check_office_input(data: OfficeCorrectionInput) -> None:
    errors = {}
    if not data.what_is_wrong.strip():
        errors["what_is_wrong"] = _("Say what is wrong and how you know.")
    if not data.correct_value.strip():
        errors["correct_value"] = _("Say what is correct.")
    if errors:
        raise ValidationError(errors)


def _entry_concerned(actor: User, person: Person, status_event, identity_field: str) -> dict:
    """The entry as the actor's office may see it (404 and the refusal logged if not), its
    owning office and its value as recorded."""
    if status_event is not None:
        entry = entry_get(actor=actor, person=person, entry_id=status_event.pk)
        if entry not in entries_in_force(person.status_events.all()):
            raise ValidationError(_("This entry was corrected or taken back already."))
        return {
            "status_event": entry,
            "identity_field": "",
            "owner": entry.recorded_by_office,
            "current": status_entry_value(entry),
            "data_item": DataItem.CASE,
            "category": Category.STATUS,
        }
    if identity_field not in IdentityField.values:
        raise ValidationError(_("Choose the entry that is wrong."))
    authorize(
        actor,
        Action.VIEW_PERSON,
        person,
        purpose=OFFICE_CORRECTION_PURPOSE,
        categories=[Category.IDENTITY],
    )
    return {
        "status_event": None,
        "identity_field": identity_field,
        "owner": identity_field_owner(person, identity_field),
        "current": identity_field_value(person, identity_field),
        "data_item": DATA_ITEM_OF_FIELD[identity_field],
        "category": Category.IDENTITY,
    }


@atomic_service
def office_correction_request(
    *,
    actor: User,
    person: Person,
    data: OfficeCorrectionInput,
    status_event=None,
    identity_field: str = "",
) -> CorrectionRequest:
    """Ask the office that owns an entry to correct it. Only an office that may see the entry
    asks (a status entry of another office: the policy's category rules decide), never about an
    entry of its own; the request waits in the owning office's inbox until it is answered."""
    concerned = _entry_concerned(actor, person, status_event, identity_field)
    owner = concerned["owner"]
    if owner is None:
        raise ValidationError(_("No office is named for this entry, so nobody can be asked."))
    if owner.pk == actor.office_id:
        raise ValidationError(_("This entry is your own office's: correct it yourself."))
    _check_office_input(data)
    return _office_request_create(actor=actor, person=person, data=data, concerned=concerned)


def _office_request_create(*, actor: User, person, data, concerned) -> CorrectionRequest:
    already = CorrectionRequest.objects.select_for_update().filter(
        person=person,
        requested_by_office=actor.office,
        status=CorrectionStatus.OPEN,
        status_event=concerned["status_event"],
        identity_field=concerned["identity_field"],
    )
    if already.exists():
        raise ValidationError(_("Your office has asked for this already; the request is open."))
    item = CorrectionRequest.objects.create(
        person=person,
        origin=RequestOrigin.OFFICE,
        data_item=concerned["data_item"],
        status_event=concerned["status_event"],
        identity_field=concerned["identity_field"],
        current_value=concerned["current"],
        requested_value=data.correct_value.strip(),
        evidence=data.what_is_wrong.strip(),
        received_on=timezone.localdate(),
        received_by_office=concerned["owner"],
        requested_by_office=actor.office,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit_record(
        event_type=EventType.CORRECTION_ASKED,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=item,
        person_id=person.pk,
        purpose=OFFICE_CORRECTION_PURPOSE,
        basis=OFFICE_CORRECTION_BASIS,
        categories=[concerned["category"]],
        details={
            "owner": concerned["owner"].code,
            "status_event": item.status_event_id,
            "identity_field": item.identity_field,
        },
    )
    return item


def _open_request_of_owner(actor: User, request: CorrectionRequest) -> CorrectionRequest:
    if request.origin != RequestOrigin.OFFICE:
        raise ValidationError(_("This is a request of the person: answer it on its own page."))
    # The owning office only, within its Kreis (the request's object rule), with an open case.
    authorize(actor, Action.EDIT_PERSON, request, purpose=OFFICE_CORRECTION_PURPOSE)
    authorize(actor, Action.EDIT_PERSON, request.person, purpose=OFFICE_CORRECTION_PURPOSE)
    item = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    if item.status != CorrectionStatus.OPEN:
        raise ValidationError(_("This request has been answered already."))
    return item


def _answered(actor: User, item: CorrectionRequest, status: str) -> CorrectionRequest:
    item.status = status
    item.resolved_at = timezone.now()
    item.resolved_by = actor
    item.save()
    audit_record(
        event_type=EventType.CORRECTION_RESOLVED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=item,
        person_id=item.person_id,
        purpose=OFFICE_CORRECTION_PURPOSE,
        basis=OFFICE_CORRECTION_BASIS,
        reason=item.rejection_reason or item.change_made,
        categories=[Category.STATUS if item.status_event_id else Category.IDENTITY],
        details={
            "status": item.status,
            "asked_by": item.requested_by_office.code,
            "correction_entry": item.correction_entry_id,
            "change_events": item.change_events,
        },
    )
    return item


@atomic_service
def office_correction_refuse(*, actor: User, request: CorrectionRequest, reason: str):
    """The owning office answers that the entry stays as it is, and says why."""
    item = _open_request_of_owner(actor, request)
    if not reason.strip():
        raise ValidationError(
            {"rejection_reason": _("Say why the entry stays as it is: the other office is told.")}
        )
    item.rejection_reason = reason.strip()
    return _answered(actor, item, CorrectionStatus.REJECTED)


@atomic_service
def office_correction_correct_status(
    *,
    actor: User,
    request: CorrectionRequest,
    date: date,
    details: dict | None = None,
    source: str,
    reason: str,
    note: str = "",
) -> CorrectionRequest:
    """The owning office corrects the status entry the request concerns: a new entry replaces
    it (the old one stays, as corrected later), and the request is answered as corrected, with
    the new entry and its audit event linked."""

    item = _open_request_of_owner(actor, request)
    if item.status_event_id is None:
        raise ValidationError(_("This request does not concern a status entry."))
    correction = status_event_correct(
        actor=actor,
        entry=item.status_event,
        date=date,
        details=details,
        source=source,
        reason=reason,
        note=note,
    )
    event = (
        AuditEvent.objects.filter(
            event_type=EventType.STATUS_EVENT_CORRECTED, object_id=str(correction.pk)
        )
        .order_by("-pk")
        .first()
    )
    item.correction_entry = correction
    item.change_made = _("Status entry corrected: %(reason)s") % {"reason": reason.strip()}
    item.change_events = [event.pk] if event else []
    return _answered(actor, item, CorrectionStatus.DONE)


@atomic_service
def office_correction_done(*, actor: User, request: CorrectionRequest, change_made: str):
    """The owning office says what it changed (a field of the identity core, corrected with the
    person page's forms: the person's field history keeps the old value)."""
    item = _open_request_of_owner(actor, request)
    if not change_made.strip():
        raise ValidationError({"change_made": _("Say what was changed.")})
    if item.status_event_id is not None:
        raise ValidationError(_("Correct the status entry with the form of this request."))
    item.change_made = change_made.strip()
    item.change_events = [e.pk for e in change_events_for(item)][:20]
    return _answered(actor, item, CorrectionStatus.DONE)
