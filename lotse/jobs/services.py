"""Recording employers and vacancies.

Caseworkers and team leads of the Agentur (its employer service) and of the Jobcenter record and
change the employers and vacancies of the Kreise their office serves (Action.MANAGE_VACANCIES);
the two share them within the Kreis. Each service checks everything first and stores nothing
when something is wrong (one transaction, ValidationError with a message per field); every
change is written to the change log (jobs.Change) and the audit trail.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.jobs.models import (
    SKILLS,
    Change,
    ChangeKind,
    Employer,
    Offer,
    Sector,
    Vacancy,
    VacancyKind,
    VacancyStatus,
)
from lotse.organisations.models import Gemeinde, Office, User
from lotse.people.models import CefrLevel
from lotse.profiles.models import LicenceClass, Occupation

NAME_MAX = 150
PHONE_MAX = 40
EMAIL_MAX = 254
NOTE_MAX = 500
TITLE_MAX = 200
DESCRIPTION_MAX = 2000
REASON_MAX = 500
HOURS_MIN, HOURS_MAX = 1, 48  # § 3 ArbZG: at most 48 hours a week on average
PHONE_CHARACTERS = set("0123456789 +-/()")
# The levels a vacancy can require, in their order (no "no knowledge", no "first language").
REQUIRED_LEVELS = (
    CefrLevel.A1,
    CefrLevel.A2,
    CefrLevel.B1,
    CefrLevel.B2,
    CefrLevel.C1,
    CefrLevel.C2,
)


def _office(actor: User) -> Office:
    assert actor.office is not None  # the policy admits members of staff only
    return actor.office


def _too_long(value: str, limit: int) -> str:
    return _("At most %(max)s characters (now %(length)s).") % {
        "max": limit,
        "length": len(value),
    }


def _word(value: object) -> str:
    """A value as the change log keeps it: words, as they read at the time of the change."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list):
        return ", ".join(str(Offer(code).label) for code in value if code in Offer.values)
    if isinstance(value, Occupation):
        return value.title_de  # words, not the code
    if isinstance(value, Gemeinde):
        return value.name
    return str(value)


def _log(
    actor: User,
    employer: Employer,
    kind: ChangeKind,
    changes: dict[str, list[str]],
    vacancy: Vacancy | None = None,
) -> Change:
    return Change.objects.create(
        employer=employer,
        vacancy=vacancy,
        kind=kind,
        changes=changes,
        office=_office(actor),
        user=actor,
        changed_at=timezone.now(),
    )


def _apply(obj: Employer | Vacancy, fields: dict[str, object], labels: dict) -> dict:
    """Set `fields` on `obj`; the changed ones as {field: [old, new]} in words."""

    def word(name: str, value: object) -> str:
        names = labels.get(name)
        return _word(names.get(value, value) if names and isinstance(value, str) else value)

    changed = {}
    for name, value in fields.items():
        before = getattr(obj, name)
        if before != value:
            changed[name] = [word(name, before), word(name, value)]
            setattr(obj, name, value)
    return changed


# --- employers -----------------------------------------------------------------------------------
@dataclass
class EmployerInput:
    name: str = ""
    gemeinde: Gemeinde | None = None
    sector: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    offers: list[str] = field(default_factory=list)
    offer_note: str = ""


def _employer_errors(data: EmployerInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = data.name.strip()
    if not name:
        errors["name"] = _("Give the employer's name.")
    elif len(name) > NAME_MAX:
        errors["name"] = _too_long(name, NAME_MAX)
    if data.gemeinde is None:
        errors["gemeinde"] = _("Choose the place (Gemeinde).")
    if data.sector not in Sector.values:
        errors["sector"] = _("Choose the sector.")
    errors.update(_contact_errors(data))
    unknown = [code for code in data.offers if code not in Offer.values]
    if unknown:
        errors["offers"] = _("Choose from the offers listed.")
    if len(data.offer_note.strip()) > NOTE_MAX:
        errors["offer_note"] = _too_long(data.offer_note.strip(), NOTE_MAX)
    return errors


def _contact_errors(data: EmployerInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if len(data.contact_name.strip()) > NAME_MAX:
        errors["contact_name"] = _too_long(data.contact_name.strip(), NAME_MAX)
    phone = data.contact_phone.strip()
    if len(phone) > PHONE_MAX:
        errors["contact_phone"] = _too_long(phone, PHONE_MAX)
    elif phone and not set(phone) <= PHONE_CHARACTERS:
        errors["contact_phone"] = _(
            "A telephone number has digits, spaces and + - / ( ) only, e.g. 07071 123456."
        )
    email = data.contact_email.strip()
    if len(email) > EMAIL_MAX:
        errors["contact_email"] = _too_long(email, EMAIL_MAX)
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = _("Give an e-mail address such as name@example.de.")
    return errors


def _employer_fields(data: EmployerInput) -> dict[str, object]:
    offers = [code for code in Offer.values if code in set(data.offers)]  # the list's order
    return {
        "name": data.name.strip(),
        "gemeinde": data.gemeinde,
        "sector": data.sector,
        "contact_name": data.contact_name.strip(),
        "contact_phone": data.contact_phone.strip(),
        "contact_email": data.contact_email.strip(),
        "offers": offers,
        "offer_note": data.offer_note.strip(),
    }


EMPLOYER_LABELS: dict[str, dict] = {"sector": dict(Sector.choices)}


@atomic_service
def employer_record(*, actor: User, data: EmployerInput) -> Employer:
    """Record an employer in a Gemeinde of a Kreis the actor's office serves."""
    authorize(actor, Action.MANAGE_VACANCIES, purpose=Purpose.VACANCIES)
    errors = _employer_errors(data)
    if errors:
        raise ValidationError(errors)
    employer = Employer(
        **_employer_fields(data), recorded_by=_office(actor), recorded_by_user=actor
    )
    authorize(
        actor, Action.MANAGE_VACANCIES, employer, purpose=Purpose.VACANCIES, hide_existence=False
    )
    employer.save()
    _log(actor, employer, ChangeKind.RECORDED, {})
    audit_record(
        event_type=EventType.EMPLOYER_RECORDED,
        actor=actor,
        obj=employer,
        purpose=Purpose.VACANCIES,
        details={"sector": employer.sector},
    )
    return employer


@atomic_service
def employer_change(*, actor: User, employer: Employer, data: EmployerInput) -> Employer:
    """Change an employer's details; the earlier values stay in the change log."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    authorize(actor, Action.MANAGE_VACANCIES, employer, purpose=Purpose.VACANCIES)
    errors = _employer_errors(data)
    if errors:
        raise ValidationError(errors)
    if data.gemeinde is not None and data.gemeinde.pk != employer.gemeinde_id:
        moved = Employer(gemeinde=data.gemeinde)
        authorize(
            actor, Action.MANAGE_VACANCIES, moved, purpose=Purpose.VACANCIES, hide_existence=False
        )
    changed = _apply(employer, _employer_fields(data), EMPLOYER_LABELS)
    if not changed:
        return employer
    employer.save()
    _log(actor, employer, ChangeKind.CHANGED, changed)
    audit_record(
        event_type=EventType.EMPLOYER_CHANGED,
        actor=actor,
        obj=employer,
        purpose=Purpose.VACANCIES,
        # Which fields changed, not their values: the contact person is personal data.
        details={"changed": sorted(changed)},
    )
    return employer


# --- vacancies -----------------------------------------------------------------------------------
@dataclass
class VacancyInput:
    kind: str = ""
    title: str = ""
    occupation: str = ""  # the KldB 2010 code
    gemeinde: Gemeinde | None = None
    hours_per_week: int | None = None
    starts_on: date | None = None  # None: at once
    german_listening: str = ""
    german_reading: str = ""
    german_speaking: str = ""
    german_writing: str = ""
    german_firm: bool = False
    driving_licence: str = ""
    shift_work: bool = False
    recognition_required: bool = False
    description: str = ""


def _vacancy_errors(
    data: VacancyInput, *, start_before: date | None = None
) -> tuple[dict[str, str], Occupation | None]:
    """The messages per field, and the occupation the code names. `start_before`: the start
    recorded so far (a vacancy whose start has passed may keep it)."""
    errors: dict[str, str] = {}
    if data.kind not in VacancyKind.values:
        errors["kind"] = _("Choose the kind: a job, an apprenticeship or an entry qualification.")
    title = data.title.strip()
    if not title:
        errors["title"] = _("Give the title of the vacancy.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _too_long(title, TITLE_MAX)
    occupation = None
    code = data.occupation.strip()
    if not code:
        errors["occupation"] = _("Choose the occupation: search for it by its German name.")
    else:
        occupation = Occupation.objects.filter(kldb_code=code).first()
        if occupation is None:
            errors["occupation"] = _("There is no occupation with the code %(code)s.") % {
                "code": code[:10]
            }
    if data.gemeinde is None:
        errors["gemeinde"] = _("Choose the place of work (Gemeinde).")
    errors.update(_requirement_errors(data, start_before))
    return errors, occupation


def _requirement_errors(data: VacancyInput, start_before: date | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    hours = data.hours_per_week
    if hours is None or not HOURS_MIN <= hours <= HOURS_MAX:
        errors["hours_per_week"] = _("Between %(min)s and %(max)s hours a week.") % {
            "min": HOURS_MIN,
            "max": HOURS_MAX,
        }
    today = timezone.localdate()
    if data.starts_on is not None and data.starts_on < today and data.starts_on != start_before:
        errors["starts_on"] = _(
            "The start lies in the past. Give a day from today on, or leave it empty for “at once”."
        )
    for skill in SKILLS:
        value = getattr(data, f"german_{skill}")
        if value and value not in REQUIRED_LEVELS:
            errors[f"german_{skill}"] = _(
                "„%(value)s“ is not a level of the Common European Framework: choose one of "
                "A1, A2, B1, B2, C1, C2, or leave it empty."
            ) % {"value": str(value)[:10]}
    if data.driving_licence and data.driving_licence not in LicenceClass.values:
        errors["driving_licence"] = _("Choose a class of driving licence, or leave it empty.")
    if len(data.description.strip()) > DESCRIPTION_MAX:
        errors["description"] = _too_long(data.description.strip(), DESCRIPTION_MAX)
    return errors


def _vacancy_fields(data: VacancyInput, occupation: Occupation) -> dict[str, object]:
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "occupation": occupation,
        "gemeinde": data.gemeinde,
        "hours_per_week": data.hours_per_week,
        "starts_on": data.starts_on,
        **{f"german_{skill}": getattr(data, f"german_{skill}") for skill in SKILLS},
        "german_firm": data.german_firm,
        "driving_licence": data.driving_licence,
        "shift_work": data.shift_work,
        "recognition_required": data.recognition_required,
        "description": data.description.strip(),
    }


VACANCY_LABELS: dict[str, dict] = {
    "kind": dict(VacancyKind.choices),
    "status": dict(VacancyStatus.choices),
    **{f"german_{skill}": dict(CefrLevel.choices) for skill in SKILLS},
}


@atomic_service
def vacancy_record(*, actor: User, employer: Employer, data: VacancyInput) -> Vacancy:
    """Record an open vacancy of `employer` in a Gemeinde of the actor's Kreise."""
    authorize(actor, Action.MANAGE_VACANCIES, employer, purpose=Purpose.VACANCIES)
    errors, occupation = _vacancy_errors(data)
    if errors or occupation is None:
        raise ValidationError(errors)
    vacancy = Vacancy(
        employer=employer,
        **_vacancy_fields(data, occupation),
        status=VacancyStatus.OPEN,
        recorded_by=_office(actor),
        recorded_by_user=actor,
    )
    authorize(
        actor, Action.MANAGE_VACANCIES, vacancy, purpose=Purpose.VACANCIES, hide_existence=False
    )
    vacancy.save()
    _log(actor, employer, ChangeKind.RECORDED, {}, vacancy)
    audit_record(
        event_type=EventType.VACANCY_RECORDED,
        actor=actor,
        obj=vacancy,
        purpose=Purpose.VACANCIES,
        details={"kind": vacancy.kind, "occupation": occupation.kldb_code},
    )
    return vacancy


@atomic_service
def vacancy_change(*, actor: User, vacancy: Vacancy, data: VacancyInput) -> Vacancy:
    """Change a vacancy's details; the earlier values stay in the change log."""
    vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
    authorize(actor, Action.MANAGE_VACANCIES, vacancy, purpose=Purpose.VACANCIES)
    errors, occupation = _vacancy_errors(data, start_before=vacancy.starts_on)
    if errors or occupation is None:
        raise ValidationError(errors)
    if data.gemeinde is not None and data.gemeinde.pk != vacancy.gemeinde_id:
        moved = Vacancy(gemeinde=data.gemeinde)
        authorize(
            actor, Action.MANAGE_VACANCIES, moved, purpose=Purpose.VACANCIES, hide_existence=False
        )
    changed = _apply(vacancy, _vacancy_fields(data, occupation), VACANCY_LABELS)
    if not changed:
        return vacancy
    vacancy.save()
    _log(actor, vacancy.employer, ChangeKind.CHANGED, changed, vacancy)
    audit_record(
        event_type=EventType.VACANCY_CHANGED,
        actor=actor,
        obj=vacancy,
        purpose=Purpose.VACANCIES,
        details={"changed": changed},
    )
    return vacancy


@atomic_service
def vacancy_set_status(*, actor: User, vacancy: Vacancy, status: str, reason: str = "") -> Vacancy:
    """Mark a vacancy filled or withdrawn (withdrawn: with the reason), or open it again."""
    vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
    authorize(actor, Action.MANAGE_VACANCIES, vacancy, purpose=Purpose.VACANCIES)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if status not in VacancyStatus.values:
        errors["status"] = _("Choose open, filled or withdrawn.")
    elif status == vacancy.status:
        errors["status"] = _("The vacancy is %(status)s already.") % {
            "status": VacancyStatus(status).label
        }
    if len(reason) > REASON_MAX:
        errors["reason"] = _too_long(reason, REASON_MAX)
    elif status == VacancyStatus.WITHDRAWN and not reason:
        errors["reason"] = _("Say why the vacancy is withdrawn.")
    if errors:
        raise ValidationError(errors)
    before = vacancy.status
    vacancy.status = status
    vacancy.status_reason = reason
    vacancy.status_changed_at = timezone.now()
    vacancy.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
    labels = dict(VacancyStatus.choices)
    changes = {"status": [str(labels[before]), str(labels[status])]}
    if reason:
        changes["status_reason"] = ["", reason]
    _log(actor, vacancy.employer, ChangeKind.STATUS, changes, vacancy)
    audit_record(
        event_type=EventType.VACANCY_STATUS_CHANGED,
        actor=actor,
        obj=vacancy,
        purpose=Purpose.VACANCIES,
        reason=reason,
        details={"status": [before, status]},
    )
    return vacancy
