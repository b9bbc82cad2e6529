"""The person's report (Art. 15 GDPR) and their correction requests (Art. 16 GDPR).

Each service is keyword-only, runs in one transaction and writes its audit event in it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import audit_record
from lotse.core.text import check_length
from lotse.organisations.models import JobcenterForm, Office, OfficeKind
from lotse.people.models import Person
from lotse.subject_rights.models import CorrectionRequest, CorrectionStatus, DataItem
from lotse.subject_rights.rules import REPORT_PURPOSE
from lotse.subject_rights.selectors import CORRECTION_PURPOSE, subject_report_data

# --- the report ---------------------------------------------------------------------------------


def subject_report_create(
    *,
    actor,
    person: Person,
    language: str,
    request_reference: str,
    include_note_texts: bool = False,
) -> bytes:
    """The person's report as PDF bytes (German and `language`), logged as an export.

    `request_reference` says which request it answers (e.g. "Antrag vom 02.03.2026, Az. 12"):
    a report is only produced for a request of the person, never on a whim.
    """
    from lotse.subject_rights.documents import report_languages, report_pdf

    reference = check_length(request_reference, 200, "request_reference")
    if not reference:
        raise ValidationError(
            {"request_reference": _("Name the person's request (date, reference).")}
        )
    # Read (and a refusal logged) before the transaction: a refused attempt stays in the trail.
    data = subject_report_data(actor=actor, person=person, include_note_texts=include_note_texts)
    person = data["person"]
    languages = report_languages(language or person.preferred_language)
    pdf = report_pdf(data=data, languages=languages, office=actor.office, reference=reference)
    with transaction.atomic():
        audit_record(
            event_type=EventType.EXPORT_CREATED,
            actor=actor,
            action=Action.VIEW_PERSON,
            obj=person,
            person_id=person.pk,
            purpose=REPORT_PURPOSE,
            basis="Art. 15 GDPR (request of the person)",
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


def correction_request_record(*, actor, person: Person, data: CorrectionInput) -> CorrectionRequest:
    """Record what the person says is wrong; the request stays open until it is answered."""
    # Asked before the transaction, so that a refusal stays in the audit trail.
    authorize(actor, Action.EDIT_PERSON, person, purpose=CORRECTION_PURPOSE)
    with transaction.atomic():
        return _correction_request_create(actor=actor, person=person, data=data)


def _correction_request_create(*, actor, person: Person, data: CorrectionInput):
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
        basis="Art. 16 GDPR; § 84 SGB X",
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


def correction_request_resolve(
    *,
    actor,
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
    with transaction.atomic():
        return _correction_request_answer(
            actor=actor,
            request=request,
            status=status,
            change_made=change_made,
            change_event_ids=change_event_ids,
            rejection_reason=rejection_reason,
        )


def _correction_request_answer(
    *, actor, request, status, change_made, change_event_ids, rejection_reason
) -> CorrectionRequest:
    item = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
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
        basis="Art. 16 GDPR; § 84 SGB X",
        reason=item.rejection_reason or item.change_made,
        categories=[Category.IDENTITY],
        details={"status": item.status, "change_events": item.change_events},
    )
    return item
