"""Reads for the person's own report (Art. 15 GDPR) and their correction requests (Art. 16).

Every read asks the policy first (lotse.access.policy, with the rules of subject_rights.rules);
the report selector gathers *all* data stored about the person, of every office, because that
is the person's right. It writes no audit event of its own: the report is logged once, as an
export, by services.subject_report_create.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case as DbCase
from django.db.models import IntegerField, Value, When
from django.http import Http404
from django.utils import timezone

from lotse.access.policy import Action, Category, Decision, authorize, decide, scope
from lotse.appointments.models import Appointment
from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.audit.services import audit_reads, audit_record
from lotse.audit.vocabulary import (
    Basis,
    LegalBasis,
    ListRead,
    Purpose,
    basis_labels,
    in_language,
    purpose_label,
)
from lotse.cases.models import Case, Note, NoteVisibility, Referral
from lotse.comms.report import letters_and_messages
from lotse.consent.models import Consent
from lotse.courses.models import Enrolment
from lotse.documents.selectors import documents_of_person
from lotse.organisations.models import Office, Role, User
from lotse.people.models import Person, PersonLanguage, PersonRelation
from lotse.plans.models import CaseConference, Goal, PlanChange, Step
from lotse.profiles.documents import entry_line
from lotse.profiles.selectors import profile_entries_of_person
from lotse.status.facts import entries_in_force
from lotse.status.selectors import visible_entries
from lotse.subject_rights.models import (
    CorrectionRequest,
    CorrectionStatus,
    IdentityField,
    RequestOrigin,
)
from lotse.subject_rights.rules import REPORT_PURPOSE

CORRECTION_PURPOSE = "Art. 16 GDPR correction request"


def _resolve_merged(person: Person) -> Person:
    seen = set()
    while person.merged_into_id and person.pk not in seen:
        seen.add(person.pk)
        person = person.merged_into
    return person


def report_decide(*, actor: User, person: Person) -> Decision:
    """May `actor` produce the report about `person`? (no side effects; for links)"""
    decision = decide(actor, Action.VIEW_PERSON, person, purpose=REPORT_PURPOSE)
    if not decision and actor.has_role(Role.DATA_PROTECTION_OFFICER):
        decision = decide(actor, Action.VIEW_AUDIT_TRAIL, person, purpose=REPORT_PURPOSE)
    return decision


def report_authorize(*, actor: User, person: Person, as_dpo: bool = False) -> Decision:
    """report_decide, and on refusal the refusal logged and 404 (existence not revealed)."""
    action = Action.VIEW_AUDIT_TRAIL if as_dpo else Action.VIEW_PERSON
    return authorize(actor, action, person, purpose=REPORT_PURPOSE, categories=[Category.IDENTITY])


def report_person_get(*, actor: User, person_id, as_dpo: bool = False) -> Person:
    """The person for the report page (name shown: logged as a read with its basis)."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    person = _resolve_merged(person)
    decision = report_authorize(actor=actor, person=person, as_dpo=as_dpo)
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        action=Action.VIEW_AUDIT_TRAIL if as_dpo else Action.VIEW_PERSON,
        obj=person,
        person_id=person.pk,
        purpose=REPORT_PURPOSE,
        basis=decision.basis,
        categories=[Category.IDENTITY],
    )
    return person


# --- the report ---------------------------------------------------------------------------------
@dataclass
class AccessLine:
    """One office's reads (or other processing) of the person's data, for one purpose and basis."""

    office: str
    kind: str  # read, export, emergency, referral, change
    purpose: str  # as text (an older event has nothing else)
    basis: str
    categories: set[str] = field(default_factory=set)
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    purpose_code: str = ""  # the codes (lotse.audit.vocabulary) of newer events
    legal_bases: list = field(default_factory=list)

    def purpose_label(self) -> str:
        """The purpose in the active language (an older event's text as recorded)."""
        return purpose_label(self.purpose_code, self.purpose)

    def basis_labels(self) -> list[str]:
        """The legal bases in the active language (an older event's text as recorded)."""
        return basis_labels(self.legal_bases, self.basis)


ACCESS_KIND = {
    EventType.PERSON_DATA_READ: "read",
    EventType.EXPORT_CREATED: "export",
    EventType.BREAK_GLASS_OPENED: "emergency",
    EventType.REFERRAL_CHANGED: "referral",
    EventType.CONSENT_RECORDED: "consent",
    EventType.CONSENT_WITHDRAWN: "consent",
}


def _person_ids(person: Person) -> list[str]:
    """The person and every record merged into it (their trail is the person's trail)."""
    ids, todo = [], [person]
    while todo:
        current = todo.pop()
        ids.append(str(current.pk))
        todo.extend(current.merged_from.all())
    return ids


def access_summary(*, person_ids: list[str]) -> list[AccessLine]:
    """Who read, received or changed the person's data, grouped by office, kind, purpose and
    basis — from the audit trail (allowed events only; refused attempts opened nothing)."""
    lines: dict[tuple, AccessLine] = {}
    events = (
        AuditEvent.objects.about_persons(person_ids)
        .filter(outcome=Outcome.ALLOWED)
        .order_by("occurred_at", "pk")
        .values_list(
            "occurred_at",
            "event_type",
            "office__name",
            "purpose",
            "basis",
            "categories",
            "purpose_code",
            "legal_bases",
            "persons",
        )
    )
    for row in events.iterator():
        occurred_at, event_type, office, purpose, basis, categories, code, bases, listed = row
        # A list page's read names the person among others: "your name appeared on a list".
        kind = "list" if listed is not None else ACCESS_KIND.get(event_type, "change")
        # Grouped by the codes where the event has them, else by the recorded text.
        key = (office or "", kind, code or purpose, repr(bases) if bases else basis)
        line = lines.get(key)
        if line is None:
            line = lines[key] = AccessLine(
                office or "",
                kind,
                purpose,
                basis,
                first=occurred_at,
                purpose_code=code or "",
                legal_bases=bases or [],
            )
        line.categories.update(categories or [])
        line.count += 1
        line.last = occurred_at
    return sorted(lines.values(), key=lambda line: (line.office, line.kind, line.first))


def _names(person):
    return [
        {
            "text": str(name),
            "given_names": name.given_names,
            "family_name": name.family_name,
            "name_chain": name.name_chain,
            "kind": name.kind,
            "script": name.script,
            "source": name.source,
            "is_primary": name.is_primary,
            "recorded_by": name.recorded_by.name if name.recorded_by else "",
        }
        for name in person.names.select_related("recorded_by")
    ]


def _relations(person):
    rows = []
    for relation in PersonRelation.objects.filter(person=person).select_related("relative"):
        rows.append(
            {
                "kind": relation.kind,
                "relative": str(relation.relative),
                "household": relation.same_household,
            }
        )
    for relation in PersonRelation.objects.filter(relative=person).select_related("person"):
        # "X is parent of the person" → the person is child of X
        inverse = {"parent": "child", "child": "parent"}.get(relation.kind, relation.kind)
        rows.append(
            {
                "kind": inverse,
                "relative": str(relation.person),
                "household": relation.same_household,
            }
        )
    return rows + _household_rows(person)


_PARENT_ROLES = ("applicant", "partner")


def _household_rows(person):
    """The other current members of the person's Bedarfsgemeinschaft, said as relations of the
    person ("parent of Omar", same household)."""
    from lotse.people.households import current_members, current_membership

    membership = current_membership(person)
    if membership is None:
        return []
    own = membership.role
    rows = []
    for member in current_members(membership.household):
        if member.person_id == person.pk:
            continue
        if own in _PARENT_ROLES and member.role in _PARENT_ROLES:
            kind = "spouse"
        elif own in _PARENT_ROLES and member.role == "child":
            kind = "parent"
        elif own == "child" and member.role in _PARENT_ROLES:
            kind = "child"
        elif own == member.role == "child":
            kind = "sibling"
        else:
            kind = "other"
        rows.append({"kind": kind, "relative": str(member.person), "household": True})
    return rows


def _cases(person, *, include_note_texts: bool):
    rows = []
    cases = Case.objects.filter(person=person).select_related("office").order_by("opened_at")
    for case in cases:
        notes = list(Note.objects.filter(case=case).order_by("created_at"))
        rows.append(
            {
                "office": case.office.name,
                "status": case.status,
                "opened_at": case.opened_at,
                "opened_reason": case.opened_reason,
                "closed_at": case.closed_at,
                "closed_reason": case.closed_reason,
                "notes_count": len(notes),
                "notes_shared": sum(n.visibility == NoteVisibility.SHARED for n in notes),
                "notes_first": notes[0].created_at if notes else None,
                "notes_last": notes[-1].created_at if notes else None,
                "notes": (
                    [
                        {
                            "at": n.created_at,
                            "text": n.text,
                            "shared": n.visibility == NoteVisibility.SHARED,
                        }
                        for n in notes
                    ]
                    if include_note_texts
                    else []
                ),
                "follow_ups": case.follow_ups.count(),
            }
        )
    return rows


def _referrals(person):
    rows = []
    referrals = (
        Referral.objects.filter(person=person)
        .select_related("from_office", "to_office")
        .prefetch_related("events__office")
        .order_by("created_at")
    )
    for referral in referrals:
        rows.append(
            {
                "id": referral.pk,
                "kind": referral.kind,
                "from_office": referral.from_office.name,
                "to_office": referral.to_office.name,
                "purpose": referral.purpose,
                "shared": sorted(referral.shared.items()),
                "state": referral.state,
                "requested_at": referral.created_at,
                "outcome": referral.outcome,
                "timeline": [
                    {"at": event.at, "state": event.state, "office": event.office.name}
                    for event in referral.events.all()
                ],
            }
        )
    return rows


def _consents(person):
    consents = (
        Consent.objects.filter(person=person)
        .select_related("recorded_by_office")
        .prefetch_related("recipients", "disclosing_offices")
        .order_by("given_on", "pk")
    )
    return [
        {
            "id": consent.pk,
            "recipients": sorted(office.name for office in consent.recipients.all()),
            "disclosing": sorted(office.name for office in consent.disclosing_offices.all()),
            "categories": list(consent.categories),
            "health": consent.explicit_special_categories,
            "purposes": list(consent.purposes),
            "purpose_details": consent.purpose_details,
            "given_on": consent.given_on,
            "given_how": consent.get_given_how_display(),
            "valid_until": consent.valid_until,
            "recorded_by_office": consent.recorded_by_office.name,
            "withdrawn_at": consent.withdrawn_at,
            "withdrawal_reason": consent.withdrawal_reason,
        }
        for consent in consents
    ]


def _corrections(person):
    return [
        {
            "id": item.pk,
            "data_item": item.data_item,
            "current_value": item.current_value,
            "requested_value": item.requested_value,
            "received_on": item.received_on,
            "office": item.received_by_office.name,
            "status": item.status,
            "resolved_at": item.resolved_at,
            "change_made": item.change_made,
            "rejection_reason": item.rejection_reason,
        }
        # The person's own requests ("Ihre Anträge"): a request between offices is none.
        for item in CorrectionRequest.objects.filter(person=person, origin=RequestOrigin.PERSON)
        .select_related("received_by_office")
        .order_by("received_on", "pk")
    ]


def _in_german(label) -> str:
    """A label (a callable giving it) in German: the report prints the recorded entries in
    German."""
    return in_language("de", lambda: str(label()))


def _profile(person):
    """Every profile entry, current and earlier, of every office, in German words."""
    return [
        {
            "kind": _in_german(entry.get_kind_display),
            "text": entry_line(entry),
            "source": _in_german(entry.get_source_display),
            "recorded_by": entry.recorded_by.name,
            "recorded_at": entry.created_at,
            "replaced_at": entry.replaced_at,
            "health": entry.kind == "health",
        }
        for entry in profile_entries_of_person(person)
    ]


def _documents(person):
    """Every document of every office (withdrawn ones too, marked), its kind in German."""
    return [
        {
            "kind": _in_german(document.get_kind_display),
            "title": document.title,
            "category": document.category,
            "issued_on": document.issued_on,
            "recorded_by": document.recorded_by.name,
            "recorded_at": document.created_at,
            "withdrawn_at": document.withdrawn_at,
        }
        for document in reversed(documents_of_person(person))
    ]


def _plan(person):
    """The goals of every office with their steps (current values; the changes are counted)."""
    steps: dict[int, list[Step]] = {}
    for step in (
        Step.objects.filter(person=person)
        .select_related("responsible", "recorded_by", "enrolment__course__course_type")
        .order_by("due_on", "pk")
    ):
        steps.setdefault(step.goal_id, []).append(step)
    goals = (
        Goal.objects.filter(person=person)
        .select_related("owner", "recorded_by")
        .order_by("created_at", "pk")
    )
    changes = PlanChange.objects.filter(person=person).order_by("changed_at")
    return {
        "goals": [
            {
                "text": goal.text,
                "area": _in_german(goal.get_area_display),
                "owner": goal.owner.name,
                "target_date": goal.target_date,
                "status": _in_german(goal.get_status_display),
                "status_reason": goal.status_reason,
                "recorded_by": goal.recorded_by.name,
                "recorded_at": goal.created_at,
                "steps": [
                    {
                        "text": step.text,
                        "due_on": step.due_on,
                        "status": _in_german(step.get_status_display),
                        "responsible": step.responsible.name,
                        "recorded_by": step.recorded_by.name,
                        "course": (
                            step.enrolment.course.course_type.label_de if step.enrolment else ""
                        ),
                    }
                    for step in steps.get(goal.pk, [])
                ],
            }
            for goal in goals
        ],
        "changes": changes.count(),
        "last_change": changes.values_list("changed_at", flat=True).last(),
        "conferences": _conferences(person),
    }


def _conferences(person):
    """Every case conference on the plan (corrected ones too, marked replaced)."""
    rows = (
        CaseConference.objects.filter(person=person)
        .select_related("recorded_by")
        .prefetch_related("offices")
        .order_by("held_on", "pk")
    )
    return [
        {
            "held_on": row.held_on,
            "participants": ", ".join(
                [*sorted(o.name for o in row.offices.all()), row.other_participants]
            ).rstrip(", "),
            "agreed": row.agreed,
            "recorded_by": row.recorded_by.name,
            "replaced_at": row.replaced_at,
        }
        for row in rows
    ]


def _enrolments(person):
    """Every enrolment row (current and earlier) with its weeks of attendance and its exams."""
    rows = (
        Enrolment.objects.filter(person=person)
        .select_related("course__course_type", "course__gemeinde", "recorded_by")
        .prefetch_related("attendance", "exams")
        .order_by("created_at", "pk")
    )
    result = []
    for enrolment in rows:
        weeks = [a for a in enrolment.attendance.all() if a.replaced_at is None]
        course = enrolment.course
        result.append(
            {
                "course": f"{course.course_type.label_de} – {course.provider}, "
                f"{course.gemeinde.name}",
                "starts_on": course.starts_on,
                "ends_on": course.ends_on,
                "state": _in_german(enrolment.get_state_display),
                "recorded_by": enrolment.recorded_by.name,
                "recorded_at": enrolment.created_at,
                "replaced_at": enrolment.replaced_at,
                "weeks": len(weeks),
                "units": (
                    sum(a.units_attended for a in weeks),
                    sum(a.units_planned for a in weeks),
                ),
                "exams": [
                    {
                        "exam": _in_german(exam.get_exam_display),
                        "taken_on": exam.taken_on,
                        "level": exam.level,
                        "passed": exam.passed,
                    }
                    for exam in enrolment.exams.all()
                ],
            }
        )
    return result


def _appointments(person):
    """Every appointment of the person (cancelled and replaced ones too), with the offices at
    the table, the interpreter's language and whether the person came."""
    rows = (
        Appointment.objects.filter(person=person)
        .select_related("office")
        .prefetch_related("other_offices__office", "interpreter_bookings")
        .order_by("starts_at", "pk")
    )
    return [
        {
            "starts_at": timezone.localtime(row.starts_at),
            "ends_at": timezone.localtime(row.ends_at),
            "kind": _in_german(row.get_kind_display),
            "offices": ", ".join(
                [row.office.name, *sorted(o.office.name for o in row.other_offices.all())]
            ),
            "interpreter_language": ", ".join(
                b.language for b in row.interpreter_bookings.all() if b.status != "cancelled"
            ),
            "status": _in_german(row.get_status_display),
            "status_reason": row.status_reason,
        }
        for row in rows
    ]


def _placements(person):
    """The person's placements in work or training with every step, and what the offices did
    with the vacancies the platform suggested (a suggestion is never a decision: Art. 22 GDPR,
    the person sees who decided)."""
    from lotse.jobs.match_models import MatchDecision
    from lotse.jobs.placement_models import Placement

    placements = (
        Placement.objects.filter(person=person)
        .select_related("vacancy__employer", "recorded_by")
        .prefetch_related("steps")
        .order_by("created_at", "pk")
    )
    decisions = (
        MatchDecision.objects.filter(person=person)
        .select_related("vacancy__employer", "recorded_by")
        .order_by("created_at", "pk")
    )
    return {
        "placements": [
            {
                "vacancy": f"{row.vacancy.title}, {row.vacancy.employer.name}",
                "office": row.recorded_by.name if row.recorded_by else "",
                "stage": _in_german(row.get_stage_display),
                "start_date": row.start_date,
                "contract_type": _in_german(row.get_contract_type_display)
                if row.contract_type
                else "",
                "steps": [
                    {
                        "stage": _in_german(step.get_stage_display),
                        "on": step.on,
                        "reason": _in_german(step.get_reason_display) if step.reason else "",
                    }
                    for step in sorted(row.steps.all(), key=lambda step: (step.on, step.pk))
                ],
            }
            for row in placements
        ],
        "match_decisions": [
            {
                "at": row.created_at,
                "vacancy": f"{row.vacancy.title}, {row.vacancy.employer.name}",
                "office": row.recorded_by.name if row.recorded_by else "",
                "decision": _in_german(row.get_decision_display),
                "reason": _in_german(row.get_reason_display) if row.reason else "",
                "replaced_at": row.replaced_at,
            }
            for row in decisions
        ],
    }


def subject_report_data(*, actor: User, person: Person, include_note_texts: bool = False) -> dict:
    """Everything stored about `person`, of every office, and who read or received it.

    Language-neutral: codes of choices stay codes (documents.py prints them in each language),
    values stay as recorded.
    """
    person = _resolve_merged(person)
    decision = report_decide(actor=actor, person=person)
    if not decision:
        report_authorize(
            actor=actor, person=person, as_dpo=actor.has_role(Role.DATA_PROTECTION_OFFICER)
        )
    person_ids = _person_ids(person)
    return {
        "person": person,
        "basis": decision.basis,
        "generated_at": timezone.now(),
        "names": _names(person),
        "identifiers": [
            {
                "type": identifier.type,
                "value": identifier.value,
                "issuer": identifier.issuer,
                "valid_to": identifier.valid_to,
                "recorded_by": identifier.recorded_by.name if identifier.recorded_by else "",
            }
            for identifier in person.identifiers.select_related("recorded_by")
        ],
        "nationalities": [
            {
                "country": n.country,
                "source": n.source,
                "recorded_by": n.recorded_by.name if n.recorded_by else "",
            }
            for n in person.nationalities.select_related("recorded_by")
        ],
        "addresses": [
            {
                "accommodation": a.accommodation,
                "text": str(a),
                "valid_from": a.valid_from,
                "valid_to": a.valid_to,
                "recorded_by": a.recorded_by.name if a.recorded_by else "",
            }
            for a in person.addresses.select_related("recorded_by")
        ],
        "relations": _relations(person),
        "languages": [
            {
                "language": language.language,
                "levels": [
                    language.listening,
                    language.reading,
                    language.speaking,
                    language.writing,
                ],
                # printed as German (lang="de") in every part of the report
                "source": in_language("de", language.get_source_display),
                "assessed_on": language.assessed_on,
                "recorded_by": language.recorded_by.name,
                "replaced_at": language.replaced_at,
            }
            for language in PersonLanguage.objects.filter(person=person).select_related(
                "recorded_by"
            )
        ],
        "profile": _profile(person),
        "documents": _documents(person),
        "plan": _plan(person),
        "enrolments": _enrolments(person),
        "appointments": _appointments(person),
        **_placements(person),
        "cases": _cases(person, include_note_texts=include_note_texts),
        "referrals": _referrals(person),
        "consents": _consents(person),
        **letters_and_messages(person_ids),
        "corrections": _corrections(person),
        "merged_records": len(person_ids) - 1,
        "access": access_summary(person_ids=person_ids),
        "include_note_texts": include_note_texts,
    }


# --- correction requests ------------------------------------------------------------------------
def correction_requests_of_person(*, actor: User, person: Person) -> list[CorrectionRequest]:
    """The person's correction requests, open ones first (seen with an open case)."""
    authorize(actor, Action.VIEW_PERSON, person, purpose=CORRECTION_PURPOSE)
    rows = (
        CorrectionRequest.objects.filter(person=person)
        .select_related("received_by_office", "requested_by_office", "recorded_by", "resolved_by")
        .annotate(
            open_first=DbCase(
                When(status=CorrectionStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "received_on", "pk")
    )
    # A request one office made to another is the two offices' business (the request's rule).
    return [
        item
        for item in rows
        if item.origin == RequestOrigin.PERSON
        or decide(actor, Action.VIEW_PERSON, item, purpose=CORRECTION_PURPOSE)
    ]


def correction_request_get(*, actor: User, person: Person, request_id) -> CorrectionRequest:
    try:
        pk = int(request_id)
    except (TypeError, ValueError):
        raise Http404 from None
    for item in correction_requests_of_person(actor=actor, person=person):
        if item.pk == pk:
            return item
    raise Http404


def correction_request_list(*, actor: User, status: str = "") -> list[CorrectionRequest]:
    """The requests the actor's office received, open ones first (oldest first); the listed
    persons are logged as read, as every list of persons is."""
    authorize(actor, Action.WORK_ON_CASE)
    rows = (
        scope(actor, Action.EDIT_PERSON, CorrectionRequest.objects.all())
        .select_related("person", "resolved_by", "requested_by_office")
        .prefetch_related("person__names")
        .annotate(
            open_first=DbCase(
                When(status=CorrectionStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "received_on", "pk")
    )
    if status in CorrectionStatus.values:
        rows = rows.filter(status=status)
    listed = list(rows[:300])
    for item in listed:
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            obj=item,
            person_id=item.person_id,
            action=ListRead.CORRECTIONS,
            purpose=CORRECTION_PURPOSE,
            basis=LegalBasis(Basis.CORRECTION_RECEIVED),
            categories=[Category.IDENTITY],
        )
    return listed


# --- corrections asked for by another office ----------------------------------------------------
OFFICE_CORRECTION_PURPOSE = "correction asked for by another office"


def identity_field_owner(person: Person, field: str) -> Office | None:
    """The office that recorded a field of the identity core: for names and nationalities the
    office that recorded the entry in force, for the rest the office that registered the
    person."""
    row = None
    if field == IdentityField.NAME:
        row = person.names.filter(is_primary=True).select_related("recorded_by").first()
    elif field == IdentityField.NATIONALITY:
        row = person.nationalities.select_related("recorded_by").order_by("-pk").first()
    office = getattr(row, "recorded_by", None)
    return office or person.created_by_office


def identity_field_value(person: Person, field: str) -> str:
    """The field as recorded, in words (what the asking office saw)."""
    if field == IdentityField.NAME:
        return str(person)
    if field == IdentityField.BIRTH_DATE:
        parts = [person.birth_day, person.birth_month, person.birth_year]
        return ".".join(f"{p:02d}" if p and p < 100 else str(p or "??") for p in parts)
    if field == IdentityField.BIRTH_PLACE:
        return ", ".join(p for p in [person.birth_place, person.birth_country] if p)
    if field == IdentityField.SEX:
        return str(person.get_sex_display())
    return ", ".join(n.country for n in person.nationalities.all())


@dataclass
class CorrectionChoices:
    """What the actor's office may ask another office to correct about a person."""

    entries: list = field(default_factory=list)  # status entries of other offices, in force
    fields: list[dict] = field(default_factory=list)  # identity fields and their owning office


def office_correction_choices(*, actor: User, person: Person) -> CorrectionChoices:
    """The status entries of other offices that the actor's office may see (the policy's
    category rules decide; each decision is logged) and the fields of the identity core that
    another office recorded."""
    entries, _hidden = visible_entries(
        actor=actor, person=person, purpose=OFFICE_CORRECTION_PURPOSE
    )
    choices = CorrectionChoices(
        entries=[e for e in entries_in_force(entries) if e.recorded_by_office_id != actor.office_id]
    )
    for value, label in IdentityField.choices:
        owner = identity_field_owner(person, value)
        if owner is not None and owner.pk != actor.office_id:
            choices.fields.append({"value": value, "label": label, "owner": owner})
    return choices


def office_correction_get(*, actor: User, person: Person, request_id) -> CorrectionRequest:
    """A request of an office about `person`, for the two offices concerned; 404 for anyone
    else (the refusal logged)."""
    if not str(request_id).isascii() or not str(request_id).isdigit():
        raise Http404
    item = (
        CorrectionRequest.objects.filter(
            pk=int(request_id), person=person, origin=RequestOrigin.OFFICE
        )
        .select_related(
            "received_by_office",
            "requested_by_office",
            "recorded_by",
            "resolved_by",
            "status_event__recorded_by_office",
            "correction_entry",
        )
        .first()
    )
    if item is None:
        raise Http404
    authorize(actor, Action.VIEW_PERSON, item, purpose=OFFICE_CORRECTION_PURPOSE)
    return item


def office_corrections_waiting(*, actor: User, limit: int = 10) -> dict:
    """The start page's tile: open requests of other offices to correct an entry of the actor's
    office, oldest first, with the full count; the listed persons are logged as read."""
    if not decide(actor, Action.WORK_ON_CASE):
        return {}
    rows = (
        scope(actor, Action.EDIT_PERSON, CorrectionRequest.objects.all())
        .filter(
            origin=RequestOrigin.OFFICE,
            status=CorrectionStatus.OPEN,
        )
        .select_related("person", "requested_by_office", "status_event")
        .prefetch_related("person__names")
        .order_by("received_on", "pk")
    )
    listed = list(rows[:limit])
    audit_reads(
        actor=actor,
        objects=listed,
        person_of=lambda item: item.person_id,
        purpose=Purpose.START_PAGE,
        basis=LegalBasis(Basis.OFFICE_CORRECTION_RECEIVED),
        action=ListRead.CORRECTIONS,
    )
    return {"requests": listed, "count": rows.count()}


def rights_section(*, actor: User, person) -> dict:
    """The person page's section on the person's rights: the correction requests the actor may
    see, whether the actor may produce the report and record a request."""
    return {
        "corrections": correction_requests_of_person(actor=actor, person=person),
        "can_report": bool(report_decide(actor=actor, person=person)),
        "can_edit": bool(decide(actor, Action.EDIT_PERSON, person)),
    }
