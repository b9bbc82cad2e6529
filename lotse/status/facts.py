"""From the database to the engine: the person's facts and status entries as a Scenario.

The engine is pure (lotse/status/rules); this module gathers what it needs from the record:

* nationality — the person's first recorded nationality;
* birth date — as recorded; a day or month not known is taken as the 1st (the reasons say so);
* entry date — the `entry` event, else the first recorded status event (the reasons say so);
* in the reception centre — the current address is an Erstaufnahme;
* Kreis — the Kreis of the current address's Gemeinde, else that of the office whose case the
  switch concerns, else of the office that recorded the latest entry;
* events — the entries in force (not replaced, not retracted), in the order of their date;
* household — when a Bedarfsgemeinschaft is recorded (lotse/people/households.py), its other
  current members with their relation to the person (a partner, the parents of a child, the
  children of the applicant and partner) and their own facts and entries, so that a minor or a
  member under 15 is judged and not refused; a member whose own facts are incomplete is left
  out (the assumptions say so). Without a recorded household the engine gets none.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.organisations.models import Gemeinde
from lotse.people.households import current_members, current_membership
from lotse.people.models import (
    AccommodationKind,
    HouseholdMember,
    HouseholdRole,
    Person,
    PersonAddress,
    PersonNationality,
)
from lotse.status.events import EventKind
from lotse.status.kreise import KreisReference, jobcenter_forms, unknown_kreise
from lotse.status.models import EntryAction, StatusEvent
from lotse.status.reasons import day_text
from lotse.status.rules import ScenarioError, evaluate, parse_scenario, required_kreise
from lotse.status.rules.scenario import Scenario


def entries_in_force(entries) -> list[StatusEvent]:
    """The entries the engine reads: recorded or corrected ones not later replaced or retracted."""
    entries = list(entries)
    changed = {e.target_id for e in entries if e.target_id}
    return [e for e in entries if e.action != EntryAction.RETRACT and e.pk not in changed]


def as_engine_event(entry: StatusEvent) -> dict:
    return {"date": entry.date.isoformat(), "type": entry.kind, **entry.details}


@dataclass
class Facts:
    person: dict
    kreis: str
    events: list[dict]
    assumptions: list[str] = field(default_factory=list)
    household: list[dict] | None = None

    def scenario(self, day: date) -> dict:
        data = {
            "as_of": day.isoformat(),
            "kreis": self.kreis,
            "person": self.person,
            "events": self.events,
        }
        if self.household is not None:
            data["household"] = self.household
        return data


class Records:
    """What `gather` reads of many persons (the rows of a list), read once in a fixed number of
    queries: their first nationality, their current addresses and the Gemeinden their towns
    name, their current household membership, the household's current members and those
    members' own nationalities, addresses and entries. `gather(..., records=)` then asks the
    database nothing about these persons and finds the same facts as reading each alone; for
    a person not among them it reads the database as without records."""

    def __init__(self, persons: Iterable[Person]) -> None:
        self.today = timezone.localdate()
        ids = {person.pk for person in persons}
        self._persons = frozenset(ids)
        self._membership: dict = {}
        for membership in (
            HouseholdMember.objects.filter(person_id__in=ids, valid_to__isnull=True)
            .select_related("household")
            .order_by("valid_from", "pk")
        ):
            self._membership.setdefault(membership.person_id, membership)
        self._members: dict = {m.household_id: [] for m in self._membership.values()}
        if self._members:
            for member in (
                HouseholdMember.objects.filter(
                    household_id__in=list(self._members), valid_to__isnull=True
                )
                .select_related("person")
                .order_by("valid_from", "pk")
            ):
                self._members[member.household_id].append(member)
        member_ids = {m.person_id for members in self._members.values() for m in members}
        self._ids = ids | member_ids
        self._nationality: dict = {}
        for person_id, country in (
            PersonNationality.objects.filter(person_id__in=self._ids)
            .order_by("pk")
            .values_list("person_id", "country")
        ):
            self._nationality.setdefault(person_id, country)
        self._addresses: dict = {person_id: [] for person_id in self._ids}
        for address in (
            PersonAddress.objects.filter(person_id__in=self._ids, valid_from__lte=self.today)
            .exclude(valid_to__lt=self.today)
            .select_related("gemeinde__kreis")
            .order_by("-valid_from", "-pk")
        ):
            self._addresses[address.person_id].append(address)
        towns = {
            addresses[0].city.strip()
            for addresses in self._addresses.values()
            if addresses and not any(a.gemeinde_id for a in addresses)
        } - {""}
        self._towns: dict[str, list[str]] = {}
        if towns:
            for name, code in (
                Gemeinde.objects.valid_on(self.today)
                .filter(name__in=towns)
                .values_list("name", "kreis__code")
            ):
                self._towns.setdefault(name, []).append(code)
        self._entries: dict = {person_id: [] for person_id in member_ids}
        if member_ids:
            for entry in StatusEvent.objects.filter(person_id__in=member_ids).select_related(
                "recorded_by_office__kreis"
            ):
                self._entries[entry.person_id].append(entry)

    def holds(self, person, *, household: bool = False) -> bool:
        """Whether these records hold the person's facts (with `household`: their household
        too, read only for the persons they were read for, not for the members)."""
        return person.pk in (self._persons if household else self._ids)

    def nationality(self, person) -> str | None:
        return self._nationality.get(person.pk)

    def addresses(self, person) -> list[PersonAddress]:
        return self._addresses[person.pk]

    def kreis_of_town(self, town: str) -> str:
        codes = self._towns.get(town.strip(), []) if town.strip() else []
        return codes[0] if len(codes) == 1 else ""

    def membership(self, person) -> HouseholdMember | None:
        return self._membership.get(person.pk)

    def members(self, membership: HouseholdMember) -> list[HouseholdMember]:
        return self._members[membership.household_id]

    def entries(self, person) -> list[StatusEvent]:
        return self._entries[person.pk]


_PARENTS = (HouseholdRole.APPLICANT, HouseholdRole.PARTNER)


def _relation(own_role: str, their_role: str) -> str | None:
    """What the member is to the person, in the engine's words (None: not counted)."""
    if own_role in _PARENTS and their_role in _PARENTS:
        return "partner"
    if own_role in _PARENTS and their_role == HouseholdRole.CHILD:
        return "child"
    if own_role == HouseholdRole.CHILD and their_role in _PARENTS:
        return "parent"
    return None


def _household(person, assumptions: list[str], records: Records | None) -> list[dict] | None:
    membership = records.membership(person) if records else current_membership(person)
    if membership is None:
        return None
    members = []
    household = records.members(membership) if records else current_members(membership.household)
    for member in household:
        relation = _relation(membership.role, member.role)
        if member.person_id == person.pk or relation is None:
            continue
        entries = (
            records.entries(member.person)
            if records
            else StatusEvent.objects.filter(person=member.person).select_related(
                "recorded_by_office__kreis"
            )
        )
        try:
            facts = gather(member.person, entries, with_household=False, records=records)
        except ScenarioError:
            assumptions.append(
                _(
                    "A member of the Bedarfsgemeinschaft (%(role)s) is not counted: their own "
                    "data are not complete enough."
                )
                % {"role": member.get_role_display()}
            )
            continue
        members.append({"relation": relation, "person": facts.person, "events": facts.events})
    return members


def _birth_date(person, assumptions) -> str:
    if person.birth_year is None:
        raise ScenarioError(
            _("The year of birth is not recorded, so rules that depend on age cannot be applied.")
        )
    month, day = person.birth_month or 1, person.birth_day or 1
    born = date(person.birth_year, month, day)
    if person.birth_day is None or person.birth_date_placeholder:
        assumptions.append(
            _("The exact date of birth is not recorded: %(day)s is taken.")
            % {"day": day_text(born)}
        )
    return born.isoformat()


def birth_precision(person) -> str:
    """How exactly the birth date is known, in the engine's words: day, month or year."""
    from lotse.people.models import DatePrecision

    precision = person.birth_date_precision
    return {DatePrecision.YEAR: "year", DatePrecision.MONTH: "month"}.get(precision, "day")


def _kreis_of_town(town: str) -> str:
    """The Kreis of the one current Gemeinde named `town` ("" when none or several are)."""
    if not town.strip():
        return ""
    codes = list(
        Gemeinde.objects.valid_on()
        .filter(name=town.strip())
        .values_list("kreis__code", flat=True)[:2]
    )
    return codes[0] if len(codes) == 1 else ""


def _current_addresses(person, records: Records | None = None) -> list[PersonAddress]:
    """The person's current addresses, the latest first (with their Gemeinde and its Kreis)."""
    if records is not None:
        return records.addresses(person)
    today = timezone.localdate()
    return list(
        PersonAddress.objects.filter(person=person, valid_from__lte=today)
        .exclude(valid_to__lt=today)
        .select_related("gemeinde__kreis")
        .order_by("-valid_from", "-pk")
    )


def person_kreis(person, entries, office=None) -> str:
    """The Kreis of the person's current address (its Gemeinde, or the one Gemeinde of that
    name); else the acting office's; else that of the office that recorded the latest entry."""
    return _person_kreis(person, entries, office, _current_addresses(person), None)


def _person_kreis(
    person, entries, office, current: list[PersonAddress], records: Records | None
) -> str:
    address = next((a for a in current if a.gemeinde_id is not None), None)
    if address is not None:
        return address.gemeinde.kreis.code
    latest = current[0] if current else None
    kreis_of_town = records.kreis_of_town if records else _kreis_of_town
    town = kreis_of_town(latest.city) if latest is not None else ""
    if town:
        return town
    if office is not None and office.kreis_id:
        return office.kreis.code
    for entry in reversed(entries):
        if entry.recorded_by_office.kreis_id:
            return entry.recorded_by_office.kreis.code
    raise ScenarioError(
        _("The person's Kreis is not known: record an address with its Gemeinde."),
        incomplete=True,
    )


def gather(
    person, entries, *, office=None, with_household: bool = True, records: Records | None = None
) -> Facts:
    """The person's facts for the engine. With `records` (read once for the rows of a list)
    what they hold is not asked of the database again."""
    if records is not None and not records.holds(person, household=with_household):
        records = None
    entries = sorted(entries_in_force(entries), key=lambda e: (e.date, e.pk or float("inf")))
    assumptions: list[str] = []
    if records is not None:
        nationality = records.nationality(person)
    else:
        nationality = person.nationalities.order_by("pk").values_list("country", flat=True).first()
    if not nationality:
        raise ScenarioError(
            _("No nationality is recorded, so no answers can be given."), incomplete=True
        )
    entry_events = [e for e in entries if e.kind == EventKind.ENTRY]
    events = [as_engine_event(e) for e in entries if e.kind != EventKind.ENTRY]
    if entry_events:
        entry_date = entry_events[-1].date.isoformat()
    elif events:
        entry_date = events[0]["date"]
        assumptions.append(
            _(
                "The date of entry into Germany is not recorded: the date of the first status "
                "entry, %(day)s, is taken."
            )
            % {"day": day_text(entry_date)}
        )
    else:
        raise ScenarioError(_("No status event is recorded."), incomplete=True)
    current = _current_addresses(person, records)
    address = current[0] if current else None
    person_facts = {
        "nationality": nationality,
        "birth_date": _birth_date(person, assumptions),
        "entry_date": entry_date,
        "in_reception_centre": bool(
            address and address.accommodation == AccommodationKind.ERSTAUFNAHME
        ),
    }
    precision = birth_precision(person)
    if precision != "day":
        person_facts["birth_precision"] = precision
    return Facts(
        person=person_facts,
        kreis=_person_kreis(person, entries, office, current, records),
        events=events,
        assumptions=assumptions,
        household=_household(person, assumptions, records) if with_household else None,
    )


def answers_on(
    facts: Facts,
    day: date,
    rules=None,
    *,
    reference: KreisReference | None = None,
    questions: frozenset[str] | None = None,
    texts: bool = True,
) -> dict:
    """The engine's answers on `day`; an answer a missing fact leaves open is None and named
    under "open" (ScenarioError when the engine cannot judge the scenario at all). With
    `reference` (the same Kreise, read once) no query is made; with `questions` only those
    are answered; with `texts` False the reasons are not yet said in words (`evaluate`)."""
    return scenario_answers(
        parse_scenario(facts.scenario(day)),
        rules,
        reference=reference,
        questions=questions,
        texts=texts,
    )


def scenario_answers(
    scenario: Scenario,
    rules=None,
    *,
    reference: KreisReference | None = None,
    questions: frozenset[str] | None = None,
    texts: bool = True,
) -> dict:
    """`answers_on` for a scenario already parsed (`parse_scenario(facts.scenario(day))`), on
    its as-of day, for a caller that reads the scenario itself too."""
    day = scenario.as_of
    kreise = required_kreise(scenario)
    known = reference if reference is not None and reference.codes == kreise else None
    missing = known.unknown(day) if known else unknown_kreise(kreise, day)
    if missing:
        raise ScenarioError(
            _("Kreis %(kreise)s is not known on %(day)s.")
            % {"kreise": ", ".join(missing), "day": day_text(day)}
        )
    forms = known.forms(day) if known else jobcenter_forms(kreise, day)
    return evaluate(scenario, forms, rules, questions=questions, texts=texts)


def kreis_reference(facts: Facts) -> KreisReference:
    """The reference data `answers_on` needs for these facts on any day, read once."""
    return KreisReference(required_kreise(parse_scenario(facts.scenario(timezone.localdate()))))


def check_history(facts: Facts) -> None:
    """Contradictions in the entries (a decision without an application, finality twice, a
    document before the law that created it): raises ScenarioError."""
    from lotse.status.rules import default_rules
    from lotse.status.rules.status import check_introduced, status_on

    last = max([date.fromisoformat(e["date"]) for e in facts.events], default=None)
    if last is None:
        return
    scenario = parse_scenario(
        {
            "as_of": last.isoformat(),
            "kreis": facts.kreis,
            "person": facts.person,
            "events": facts.events,
        }
    )
    check_introduced(scenario.events, default_rules())
    for event in scenario.events:
        status_on(scenario, event.date)
