"""Reads of status data. Each asks the policy per recording office (status is owned by the
office that recorded it: benefit bodies see it by statute, other offices with consent) and
leaves its read — or refusal — in the audit trail."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import Action, Category, authorize, decide, decide_category, scope
from lotse.audit.models import EventType
from lotse.audit.services import audit_reads, audit_record, audit_refusal
from lotse.audit.vocabulary import Basis, LegalBasis, ListRead, Purpose
from lotse.organisations.models import OfficeKind, User
from lotse.people.models import Person
from lotse.status import facts as status_facts
from lotse.status.checklist import checklists, fill
from lotse.status.kreise import KreisReference
from lotse.status.models import BenefitSwitch, EntryAction, StatusEvent, SwitchState
from lotse.status.reasons import ANSWER_LABELS, cannot_judge_text, day_text, say_all, switch_text
from lotse.status.reasons import kreis_names as _kreis_names
from lotse.status.rules import ScenarioError
from lotse.status.rules.scenario import DATE_FIELDS
from lotse.status.switch import KINDS, is_covered, needs_warning, open_switches, switches_to_warn

QUESTIONS = {
    "benefit_regime": _("Benefits"),
    "benefit_office": _("Responsible office"),
    "labour_market_access": _("Labour-market access"),
    "integration_course": _("Integration course"),
    "gute_bleibeperspektive": _("Gute Bleibeperspektive"),
    "switch": _("Rechtskreiswechsel"),
    "duldung_paths": _("Ausbildungs- or Beschäftigungsduldung"),
    "school_vkl": _("Preparatory class at a general school (VKL)"),
    "school_vabo": _("VABO class at a vocational school"),
}
VALUES = ANSWER_LABELS


@dataclass
class Answer:
    question: str
    label: str
    value: str
    reasons: list[dict]
    why_open: str = ""  # for an answer a missing fact leaves open: why it is needed


@dataclass
class Overview:
    entries: list[dict] = field(default_factory=list)  # every entry, with its standing
    hidden_offices: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    problem: str = ""
    assumptions: list[str] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    switches: list[dict] = field(default_factory=list)
    can_record: bool = False


def _value(question: str, answers: dict) -> str:
    left_open = answers.get("open", {}).get(question)
    if left_open:
        return cannot_judge_text(left_open["missing"])
    value = answers.get(question)
    if question == "switch":
        return switch_text(value)
    return str(VALUES.get(value, value))


def answer_list(answers: dict) -> list[Answer]:
    reasons = say_all(answers["reasons"])
    return [
        Answer(
            question,
            str(label),
            _value(question, answers),
            [r for r in reasons if r["question"] == question],
            answers.get("open", {}).get(question, {}).get("message", ""),
        )
        for question, label in QUESTIONS.items()
    ]


def visible_entries(
    *, actor: User, person: Person, purpose: str = Purpose.STATUS
) -> tuple[list, list[str]]:
    """The person's status entries whose recording office the actor may see, and the names of
    the offices whose entries stay hidden; each decision is logged."""
    authorize(actor, Action.VIEW_PERSON, person, purpose=purpose, categories=[Category.STATUS])
    entries = list(
        StatusEvent.objects.filter(person=person).select_related(
            "recorded_by_office__kreis", "recorded_by"
        )
    )
    offices = {e.recorded_by_office_id: e.recorded_by_office for e in entries}
    allowed, hidden, bases = set(), [], set()
    for office in offices.values():
        decision = decide_category(
            actor, person, Category.STATUS, owner_office=office, purpose=purpose
        )
        if decision:
            allowed.add(office.pk)
            bases.add(decision.basis or decision.reason)
        else:
            hidden.append(office.name)
            # Through audit_refusal: the refusal stays in the trail even when the service that
            # asked (e.g. a correction request) is rolled back.
            audit_refusal(
                actor=actor,
                action=Action.VIEW_PERSON,
                obj=person,
                person_id=person.pk,
                purpose=purpose,
                reason=decision.reason,
                categories=[Category.STATUS],
                details={"owner": office.code},
            )
    if allowed:
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            obj=person,
            person_id=person.pk,
            purpose=purpose,
            basis=sorted(bases),
            categories=[Category.STATUS],
        )
    return [e for e in entries if e.recorded_by_office_id in allowed], sorted(hidden)


def _standing(entries: list[StatusEvent]) -> list[dict]:
    followed = {e.target_id: e for e in entries if e.target_id}
    rows = []
    for entry in sorted(entries, key=lambda e: (e.date, e.pk)):
        later = followed.get(entry.pk)
        if entry.action == EntryAction.RETRACT:
            standing = "retraction"
        elif later is None:
            standing = "in_force"
        else:
            standing = "retracted" if later.action == EntryAction.RETRACT else "replaced"
        rows.append({"entry": entry, "standing": standing, "details": describe(entry)})
    return rows


def say_kreis(code: str) -> str:
    return _kreis_names().get(code, code)


def describe(entry: StatusEvent) -> list[tuple[str, str]]:
    from lotse.status.events import (
        APPLICATION_KINDS,
        DECIDED_BY,
        FIELD_LABELS,
        OBLIGED_BY,
        OUTCOME_LABELS,
        TITLE_LABELS,
        VARIANT_LABELS,
    )

    tables = {
        "outcome": OUTCOME_LABELS,
        "title": TITLE_LABELS,
        "for_title": TITLE_LABELS,
        "variant": VARIANT_LABELS,
        "kind": APPLICATION_KINDS,
        "by": {**DECIDED_BY, **OBLIGED_BY},
    }
    shown = []
    for name, value in entry.details.items():
        if isinstance(value, bool):
            text = str(VALUES[value])
        elif name in DATE_FIELDS and value:
            text = day_text(value)
        elif name == "kreis" and value:
            text = say_kreis(value)
        else:
            text = str(tables.get(name, {}).get(value, value))
        shown.append((str(FIELD_LABELS.get(name, name)), text))
    return shown


def _event_label(event: dict) -> str:
    """An engine event as words: its kind, and the outcome, title or kind of Duldung."""
    from lotse.status.events import OUTCOME_LABELS, TITLE_LABELS, VARIANT_LABELS, EventKind

    label = str(EventKind(event["type"]).label)
    for name, table in (
        ("outcome", OUTCOME_LABELS),
        ("title", TITLE_LABELS),
        ("for_title", TITLE_LABELS),
        ("variant", VARIANT_LABELS),
    ):
        if event.get(name):
            return f"{label} ({table.get(event[name], event[name])})"
    return label


def timeline(
    facts: status_facts.Facts,
    today: date,
    *,
    reference: KreisReference | None = None,
) -> list[dict]:
    """The answers on each day an entry took effect, and today; what changed is marked.
    With `reference` (the person's Kreise, read once) the days cost no query each."""
    days = sorted({date.fromisoformat(e["date"]) for e in facts.events} | {today})
    days = [d for d in days if d >= date.fromisoformat(facts.person["entry_date"])]
    points: list[dict] = []
    previous: dict = {}
    for day in days:
        try:
            answers = status_facts.answers_on(facts, day, reference=reference)
        except ScenarioError as exc:
            points.append({"day": day, "problem": exc.for_reader(), "answers": []})
            previous = {}
            continue
        values = {q: _value(q, answers) for q in QUESTIONS}
        points.append(
            {
                "day": day,
                "events": [_event_label(e) for e in facts.events if e["date"] == day.isoformat()],
                "answers": [
                    {"label": QUESTIONS[q], "value": v, "changed": previous.get(q) != v}
                    for q, v in values.items()
                ],
                "problem": "",
            }
        )
        previous = values
    return points


def switch_view(
    switch: BenefitSwitch,
    person: Person,
    entries: list[StatusEvent],
    documents: dict | None = None,
) -> dict:
    """`documents`: the documents on the platform of the kinds the checklist names
    ({kind: [OnRecord]}, lotse.documents.selectors.documents_on_record), given by the page."""
    kind = KINDS[switch.kind]
    items = fill(kind.checklist, person, entries, documents) if kind.checklist else []
    return {
        "switch": switch,
        "reasons": say_all(switch.reasons),
        "sentence": switch_text(
            {
                kind.last_key: switch.last_month.strftime("%Y-%m"),
                kind.first_key: switch.first_month.strftime("%Y-%m"),
            }
        ),
        "kind": kind,
        "covered": is_covered(switch),
        "warning": needs_warning(switch),
        "checklist_title": checklists()[kind.checklist][0] if kind.checklist else "",
        "checklist": items,
        "missing": sum(1 for i in items if not i.present),
    }


def status_overview(*, actor: User, person: Person, with_timeline: bool = False) -> Overview:
    entries, hidden = visible_entries(actor=actor, person=person)
    overview = Overview(
        entries=_standing(entries),
        hidden_offices=hidden,
        can_record=bool(decide(actor, Action.EDIT_PERSON, person)),
    )
    today = timezone.localdate()
    if hidden:
        overview.problem = str(
            _(
                "Entries of %(offices)s are not open to your office (no legal basis and no "
                "consent), so no answers are computed from an incomplete history."
            )
            % {"offices": ", ".join(hidden)}
        )
    elif entries:
        try:
            # The household's members, their entries, nationalities and addresses in a fixed
            # number of queries, not a few for each member.
            records = status_facts.Records([person])
            facts = status_facts.gather(person, entries, records=records)
            overview.assumptions = facts.assumptions
            # The Kreise and their Jobcenters once, for today and every day of the timeline.
            reference = status_facts.kreis_reference(facts)
            overview.answers = answer_list(
                status_facts.answers_on(facts, today, reference=reference)
            )
            if with_timeline:
                overview.timeline = timeline(facts, today, reference=reference)
        except ScenarioError as exc:
            overview.problem = exc.for_reader()
    in_force = status_facts.entries_in_force(entries)
    overview.switches = [
        switch_view(s, person, in_force)
        for s in open_switches(person)
        if decide(actor, Action.WORK_ON_CASE, s)
    ]
    return overview


def entry_get(*, actor: User, person: Person, entry_id: object) -> StatusEvent:
    entries, _hidden = visible_entries(actor=actor, person=person)
    for entry in entries:
        if str(entry.pk) == str(entry_id):
            return entry  # type: ignore[no-any-return]  # visible_entries: StatusEvents
    raise Http404


def switch_get(*, actor: User, person: Person, switch_id: str | int) -> BenefitSwitch:
    authorize(actor, Action.VIEW_PERSON, person, purpose=Purpose.BENEFIT_SWITCH)
    if not str(switch_id).isascii() or not str(switch_id).isdigit():
        raise Http404  # ?switch=abc is no switch, not a server error
    switch = (
        BenefitSwitch.objects.filter(person=person, pk=int(switch_id))
        .exclude(state=SwitchState.CANCELLED)
        .select_related("from_office", "to_office", "from_case", "referral", "follow_up")
        .first()
    )
    if switch is None or not decide(actor, Action.WORK_ON_CASE, switch):
        raise Http404
    return switch


def switch_warnings(*, actor: User) -> list[BenefitSwitch]:
    """For the start page: switches of the actor's office whose first month is not covered."""
    if actor.office is None or not decide(actor, Action.WORK_ON_CASE):
        return []
    warnings = switches_to_warn(actor.office)
    for switch in warnings:
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            obj=switch,
            person_id=switch.person_id,
            action=ListRead.SWITCH_WARNINGS,
            purpose=Purpose.BENEFIT_SWITCH,
            basis=LegalBasis(Basis.OWN_CASE)
            if switch.from_office_id == actor.office_id
            else LegalBasis(Basis.REFERRAL_PARTY),
            categories=[Category.IDENTITY],
        )
    return warnings


def switches_upcoming(*, actor: User, limit: int = 10) -> dict | None:
    """For a Sozialamt's start page: its people whose last month in the old benefit regime is
    this month or next (the Rechtskreiswechsel it hands over), soonest first. None for other
    offices and for staff without case work."""
    office = actor.office
    if office is None or office.kind != OfficeKind.SOZIALAMT:
        return None
    if not decide(actor, Action.WORK_ON_CASE):
        return None
    this_month = timezone.localdate().replace(day=1)
    next_month = (this_month + timedelta(days=32)).replace(day=1)
    switches = (
        scope(actor, Action.WORK_ON_CASE, BenefitSwitch.objects.all())
        .filter(from_office=office, last_month__gte=this_month, last_month__lte=next_month)
        .exclude(state=SwitchState.CANCELLED)
        .select_related("to_office", "person")
        .prefetch_related("person__names")
        .order_by("last_month", "pk")
    )
    shown = list(switches[:limit])
    audit_reads(
        actor=actor,
        objects=shown,
        person_of=lambda switch: switch.person_id,
        purpose=Purpose.START_PAGE,
        basis=LegalBasis(Basis.OWN_CASE),
        action=ListRead.SWITCHES,
    )
    return {
        "switches": shown,
        "count": switches.count(),
        "this_month": this_month,
        "next_month": next_month,
    }
