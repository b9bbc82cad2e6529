"""Opening and closing cases, and registering a person (which opens the first case)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.cases.models import Case, CaseStatus
from lotse.people.models import Person
from lotse.people.services import PersonInput, person_create, person_enrich


@transaction.atomic
def case_open(*, actor, person: Person, reason: str) -> Case:
    """Open a case for `person` at the actor's office, or return the open one."""
    authorize(actor, Action.EDIT_PERSON_REGISTRY)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is opened.")})
    existing = Case.objects.filter(
        person=person, office=actor.office, status=CaseStatus.OPEN
    ).first()
    if existing:
        return existing
    case = Case.objects.create(
        person=person,
        office=actor.office,
        responsible=actor,
        team=actor.team,
        opened_at=timezone.now(),
        opened_reason=reason.strip()[:200],
    )
    audit_record(
        event_type=EventType.CASE_OPENED,
        actor=actor,
        obj=case,
        person_id=person.pk,
        reason=reason,
    )
    return case


@transaction.atomic
def case_close(*, actor, case: Case, reason: str) -> Case:
    authorize(actor, Action.EDIT_PERSON, case.person)
    if case.office_id != actor.office_id:
        raise ValidationError(_("Only the office that holds a case can close it."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is closed.")})
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.closed_reason = reason.strip()[:200]
    case.save(update_fields=["status", "closed_at", "closed_reason", "updated_at"])
    audit_record(
        event_type=EventType.CASE_CLOSED,
        actor=actor,
        obj=case,
        person_id=case.person_id,
        reason=reason,
    )
    return case


@transaction.atomic
def person_register(*, actor, data: PersonInput, candidates: list) -> Case:
    """Register a new person and open the registering office's case.

    `candidates` is the result of the duplicate check the caseworker has seen. A candidate found
    by an identifier that names exactly one person (AZR number, BAMF-Aktenzeichen, AKN) decides:
    then no second record may be created.
    """
    authorize(actor, Action.EDIT_PERSON_REGISTRY)
    if any(c.decisive for c in candidates):
        raise ValidationError(
            _("A record with the same identifier exists: link it instead of creating a new one.")
        )
    person = person_create(actor=actor, data=data)
    return case_open(actor=actor, person=person, reason=_("registration"))


@transaction.atomic
def person_link_existing(*, actor, person_id: str, data: PersonInput, candidates: list) -> Case:
    """The caseworker confirmed "this is the same person": open a case for the existing record
    and add what the registration brought that the record lacks (new spellings, identifiers),
    so that nothing is collected twice and nothing is lost.

    Only a record that the duplicate check proposed can be linked, so the registration form
    cannot be used to reach arbitrary records.
    """
    authorize(actor, Action.EDIT_PERSON_REGISTRY)
    if str(person_id) not in {c.person_id for c in candidates}:
        raise ValidationError(_("This record was not proposed by the duplicate check."))
    person = Person.objects.get(pk=person_id)
    case = case_open(actor=actor, person=person, reason=_("registration: confirmed same person"))
    person_enrich(actor=actor, person=person, data=data)
    return case
