"""Opening and closing cases, and registering a person (which opens the first case)."""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import cast
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, authorize, decide, may_hold_cases, user_kreis_ids
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record, audit_refusal
from lotse.audit.vocabulary import Basis, LegalBasis, Purpose
from lotse.cases.models import BreakGlass, Case, CaseStatus, FollowUp, Note, NoteVisibility
from lotse.cases.rules import held_in_kreise, holding_offices
from lotse.core.text import check_length
from lotse.identity.registry import Candidate
from lotse.organisations.models import Office, Team, User
from lotse.people.households import (
    MemberInput,
    current_membership,
    household_create,
    household_member_add,
)
from lotse.people.models import HouseholdRole, Person
from lotse.people.services import (
    IdentifierInput,
    PersonInput,
    normalize_identifier,
    person_create,
    person_enrich,
)

FOLLOW_UP_TITLE_MAX_LENGTH = cast(int, FollowUp._meta.get_field("title").max_length)


class CaseClosed(ValidationError):
    """A change to a closed case: nothing is changed (the pages answer 409)."""

    def __init__(self, case: Case):
        super().__init__(
            _("This case is closed (%(day)s): nothing can be changed or added any more.")
            % {"day": f"{case.closed_at:%d.%m.%Y}" if case.closed_at else "–"}
        )
        self.case = case


def case_check_open(case: Case) -> None:
    """Raise CaseClosed for a closed case: its summary, follow-ups and notes stay as they were."""
    if case.status != CaseStatus.OPEN:
        raise CaseClosed(case)


# The reason for a new record beside a very likely match goes into the case's reason for
# opening (200 characters) after its introduction.
NEW_REASON_MAX_LENGTH = 150


@atomic_service
def case_open(*, actor: User, person: Person, reason: str) -> Case:
    """Open a case for `person` at the actor's office, or return the open one."""
    authorize(actor, Action.EDIT_PERSON_REGISTRY)
    assert actor.office is not None  # authorized: a member of staff
    return open_case_at(
        actor=actor, person=person, office=actor.office, responsible=actor, reason=reason
    )


def open_case_at(
    *, actor: User, person: Person, office: Office, responsible: User | None, reason: str
) -> Case:
    """The case of `office` for `person` (the open one, or a new one), for the services that
    decided already that the office takes the person on: case_open for the actor's own office,
    an accepted transfer request for the requesting office."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is opened.")})
    existing = Case.objects.filter(person=person, office=office, status=CaseStatus.OPEN).first()
    if existing:
        return existing
    case = Case.objects.create(
        person=person,
        office=office,
        responsible=responsible,
        team=getattr(responsible, "team", None),
        opened_at=timezone.now(),
        opened_reason=check_length(reason.strip(), 200, "reason"),
    )
    audit_record(
        event_type=EventType.CASE_OPENED,
        actor=actor,
        obj=case,
        person_id=person.pk,
        reason=reason,
        office=office,
    )
    return case


@atomic_service
def case_close(*, actor: User, case: Case, reason: str) -> Case:
    authorize(actor, Action.WORK_ON_CASE, case)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is closed.")})
    reason = check_length(reason, 200, "reason")
    # Read again under a row lock: a second close at the same time (or from an older page)
    # waits, then finds the case closed, and the closing is audited once.
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed already."))
    return close_case(case, actor=actor, reason=reason)


def close_case(case: Case, *, actor: User, reason: str) -> Case:
    """Close an open case and audit it: the one way a case closes, used by `case_close` and by
    the completed hand-over (whose receiving office closes the sender's case; the audit trail
    names who did it). The caller has authorized, locked the case and checked the reason."""
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.closed_reason = reason
    case.version += 1
    case.save(update_fields=["status", "closed_at", "closed_reason", "version", "updated_at"])
    audit_record(
        event_type=EventType.CASE_CLOSED,
        actor=actor,
        obj=case,
        person_id=case.person_id,
        reason=reason,
    )
    return case


@atomic_service
def person_register(*, actor: User, data: PersonInput, candidates: list, reason: str = "") -> Case:
    """Register a new person and open the registering office's case.

    `candidates` is the result of the duplicate check the caseworker has seen. A candidate found
    by an identifier that names exactly one person (AZR number, BAMF-Aktenzeichen, AKN) decides:
    then no second record may be created. Beside a very likely match (`Candidate.strong`) a new
    record needs `reason`: why it is someone else. It is kept as the case's reason for opening
    and in the audit trail.
    """
    authorize(actor, Action.EDIT_PERSON_REGISTRY)
    if any(c.decisive for c in candidates):
        raise ValidationError(
            _("A record with the same identifier exists: link it instead of creating a new one.")
        )
    likely = [c.person_id for c in candidates if c.strong]
    if len(reason.strip()) > NEW_REASON_MAX_LENGTH:
        raise ValidationError(
            {"new_reason": _("At most %(count)s characters.") % {"count": NEW_REASON_MAX_LENGTH}}
        )
    if likely and not reason.strip():
        raise ValidationError(
            {
                "new_reason": _(
                    "A record very likely belongs to this person. Link it, or say why this is "
                    "someone else before you register a new person."
                )
            }
        )
    person = person_create(actor=actor, data=data)
    if not likely:
        return case_open(actor=actor, person=person, reason=_("registration"))
    case = case_open(
        actor=actor,
        person=person,
        reason=_("registration despite a very likely match: %(reason)s")
        % {"reason": reason.strip()},
    )
    audit_record(
        event_type=EventType.DUPLICATE_REVIEWED,
        actor=actor,
        obj=case,
        person_id=person.pk,
        reason=reason,
        purpose=Purpose.REGISTRATION,
        categories=["identity"],
        details={"decision": "new person despite a very likely match", "likely": likely},
    )
    return case


def held_elsewhere(*, actor: User, person_id: object) -> list[Office] | None:
    """None when the record is held in the actor's own Kreis; else the offices holding it
    elsewhere (empty for a record nobody holds). Such a record cannot be linked or opened in
    an emergency: its holding office is asked with a transfer request
    (lotse.cases.referrals.transfer_request)."""
    holders = holding_offices([person_id]).get(str(person_id), [])
    if held_in_kreise(holders, user_kreis_ids(actor)):
        return None
    return holders


def _refuse_other_kreis(
    *, actor: User, person_id: str | UUID, holders: list[Office], purpose: str, reason: str
) -> None:
    """Record the refused attempt for every holding office (so that their data-protection
    officers find it, it survives the rollback) and refuse."""
    for office in holders:
        audit_refusal(
            actor=actor,
            action=Action.EDIT_PERSON_REGISTRY,
            purpose=purpose,
            reason=reason,
            person_id=person_id,
            office=office,
            details={"requesting_office": actor.office.code},  # type: ignore[union-attr]
        )


@atomic_service
def person_link_existing(
    *,
    actor: User,
    person_id: str,
    data: PersonInput,
    candidates: list,
    confirmation: IdentifierInput | None = None,
) -> Case:
    """The caseworker confirmed "this is the same person": open a case for the existing record
    and add what the registration brought that the record lacks (new spellings, identifiers),
    so that nothing is collected twice and nothing is lost. A match that is only possible is
    confirmed with the document or identifier seen (`confirmation`, see _link_confirmation);
    what confirmed it is in the audit trail.

    Only a record that the duplicate check proposed can be linked, so the registration form
    cannot be used to reach arbitrary records; and only one held in the actor's own Kreis —
    a record held only in another Kreis is reached through a transfer request.
    """
    authorize(actor, Action.EDIT_PERSON_REGISTRY)
    if str(person_id) not in {c.person_id for c in candidates}:
        raise ValidationError(_("This record was not proposed by the duplicate check."))
    holders = held_elsewhere(actor=actor, person_id=person_id)
    if holders is not None:
        _refuse_other_kreis(
            actor=actor,
            person_id=person_id,
            holders=holders,
            purpose=Purpose.REGISTRATION,
            reason="direct link to a record held in another Kreis",
        )
        raise ValidationError(
            _(
                "This record is held by an office of another Kreis. It cannot be linked "
                "directly: send that office a transfer request."
            )
        )
    person = Person.objects.get(pk=person_id)
    candidate = next(c for c in candidates if c.person_id == str(person_id))
    confirmed_by, data = _link_confirmation(
        actor=actor, person=person, candidate=candidate, confirmation=confirmation, data=data
    )
    case = case_open(actor=actor, person=person, reason=_("registration: confirmed same person"))
    person_enrich(actor=actor, person=person, data=data)
    audit_record(
        event_type=EventType.DUPLICATE_REVIEWED,
        actor=actor,
        obj=case,
        person_id=person.pk,
        purpose=Purpose.REGISTRATION,
        categories=["identity"],
        details={
            "decision": "same person",
            "match": "very likely" if candidate.strong else "possible",
            "score": round(candidate.score, 3),
            "confirmed_by": confirmed_by,
        },
    )
    return case


def _link_confirmation(
    *,
    actor: User,
    person: Person,
    candidate: Candidate,
    confirmation: IdentifierInput | None,
    data: PersonInput,
) -> tuple[dict, PersonInput]:
    """What confirms "this is the same person", for the audit trail, and the entry to add.

    A very likely match is confirmed by the check itself (a deciding identifier or the score).
    A possible match only by a document or identifier the caseworker saw: its number must be
    one of the record's identifiers if the record has any; a record without identifiers gets
    it. The refusal says nothing of which identifiers the record has."""
    if candidate.strong:
        return {"by": "identifier" if candidate.decisive else "score"}, data
    if confirmation is None or not confirmation.type or not confirmation.value.strip():
        raise ValidationError(
            {
                "confirm": _(
                    "This record is only possibly the same person. Say which document or "
                    "identifier you checked and enter its number to link it."
                )
            }
        )
    known = {(i.type, i.normalized) for i in person.identifiers.all()}
    entered = (confirmation.type, normalize_identifier(confirmation.value))
    if known and entered not in known:
        audit_refusal(
            actor=actor,
            action=Action.EDIT_PERSON_REGISTRY,
            purpose=Purpose.REGISTRATION,
            reason="link confirmed with an identifier the record does not have",
            person_id=person.pk,
            details={"kind": confirmation.type},
        )
        raise ValidationError(
            {
                "confirm": _(
                    "The number does not match the record: it was not linked. Check the "
                    "document and the number, or register a new person if it is someone else."
                )
            }
        )
    if known:
        return {"by": confirmation.type, "checked": "matches the record's identifier"}, data
    identifiers = [*data.identifiers, confirmation]
    return (
        {"by": confirmation.type, "checked": "document seen; the record had no identifier"},
        replace(data, identifiers=identifiers),
    )


@dataclass(frozen=True)
class FamilyMemberInput:
    """One family member registered along: the entered data, their role in the
    Bedarfsgemeinschaft, the duplicate check's candidates for them and the caseworker's
    decision ("new", or "link:<id>" for a proposed record of the actor's Kreis)."""

    role: str
    data: PersonInput
    candidates: list = field(default_factory=list)
    decision: str = "new"


def _register_or_link(
    *,
    actor: User,
    data: PersonInput,
    candidates: list,
    decision: str,
    confirmation: IdentifierInput | None = None,
    reason: str = "",
) -> Case:
    if decision.startswith("link:"):
        return person_link_existing(
            actor=actor,
            person_id=decision.removeprefix("link:"),
            data=data,
            candidates=candidates,
            confirmation=confirmation,
        )
    return person_register(actor=actor, data=data, candidates=candidates, reason=reason)


def _for_member(index: int, data: PersonInput, exc: ValidationError) -> ValidationError:
    name = data.names[0] if data.names else None
    label = " ".join(filter(None, [name.given_names, name.family_name])) if name else ""
    return ValidationError(
        _("Family member %(number)s (%(name)s): %(problem)s")
        % {"number": index, "name": label or "–", "problem": " ".join(exc.messages)}
    )


@atomic_service
def family_register(
    *,
    actor: User,
    data: PersonInput,
    candidates: list,
    decision: str,
    members: list[FamilyMemberInput],
    confirmation: IdentifierInput | None = None,
    reason: str = "",
) -> Case:
    """Register (or link) a person and the family members who came with them, all at the
    actor's office, and record them as one Bedarfsgemeinschaft with the person as applicant —
    in one transaction: a member refused refuses the whole family, nothing half is stored.

    Each member passes the registry's rules as if registered alone: the duplicate check's
    decisive identifiers forbid a second record, only proposed records of the actor's Kreis can
    be linked. A person linked who is already in a Bedarfsgemeinschaft keeps it: the others
    join it."""
    case = _register_or_link(
        actor=actor,
        data=data,
        candidates=candidates,
        decision=decision,
        confirmation=confirmation,
        reason=reason,
    )
    persons = [MemberInput(person=case.person, role=HouseholdRole.APPLICANT)]
    for index, member in enumerate(members, start=1):
        try:
            member_case = _register_or_link(
                actor=actor,
                data=member.data,
                candidates=member.candidates,
                decision=member.decision,
            )
        except ValidationError as exc:
            raise _for_member(index, member.data, exc) from exc
        persons.append(MemberInput(person=member_case.person, role=member.role))
    existing = current_membership(case.person)
    if existing is None:
        household_create(actor=actor, members=persons)
    else:
        for entry in persons[1:]:
            household_member_add(
                actor=actor, household=existing.household, person=entry.person, role=entry.role
            )
    return case


class EditConflict(ValidationError):
    """Someone else saved the case since the form was loaded: nothing was overwritten."""

    def __init__(self, case: Case):
        # A case loaded or created without the field history (bulk loads, older data) has no
        # history row: then nobody is named.
        last_change = case.history.first()
        editor = last_change.history_user if last_change else None
        super().__init__(
            _(
                "%(user)s changed this case meanwhile. Your entry was not saved: "
                "compare and save again."
            )
            % {"user": editor or _("Someone")}
        )
        self.current = case


def _cannot_hold(user: User) -> str:
    return _("%(name)s cannot be responsible for cases: their role does not work on cases.") % {
        "name": user
    }


def case_update(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    summary: str,
    responsible: User | None = None,
    team: Team | None = None,
) -> Case:
    """Change the case's summary, responsible caseworker and team — only if nobody saved it
    since `expected_version` (optimistic locking: the second editor is told, nothing is lost)."""
    authorize(actor, Action.WORK_ON_CASE, case)
    case_check_open(case)
    if responsible is not None and (
        responsible.office_id != case.office_id or not responsible.is_active
    ):
        raise ValidationError(
            {"responsible": _("The responsible caseworker must work at this office.")}
        )
    if (
        responsible is not None
        and responsible.pk != case.responsible_id
        and not may_hold_cases(responsible)
    ):
        raise ValidationError({"responsible": _cannot_hold(responsible)})
    with transaction.atomic():
        updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
            summary=summary.strip(),
            responsible=responsible,
            team=team,
            version=expected_version + 1,
            updated_at=timezone.now(),
        )
        case.refresh_from_db()
        if updated:
            # queryset.update() bypasses the field history: record the new state explicitly.
            case.save(update_fields=["updated_at"])
            audit_record(
                event_type=EventType.CASE_CHANGED, actor=actor, obj=case, person_id=case.person_id
            )
            return case
    # The refused edit is recorded in its own transaction: the error below must not undo it.
    audit_record(
        event_type=EventType.CASE_EDIT_CONFLICT, actor=actor, obj=case, person_id=case.person_id
    )
    raise EditConflict(case)


@atomic_service
def cases_reassign(*, actor: User, cases: list[Case], responsible: User) -> int:
    """Bulk reassignment, e.g. when a caseworker leaves (team leads)."""
    for case in cases:
        authorize(actor, Action.REASSIGN_CASES, case)
    if responsible.office_id != actor.office_id or not responsible.is_active:
        raise ValidationError({"responsible": _("Choose an active colleague of your office.")})
    if not may_hold_cases(responsible):
        raise ValidationError({"responsible": _cannot_hold(responsible)})
    for case in cases:
        previous = case.responsible
        case.responsible = responsible
        case.version += 1
        case.save(update_fields=["responsible", "version", "updated_at"])
        audit_record(
            event_type=EventType.CASE_REASSIGNED,
            actor=actor,
            obj=case,
            person_id=case.person_id,
            details={"from": str(previous or ""), "to": str(responsible)},
        )
    return len(cases)


@atomic_service
def follow_up_add(*, actor: User, case: Case, due_on: date, title: str) -> FollowUp:
    authorize(actor, Action.WORK_ON_CASE, case)
    case_check_open(case)
    if not title.strip():
        raise ValidationError({"title": _("Say what is to be looked at again.")})
    if len(title.strip()) > FOLLOW_UP_TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("At most %(count)s characters.") % {"count": FOLLOW_UP_TITLE_MAX_LENGTH}}
        )
    follow_up = FollowUp.objects.create(
        case=case, due_on=due_on, title=title.strip(), created_by=actor
    )
    audit_record(
        event_type=EventType.FOLLOW_UP_SET,
        actor=actor,
        obj=case,
        person_id=case.person_id,
        details={"due_on": str(due_on)},
    )
    return follow_up


@atomic_service
def follow_up_done(*, actor: User, follow_up: FollowUp) -> FollowUp:
    authorize(actor, Action.WORK_ON_CASE, follow_up.case)
    follow_up = FollowUp.objects.select_for_update().select_related("case").get(pk=follow_up.pk)
    case_check_open(follow_up.case)
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.done_by = actor
        follow_up.save(update_fields=["done_at", "done_by", "updated_at"])
        audit_record(
            event_type=EventType.FOLLOW_UP_DONE,
            actor=actor,
            obj=follow_up.case,
            person_id=follow_up.case.person_id,
        )
    return follow_up


@atomic_service
def note_add(*, actor: User, case: Case, text: str, visibility: str) -> Note:
    authorize(actor, Action.WORK_ON_CASE, case)
    case_check_open(case)
    if not text.strip():
        raise ValidationError({"text": _("The note is empty.")})
    if visibility not in NoteVisibility.values:
        raise ValidationError({"visibility": _("Choose who may read the note.")})
    note = Note.objects.create(case=case, text=text.strip(), visibility=visibility, author=actor)
    audit_record(
        event_type=EventType.NOTE_ADDED,
        actor=actor,
        obj=case,
        person_id=case.person_id,
        categories=["notes"],
        details={"visibility": visibility},
    )
    return note


@atomic_service
def break_glass_open(*, actor: User, person: Person | None, reason: str) -> BreakGlass:
    """Emergency access to a person's identity record for LOTSE_BREAK_GLASS_MINUTES, e.g. when
    someone stands at the counter and the office holding the record cannot be reached. Only
    within the actor's Kreise, never silently: the DPO sees every one.

    `person` is None for an id that names no one: the refusal is the same as for a person of
    another Kreis, so that the answer does not tell whether a person exists."""
    from django.conf import settings

    authorize(actor, Action.EDIT_PERSON_REGISTRY, purpose=Purpose.EMERGENCY_ACCESS)
    if len(reason.strip()) < 15:
        raise ValidationError({"reason": _("Explain the emergency (at least a sentence).")})
    # The policy decides (Action.BREAK_GLASS): the person has an open case in one of the
    # actor's Kreise. The registration check asks the same question before it offers it.
    if person is None or not decide(actor, Action.BREAK_GLASS, person):
        if person is not None:
            holders = holding_offices([person.pk]).get(str(person.pk), [])
            _refuse_other_kreis(
                actor=actor,
                person_id=person.pk,
                holders=holders,
                purpose=Purpose.EMERGENCY_ACCESS,
                reason="emergency access to a record held in another Kreis",
            )
        raise ValidationError(
            _("Emergency access is possible only for persons known in your Kreis.")
        )
    now = timezone.now()
    grant = BreakGlass.objects.create(
        user=actor,
        person=person,
        reason=reason.strip(),
        started_at=now,
        expires_at=now + timedelta(minutes=settings.LOTSE_BREAK_GLASS_MINUTES),
    )
    audit_record(
        event_type=EventType.BREAK_GLASS_OPENED,
        actor=actor,
        obj=grant,
        person_id=person.pk,
        reason=reason,
        basis=LegalBasis(Basis.BREAK_GLASS),
        categories=["identity"],
        details={"until": grant.expires_at.isoformat()},
    )
    return grant
