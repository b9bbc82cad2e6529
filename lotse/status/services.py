"""Writes of status data: recording, correcting and retracting status events, and the
Rechtskreiswechsel that may follow (lotse/status/switch.py). Keyword-only, in a transaction,
each with its audit event; nothing is deleted or overwritten."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.cases.models import Case, CaseStatus, FollowUp, Referral
from lotse.cases.referrals import default_answer_by, referral_request
from lotse.cases.services import follow_up_done
from lotse.organisations.models import User
from lotse.people.households import current_members, current_membership
from lotse.people.models import Person
from lotse.people.selectors import family_persons
from lotse.status import facts as status_facts
from lotse.status.events import ENGINE_KINDS, EventKind, Source
from lotse.status.models import BenefitSwitch, EntryAction, StatusEvent, SwitchState
from lotse.status.reasons import month_text
from lotse.status.rules import ScenarioError
from lotse.status.rules.scenario import parse_event
from lotse.status.switch import KINDS, kind_of, month, office_of, wohnsitz_kreis


def _clean_details(kind: str, day: date, details: dict[str, Any]) -> dict[str, Any]:
    """The engine's fields as JSON values; refused in plain words when they do not fit."""
    values = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in details.items()
        if value is not None and value != ""
    }
    if kind == EventKind.ENTRY:
        if values:
            raise ValidationError(_("An entry into Germany has no further details."))
        return {}
    try:
        parse_event({"date": day.isoformat(), "type": kind, **values}, 0, "entry")
    except ScenarioError as exc:
        raise ValidationError(
            _("The details do not fit this kind of event: %(problem)s")
            % {"problem": exc.for_reader()}
        ) from exc
    return values


def _check_entry(*, person: Person, kind: str, day: date, source: str) -> None:
    if kind not in EventKind.values:
        raise ValidationError({"kind": _("Choose a kind of event.")})
    if source not in Source.values:
        raise ValidationError({"source": _("Say where the information comes from.")})
    if day > timezone.localdate():
        raise ValidationError({"date": _("The date lies in the future: record what has happened.")})
    if person.birth_year and day.year < person.birth_year:
        raise ValidationError({"date": _("The date lies before the person's birth.")})


def _check_history(person: Person, entries: list[StatusEvent]) -> None:
    """The history with the new entry must be possible (the engine's contradiction checks)."""
    try:
        facts = status_facts.gather(person, entries, with_household=False)
        status_facts.check_history(facts)
    except ScenarioError as exc:
        if exc.incomplete:
            return  # nothing to contradict yet; the answers will say what is missing
        message = exc.for_reader().rstrip(".")
        raise ValidationError(
            _(
                "This entry does not fit the recorded history, so it was not saved: %(problem)s. "
                "Record the missing step first, or correct the earlier entry."
            )
            % {"problem": message}
        ) from exc


def _authorize_write(actor: User, person: Person) -> None:
    authorize(
        actor, Action.EDIT_PERSON, person, purpose=Purpose.STATUS, categories=[Category.STATUS]
    )


def _own_entry(actor: User, entry: StatusEvent) -> None:
    _authorize_write(actor, entry.person)
    if entry.recorded_by_office_id != actor.office_id:
        raise ValidationError(_("Only the office that recorded an entry can change it."))
    if entry.action == EntryAction.RETRACT:
        raise ValidationError(_("A retraction cannot be changed."))
    if StatusEvent.objects.filter(target=entry).exists():
        raise ValidationError(_("This entry was corrected or retracted already."))


def _audit(event_type: EventType, actor: User, entry: StatusEvent, reason: str = "") -> None:
    audit_record(
        event_type=event_type,
        actor=actor,
        obj=entry,
        person_id=entry.person_id,
        purpose=Purpose.STATUS,
        reason=reason,
        categories=[Category.STATUS],
        details={"kind": entry.kind, "date": entry.date.isoformat(), **entry.details},
    )


@atomic_service
def status_event_record(
    *,
    actor: User,
    person: Person,
    kind: str,
    date: date,
    details: dict[str, Any] | None = None,
    source: str,
    note: str = "",
) -> StatusEvent:
    _authorize_write(actor, person)
    _check_entry(person=person, kind=kind, day=date, source=source)
    values = _clean_details(kind, date, details or {})
    entry = StatusEvent(
        person=person,
        kind=kind,
        date=date,
        details=values,
        source=source,
        note=note.strip(),
        recorded_by_office=actor.office,
        recorded_by=actor,
    )
    _check_history(person, [*StatusEvent.objects.filter(person=person), entry])
    entry.save()
    _audit(EventType.STATUS_EVENT_RECORDED, actor, entry)
    switch_sync(actor=actor, person=person, trigger=entry)
    return entry


@atomic_service
def status_event_record_for_family(
    *,
    actor: User,
    person: Person,
    members: list[Person],
    kind: str,
    date: date,
    details: dict[str, Any] | None = None,
    source: str,
    note: str = "",
) -> list[StatusEvent]:
    """The same entry for `person` and for the `members` of their Bedarfsgemeinschaft the
    caseworker ticked (a BAMF-Bescheid for the whole family): one entry per person, each
    checked, policy-asked and audited as if recorded alone, all in one transaction — one
    refused, none stored."""
    membership = current_membership(person)
    household_ids = (
        {m.person_id for m in current_members(membership.household)} if membership else set()
    )
    if any(m.pk not in household_ids or m.pk == person.pk for m in members):
        raise ValidationError(
            {"applies_to": _("Only current members of the Bedarfsgemeinschaft can be chosen.")}
        )
    recorded = [
        status_event_record(
            actor=actor,
            person=person,
            kind=kind,
            date=date,
            details=details,
            source=source,
            note=note,
        )
    ]
    for member in members:
        try:
            recorded.append(
                status_event_record(
                    actor=actor,
                    person=member,
                    kind=kind,
                    date=date,
                    details=details,
                    source=source,
                    note=note,
                )
            )
        except ValidationError as exc:
            raise ValidationError(
                _("For %(person)s: %(problem)s Nothing was saved.")
                % {"person": member, "problem": " ".join(exc.messages)}
            ) from exc
    if members:
        # Each switch was computed as its entry was saved, when the members after it had not
        # got theirs yet (a child's answer follows the parents'): ask again for everyone.
        for entry in recorded:
            switch_sync(actor=actor, person=entry.person, trigger=entry)
    return recorded


@atomic_service
def status_event_correct(
    *,
    actor: User,
    entry: StatusEvent,
    date: date,
    details: dict[str, Any] | None = None,
    source: str,
    reason: str,
    note: str = "",
) -> StatusEvent:
    """Replace an entry of the actor's office by a corrected one; the old one stays visible."""
    _own_entry(actor, entry)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what was wrong.")})
    person = entry.person
    _check_entry(person=person, kind=entry.kind, day=date, source=source)
    values = _clean_details(entry.kind, date, details or {})
    correction = StatusEvent(
        person=person,
        action=EntryAction.CORRECT,
        kind=entry.kind,
        date=date,
        details=values,
        source=source,
        note=note.strip(),
        target=entry,
        reason=reason.strip(),
        recorded_by_office=actor.office,
        recorded_by=actor,
    )
    _check_history(person, [*StatusEvent.objects.filter(person=person), correction])
    correction.save()
    _audit(EventType.STATUS_EVENT_CORRECTED, actor, correction, reason)
    switch_sync(actor=actor, person=person, trigger=correction)
    return correction


@atomic_service
def status_event_retract(*, actor: User, entry: StatusEvent, reason: str) -> StatusEvent:
    """Take back an entry of the actor's office (recorded in error): an entry with the reason."""
    _own_entry(actor, entry)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is taken back.")})
    person = entry.person
    retraction = StatusEvent(
        person=person,
        action=EntryAction.RETRACT,
        kind=entry.kind,
        date=entry.date,
        details=entry.details,
        source=entry.source,
        target=entry,
        reason=reason.strip(),
        recorded_by_office=actor.office,
        recorded_by=actor,
    )
    _check_history(person, [*StatusEvent.objects.filter(person=person), retraction])
    retraction.save()
    _audit(EventType.STATUS_EVENT_RETRACTED, actor, retraction, reason)
    switch_sync(actor=actor, person=person, trigger=retraction)
    return retraction


# --- the Rechtskreiswechsel -------------------------------------------------------------------


def _month_label(day: date) -> str:
    return f"{day:%m/%Y}"


def _switch_answers(person: Person, today: date) -> tuple[status_facts.Facts, dict] | None:
    """The person's facts and today's answers, or None when the engine cannot judge the switch:
    not the scenario as a whole, or a missing fact leaves the switch open (then what is recorded
    stays as it is)."""
    entries = list(StatusEvent.objects.filter(person=person).select_related("recorded_by_office"))
    try:
        facts = status_facts.gather(person, entries)
        answers = status_facts.answers_on(facts, today)
    except ScenarioError:
        return None
    return None if "switch" in answers["open"] else (facts, answers)


def switch_sync(*, actor: User, person: Person, trigger: StatusEvent) -> BenefitSwitch | None:
    """Ask the engine for today; record a switch it computes that is not recorded yet (with the
    follow-up for the office handing over), and withdraw proposals it no longer computes.

    Called by the status services inside their transaction, on behalf of the office that
    recorded the status change: the follow-up on the other office's case says who caused it.
    """
    today = timezone.localdate()
    judged = _switch_answers(person, today)
    if judged is None:
        return None
    facts, answers = judged
    answer = answers.get("switch")
    kind = kind_of(answer) if answer else None
    current = None
    if kind is not None and answer:
        last, first = month(answer[kind.last_key]), month(answer[kind.first_key])
        current = (kind.key, last)
    for stale in BenefitSwitch.objects.filter(person=person, state=SwitchState.PROPOSED):
        if (stale.kind, stale.last_month) != current:
            stale.state = SwitchState.CANCELLED
            stale.save(update_fields=["state", "updated_at"])
            audit_record(
                event_type=EventType.BENEFIT_SWITCH_CANCELLED,
                actor=actor,
                obj=stale,
                person_id=person.pk,
                categories=[Category.STATUS],
                details={"kind": stale.kind, "last_month": _month_label(stale.last_month)},
            )
    if kind is None:
        return None
    existing = (
        BenefitSwitch.objects.filter(person=person, kind=kind.key, last_month=last)
        .exclude(state=SwitchState.CANCELLED)
        .first()
    )
    if existing:
        return existing
    from_office = office_of(kind.from_kind, facts.kreis, today)
    if from_office is None:
        return None
    target_kreis = wohnsitz_kreis(facts.events, first) or facts.kreis
    to_office = office_of(kind.to_kind, target_kreis, first)
    from_case = Case.objects.filter(
        person=person, office=from_office, status=CaseStatus.OPEN
    ).first()
    switch = BenefitSwitch.objects.create(
        person=person,
        kind=kind.key,
        last_month=last,
        first_month=first,
        from_office=from_office,
        to_office=to_office,
        from_case=from_case,
        trigger=trigger,
        reasons=[r for r in answers["reasons"] if r["question"] == "switch"],
        state=SwitchState.COVERED if to_office == from_office else SwitchState.PROPOSED,
    )
    if from_case is not None:
        title = _(
            "Rechtskreiswechsel: last %(old)s month %(last)s, first %(new)s month %(first)s"
        ) % {
            "old": kind.old_regime,
            "new": kind.new_regime,
            "last": month_text(last),
            "first": month_text(first),
        }
        if to_office and to_office != from_office:
            title += " – " + _("hand over to %(office)s") % {"office": to_office}
        switch.follow_up = FollowUp.objects.create(
            case=from_case, due_on=today, title=title[:200], created_by=actor
        )
        switch.save(update_fields=["follow_up", "updated_at"])
        audit_record(
            event_type=EventType.FOLLOW_UP_SET,
            actor=actor,
            obj=from_case,
            person_id=person.pk,
            reason=title,
            details={"due_on": str(today), "switch": switch.pk},
        )
    audit_record(
        event_type=EventType.BENEFIT_SWITCH_DUE,
        actor=actor,
        obj=switch,
        person_id=person.pk,
        categories=[Category.STATUS],
        details={
            "kind": kind.key,
            "last_month": _month_label(last),
            "first_month": _month_label(first),
            "from": from_office.code,
            "to": to_office.code if to_office else "",
        },
    )
    return switch


def switch_referral_defaults(switch: BenefitSwitch) -> dict:
    """What the proposed hand-over is filled with."""
    kind = KINDS[switch.kind]
    last_day = switch.first_month - timedelta(days=1)
    # Answered before the old regime's last day where that is sooner than two weeks.
    respond_by = default_answer_by(at_the_latest=last_day)
    due_by = max(respond_by, switch.first_month)
    purpose = _(
        "Rechtskreiswechsel %(old)s → %(new)s: last %(old)s month %(last)s, first %(new)s month "
        "%(first)s. Please take over and have the application made in %(first)s at the latest."
    ) % {
        "old": kind.old_regime,
        "new": kind.new_regime,
        "last": month_text(switch.last_month),
        "first": month_text(switch.first_month),
    }
    return {
        "purpose": purpose[:300],
        "categories": list(kind.categories),
        "respond_by": respond_by,
        "due_by": due_by,
    }


def household_switches(switch: BenefitSwitch) -> list[BenefitSwitch]:
    """The proposed switches of the other current members of the person's Bedarfsgemeinschaft
    that go the same way (same kind, same offices, same first month, not yet sent): one
    hand-over sends them together."""
    members = [m for m in family_persons(switch.person) if m.pk != switch.person_id]
    if not members:
        return []
    return list(
        BenefitSwitch.objects.filter(
            person__in=members,
            kind=switch.kind,
            first_month=switch.first_month,
            from_office=switch.from_office_id,
            to_office=switch.to_office_id,
            state=SwitchState.PROPOSED,
            referral__isnull=True,
            from_case__status=CaseStatus.OPEN,
        )
        .select_related("person", "from_case", "follow_up", "to_office")
        .order_by("pk")
    )


def _refer_one(
    actor: User,
    switch: BenefitSwitch,
    purpose: str,
    categories: list[str],
    respond_by: date,
    due_by: date | None,
) -> Referral:
    if switch.from_case is None or switch.from_case.status != CaseStatus.OPEN:
        raise ValidationError(_("There is no open case at the office handing over."))
    authorize(actor, Action.WORK_ON_CASE, switch.from_case, purpose=Purpose.BENEFIT_SWITCH)
    if switch.state != SwitchState.PROPOSED or switch.referral_id:
        raise ValidationError(_("This hand-over was sent already."))
    if switch.to_office is None:
        raise ValidationError(_("No office taking over is known for this Kreis."))
    referral = referral_request(
        actor=actor,
        case=switch.from_case,
        to_office=switch.to_office,
        kind="transfer",
        purpose=purpose,
        categories=categories,
        respond_by=respond_by,
        due_by=due_by,
    )
    switch.referral = referral
    switch.state = SwitchState.REFERRED
    switch.save(update_fields=["referral", "state", "updated_at"])
    if switch.follow_up is not None and switch.follow_up.done_at is None:
        follow_up_done(actor=actor, follow_up=switch.follow_up)
    audit_record(
        event_type=EventType.BENEFIT_SWITCH_REFERRED,
        actor=actor,
        obj=switch,
        person_id=switch.person_id,
        categories=sorted(referral.shared),
        details={"referral": referral.pk, "to": switch.to_office.code},
    )
    return referral


@atomic_service
def benefit_switch_refer(
    *,
    actor: User,
    switch: BenefitSwitch,
    purpose: str,
    categories: list[str],
    respond_by: date,
    due_by: date | None,
    with_household: bool = True,
) -> Referral:
    """The office handing over sends the proposed hand-over (a transfer referral).

    With `with_household`, the Bedarfsgemeinschaft goes as one: the same hand-over is sent for
    each other member whose switch goes the same way (household_switches) — one referral per
    member, since each member's data are shared on their own basis, all in this transaction.
    Returns the person's referral."""
    others = household_switches(switch) if with_household else []
    referral = _refer_one(actor, switch, purpose, categories, respond_by, due_by)
    for other in others:
        _refer_one(actor, other, purpose, categories, respond_by, due_by)
    return referral


__all__ = [
    "ENGINE_KINDS",
    "benefit_switch_refer",
    "household_switches",
    "status_event_correct",
    "status_event_record",
    "status_event_record_for_family",
    "status_event_retract",
    "switch_referral_defaults",
    "switch_sync",
]
