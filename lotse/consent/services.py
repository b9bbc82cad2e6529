"""Recording and withdrawing a consent. Nothing is ever deleted or changed afterwards: a new
scope means a new consent, an end means a withdrawal."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import SPECIAL_CATEGORIES, Action, Category, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose as AuditPurpose
from lotse.consent.models import (
    INTERPRETER_FORMS,
    ORAL_FORMS,
    Consent,
    GivenHow,
    Purpose,
    WithdrawnHow,
)
from lotse.organisations.models import Office, User
from lotse.people.models import Person


@dataclass
class ConsentInput:
    recipients: list[Office] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    given_on: date | None = None
    given_how: str = ""
    explained_language: str = ""
    valid_until: date | None = None
    disclosing_offices: list[Office] = field(default_factory=list)
    explicit_special_categories: bool = False
    purpose_details: str = ""
    form_reason: str = ""
    interpreter_name: str = ""
    interpreter_language: str = ""


def _scope_errors(data: ConsentInput) -> dict[str, str]:
    """Who, what and what for: a consent that leaves one of them open is vague."""
    errors = {}
    if not data.recipients:
        errors["recipients"] = _("Name the offices that may receive the data.")
    if not data.categories:
        errors["categories"] = _("Name the data categories the consent covers.")
    elif not set(data.categories) <= set(Category):
        errors["categories"] = _("Unknown data category.")
    if not data.purposes:
        errors["purposes"] = _("Name at least one purpose: a consent for any purpose is invalid.")
    elif not set(data.purposes) <= set(Purpose.values):
        errors["purposes"] = _("Unknown purpose.")
    if set(data.categories) & SPECIAL_CATEGORIES and not data.explicit_special_categories:
        errors["explicit_special_categories"] = _(
            "Health data need the person's explicit consent: confirm it or leave them out."
        )
    return errors


def _date_errors(data: ConsentInput) -> dict[str, str]:
    errors = {}
    today = timezone.localdate()
    if data.given_on is None:
        errors["given_on"] = _("Say when the consent was given.")
    elif data.given_on > today:
        errors["given_on"] = _("A consent cannot be given in the future.")
    if data.valid_until is None:
        errors["valid_until"] = _("A consent needs an end date.")
    elif data.valid_until < today or (data.given_on and data.valid_until < data.given_on):
        errors["valid_until"] = _("The end date has passed or lies before the consent was given.")
    return errors


def _form_errors(data: ConsentInput) -> dict[str, str]:
    """How it was given: § 67b Abs. 2 SGB X wants writing unless circumstances justify more."""
    errors = {}
    if data.given_how not in GivenHow.values:
        errors["given_how"] = _("Say how the consent was given.")
    if data.given_how in ORAL_FORMS and not data.form_reason.strip():
        errors["form_reason"] = _(
            "An oral consent needs special circumstances (§ 67b Abs. 2 SGB X): name them."
        )
    if data.given_how in INTERPRETER_FORMS and not (
        data.interpreter_name.strip() and data.interpreter_language.strip()
    ):
        errors["interpreter_name"] = _("Name the interpreter and the language interpreted.")
    if not data.explained_language.strip():
        errors["explained_language"] = _("Say in which language the consent was explained.")
    return errors


def _validate(data: ConsentInput) -> None:
    """Refuse a vague consent: German law holds it invalid (brief 7.1, § 67b SGB X)."""
    errors = {**_scope_errors(data), **_date_errors(data), **_form_errors(data)}
    if errors:
        raise ValidationError(errors)


@atomic_service
def consent_record(*, actor: User, person: Person, data: ConsentInput) -> Consent:
    """Record a consent the person has given, at the actor's office (which needs an open case)."""
    authorize(actor, Action.EDIT_PERSON, person, purpose=AuditPurpose.CONSENT)
    _validate(data)
    return _create(actor, person, data)


def _create(actor: User, person: Person, data: ConsentInput) -> Consent:
    consent = Consent.objects.create(  # type: ignore[misc]  # _validate: the dates are given
        person=person,
        categories=sorted(set(data.categories)),
        explicit_special_categories=data.explicit_special_categories,
        purposes=sorted(set(data.purposes)),
        purpose_details=data.purpose_details.strip(),
        given_on=data.given_on,
        given_how=data.given_how,
        form_reason=data.form_reason.strip(),
        interpreter_name=data.interpreter_name.strip(),
        interpreter_language=data.interpreter_language.strip().lower(),
        explained_language=data.explained_language.strip().lower(),
        valid_until=data.valid_until,
        recorded_by_office=actor.office,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    consent.recipients.set(data.recipients)
    consent.disclosing_offices.set(data.disclosing_offices)
    audit_record(
        event_type=EventType.CONSENT_RECORDED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=consent,
        person_id=person.pk,
        basis=consent.basis,
        categories=consent.categories,
        details={
            "recipients": sorted(office.code for office in data.recipients),
            "disclosing_offices": sorted(office.code for office in data.disclosing_offices),
            "purposes": consent.purposes,
            "valid_until": consent.valid_until.isoformat(),
        },
    )
    return consent


@atomic_service
def consent_withdraw(*, actor: User, consent: Consent, reason: str, how: str = "") -> Consent:
    """Record the person's withdrawal. Any office with an open case may take it (the person
    need not find the office that recorded the consent); it takes effect at once."""
    authorize(actor, Action.EDIT_PERSON, consent.person, purpose=AuditPurpose.CONSENT)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why or at whose request it is withdrawn.")})
    if how and how not in WithdrawnHow.values:
        raise ValidationError({"how": _("Unknown way of withdrawal.")})
    return _withdraw(actor, consent, reason, how)


def _withdraw(actor: User, consent: Consent, reason: str, how: str) -> Consent:
    # Lock the row so that two withdrawals at once do not overwrite each other's record.
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.is_withdrawn:
        raise ValidationError(_("This consent was withdrawn already."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.withdrawn_how = how
    consent.withdrawal_reason = reason.strip()
    consent.save(
        update_fields=[
            "withdrawn_at",
            "withdrawn_by",
            "withdrawn_how",
            "withdrawal_reason",
            "updated_at",
        ]
    )
    audit_record(
        event_type=EventType.CONSENT_WITHDRAWN,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=consent,
        person_id=consent.person_id,
        basis=consent.basis,
        reason=consent.withdrawal_reason,
        categories=consent.categories,
        details={"how": how},
    )
    return consent
