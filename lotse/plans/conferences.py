"""Case conferences on the shared plan (Fallkonferenz): recording one, and reading them.

A case conference is plan data of the person (category `plan`): it belongs to the office that
recorded it, and another office reads it exactly when it may read that office's plan entries
(lotse/plans/access.py). Other participants than the offices (the school, the guardian) take
part only with the person's consent, which the record keeps. A correction is a new row; the old
one is marked replaced, never overwritten.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, Decision, authorize, decide, decide_category
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record, audit_refusal
from lotse.audit.vocabulary import Purpose
from lotse.organisations.models import Office, User
from lotse.people.countries import LANGUAGE_NAMES
from lotse.people.models import Person
from lotse.plans.models import (
    AGREED_LENGTH,
    INTERPRETER_LANGUAGE_LENGTH,
    OTHER_PARTICIPANTS_LENGTH,
    CaseConference,
    Goal,
    Step,
)
from lotse.plans.selectors import _Decisions
from lotse.plans.services import plan_offices


@dataclass
class ConferenceInput:
    held_on: date | None = None
    offices: list[Office] = field(default_factory=list)
    other_participants: str = ""
    external_consent: bool = False
    person_present: bool = False
    interpreter_language: str = ""
    agreed: str = ""
    goals: list[Goal] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


def _length_error(value: str, limit: int) -> str:
    return _("At most %(limit)s characters (%(count)s typed).") % {
        "limit": limit,
        "count": len(value),
    }


def _may_see(actor: User, person: Person, owner: Office, purpose: str) -> bool:
    return bool(decide_category(actor, person, Category.PLAN, owner_office=owner, purpose=purpose))


def _date_error(held_on: date | None) -> str:
    today = timezone.localdate()
    if held_on is None:
        return _("Say when the case conference took place.")
    if held_on > today:
        return _("A case conference is recorded after it took place: not in the future.")
    if held_on < today - timedelta(days=365):
        return _("The date lies more than a year back: check it.")
    return ""


def _participant_errors(actor: User, data: ConferenceInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.offices:
        errors["offices"] = _("Name the offices at the table.")
    else:
        serving = set(plan_offices(actor).values_list("pk", flat=True))
        if any(office.pk not in serving for office in data.offices):
            errors["offices"] = _("Choose offices that serve the Kreis of your office.")
    others = data.other_participants.strip()
    if len(others) > OTHER_PARTICIPANTS_LENGTH:
        errors["other_participants"] = _length_error(others, OTHER_PARTICIPANTS_LENGTH)
    elif others and not data.external_consent:
        errors["external_consent"] = _(
            "Other participants (such as the school) take part only with the person's consent: "
            "ask the person and confirm it, or leave the other participants out."
        )
    language = data.interpreter_language.strip()
    if len(language) > INTERPRETER_LANGUAGE_LENGTH or (language and language not in LANGUAGE_NAMES):
        errors["interpreter_language"] = _("Choose the language from the list.")
    elif language and not data.person_present:
        errors["interpreter_language"] = _(
            "An interpreter is named only when the person took part."
        )
    return errors


def _plan_errors(actor: User, person: Person, data: ConferenceInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    purpose = Purpose.CASE_CONFERENCE
    if any(
        g.person_id != person.pk or not _may_see(actor, person, g.recorded_by, purpose)
        for g in data.goals
    ):
        errors["goals"] = _("Choose goals of this person's plan that your office may see.")
    if any(
        s.person_id != person.pk or not _may_see(actor, person, s.recorded_by, purpose)
        for s in data.steps
    ):
        errors["steps"] = _("Choose steps of this person's plan that your office may see.")
    return errors


def _errors(actor: User, person: Person, data: ConferenceInput) -> dict[str, str]:
    errors = _participant_errors(actor, data)
    if error := _date_error(data.held_on):
        errors["held_on"] = error
    agreed = data.agreed.strip()
    if not agreed:
        errors["agreed"] = _("Say what was agreed.")
    elif len(agreed) > AGREED_LENGTH:
        errors["agreed"] = _length_error(agreed, AGREED_LENGTH)
    return {**errors, **_plan_errors(actor, person, data)}


@atomic_service
def case_conference_record(
    *,
    actor: User,
    person: Person,
    data: ConferenceInput,
    replaces: CaseConference | None = None,
) -> CaseConference:
    """Record a case conference on the person's plan, by (and belonging to) the actor's office;
    with `replaces`, a correction of one the actor's office recorded: a new row, the old one
    marked replaced."""
    decision: Decision = authorize(
        actor,
        Action.EDIT_PERSON,
        person,
        purpose=Purpose.CASE_CONFERENCE,
        categories=[Category.PLAN],
    )
    assert actor.office is not None  # authorised: a member of staff
    if replaces is not None:
        replaces = CaseConference.objects.select_for_update().get(pk=replaces.pk)
        if replaces.person_id != person.pk or replaces.replaced_by_id is not None:
            raise ValidationError(_("Only the current record of a case conference is corrected."))
        if replaces.recorded_by_id != actor.office_id:
            reason = _("Only the office that recorded a case conference corrects it.")
            audit_refusal(
                actor=actor,
                action=Action.EDIT_PERSON,
                purpose=Purpose.CASE_CONFERENCE,
                reason=reason,
                obj=replaces,
                person_id=person.pk,
                categories=[Category.PLAN],
            )
            raise PermissionDenied(reason)
    errors = _errors(actor, person, data)
    if errors:
        raise ValidationError(errors)
    others = data.other_participants.strip()
    assert data.held_on is not None  # checked above
    conference = CaseConference.objects.create(
        person=person,
        held_on=data.held_on,
        other_participants=others,
        external_consent=bool(others) and data.external_consent,
        person_present=data.person_present,
        interpreter_language=data.interpreter_language.strip() if data.person_present else "",
        agreed=data.agreed.strip(),
        recorded_by=actor.office,
        recorded_by_user=actor,
    )
    conference.offices.set(data.offices)
    conference.goals.set(data.goals)
    conference.steps.set(data.steps)
    if replaces is not None:
        replaces.replaced_by = conference
        replaces.replaced_at = timezone.now()
        replaces.save(update_fields=["replaced_by", "replaced_at", "updated_at"])
    audit_record(
        event_type=EventType.CASE_CONFERENCE_RECORDED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=conference,
        person_id=person.pk,
        purpose=Purpose.CASE_CONFERENCE,
        basis=decision.basis,
        categories=[Category.PLAN],
        details={
            "offices": sorted(office.code for office in data.offices),
            "other_participants": bool(others),
            "external_consent": conference.external_consent,
            "replaces": replaces.pk if replaces else None,
        },
    )
    return conference


# --- reading ------------------------------------------------------------------------------------


@dataclass
class ConferenceView:
    conference: CaseConference
    offices: list[Office]
    goals: list[Goal]  # those the reader may see
    steps: list[Step]
    earlier: list[CaseConference]  # the records it replaced, newest first
    can_correct: bool


@dataclass
class Conferences:
    current: list[ConferenceView] = field(default_factory=list)
    hidden_offices: list[str] = field(default_factory=list)  # recorded, not open to the reader
    can_record: bool = False


def case_conferences_of(
    *, actor: User, person: Person, purpose: str = Purpose.CASE_CONFERENCE
) -> Conferences:
    """The person's case conferences the actor's office may read (one decision per recording
    office, as for the plan), newest first, each with the records it replaced; the offices
    whose conferences exist but stay hidden are named. Logged as a read of plan data."""
    authorize(actor, Action.VIEW_PERSON, person, purpose=purpose, categories=[Category.PLAN])
    rows = list(
        CaseConference.objects.filter(person=person)
        .select_related("recorded_by", "recorded_by_user")
        .prefetch_related("offices", "goals", "steps")
        .order_by("-held_on", "-pk")
    )
    decisions = _Decisions(actor, person, purpose)
    allows = decisions.allows
    may_edit = bool(decide(actor, Action.EDIT_PERSON, person))
    replaced_by: dict[int, list[CaseConference]] = {}
    for row in rows:
        if row.replaced_by_id:
            replaced_by.setdefault(row.replaced_by_id, []).append(row)

    def earlier_of(row: CaseConference) -> list[CaseConference]:
        chain, todo = [], list(replaced_by.get(row.pk, []))
        while todo:
            older = todo.pop()
            chain.append(older)
            todo.extend(replaced_by.get(older.pk, []))
        return sorted(chain, key=lambda c: c.created_at, reverse=True)

    result = Conferences(can_record=may_edit)
    for row in rows:
        if row.replaced_by_id is not None or not allows(row.recorded_by):
            continue
        result.current.append(
            ConferenceView(
                conference=row,
                offices=sorted(row.offices.all(), key=lambda o: o.name),
                goals=[g for g in row.goals.all() if allows(g.recorded_by)],
                steps=[s for s in row.steps.all() if allows(s.recorded_by)],
                earlier=earlier_of(row),
                can_correct=may_edit and row.recorded_by_id == actor.office_id,
            )
        )
    result.hidden_offices = sorted(set(decisions.hidden.values()))
    bases = decisions.bases()
    if bases:
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            obj=person,
            person_id=person.pk,
            purpose=purpose,
            basis=bases,
            categories=[Category.PLAN],
        )
    return result


def case_conference_get(
    *, actor: User, person: Person, conference_id: int | str | UUID
) -> CaseConference:
    """One current case conference of the person that the actor's office recorded (to correct
    it); 404 otherwise."""
    try:
        pk = int(str(conference_id))
    except ValueError as exc:
        raise Http404 from exc
    row = (
        CaseConference.objects.filter(
            pk=pk, person=person, replaced_by__isnull=True, recorded_by_id=actor.office_id
        )
        .prefetch_related("offices", "goals", "steps")
        .first()
    )
    if row is None:
        raise Http404
    return row
