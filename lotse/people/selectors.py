"""Reads of person data. Each asks the policy and leaves a read event in the audit trail."""

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from itertools import chain
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from lotse.access.policy import Action, Category, authorize, decide, prefetched_for_policy, scope
from lotse.audit.models import EventType
from lotse.audit.services import audit_reads, audit_record
from lotse.audit.vocabulary import Basis, LegalBasis, ListRead, Purpose
from lotse.organisations.models import User
from lotse.people.models import (
    MatchKey,
    Person,
    PersonIdentifier,
    PersonLanguage,
    PersonName,
)
from lotse.people.services import normalize_identifier


def primary_family_name(person: str = "pk") -> Subquery:
    """The family name of the person's primary name (the name lists show first), for ordering
    a list by name; `person` is the path to the person from the listed row."""
    names = PersonName.objects.filter(person=OuterRef(person)).order_by("-is_primary", "pk")
    return Subquery(names.values("family_name")[:1])


def _log_read(actor: User, person: Person, *, purpose: str, basis: str, action: str) -> None:
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        obj=person,
        person_id=person.pk,
        action=action,
        purpose=purpose,
        basis=basis,
        categories=[Category.IDENTITY],
    )


def _resolve_merged(person: Person) -> Person:
    seen = set()
    while person.merged_into_id and person.pk not in seen:
        seen.add(person.pk)
        target = person.merged_into
        assert target is not None  # merged_into_id is set
        person = target
    return person


def person_get(
    *, actor: User, person_id: str | uuid.UUID, purpose: str, edit: bool = False
) -> Person:
    # A page asks the policy about the person a dozen times (each section, each category):
    # what it reads (the open cases and their Kreise) comes with the person, once. A change
    # asks on a fresh read (it may follow a change of the cases in the same request).
    persons = Person.objects.filter(pk=person_id)
    person = (persons if edit else prefetched_for_policy(persons)).first()
    if person is None:
        raise Http404
    if person.merged_into_id:
        person = _resolve_merged(person)
    action = Action.EDIT_PERSON if edit else Action.VIEW_PERSON
    decision = authorize(actor, action, person, purpose=purpose, categories=[Category.IDENTITY])
    if not edit:
        _log_read(actor, person, purpose=purpose, basis=decision.basis, action=action)
    return person


def _names_prefetch() -> Prefetch:
    return Prefetch("names", queryset=PersonName.objects.order_by("-is_primary", "pk"))


def person_search(*, actor: User, query: str = "") -> QuerySet[Person]:
    """The persons with an open case at the actor's office, found by any spelling of any name,
    a birth year or an identifier. Log the rows a page shows with `persons_listed`."""
    authorize(actor, Action.EDIT_PERSON_REGISTRY)
    persons = scope(actor, Action.EDIT_PERSON, Person.objects.filter(merged_into__isnull=True))
    if query:
        persons = persons.filter(_query_filter(query))
    return persons.annotate(name=primary_family_name()).prefetch_related(
        _names_prefetch(), "identifiers"
    )


def person_ids_matching(*, actor: User, query: str, limit: int = 1000) -> tuple[str, ...]:
    """The ids of the records the registry search finds for `query` (any spelling of a name, a
    birth year, an identifier, or the record's own id), in every office and merged records too —
    for the data-protection officer's search of the audit trail, which shows only the events of
    the officer's own controller. Ids only: no person data leaves this function."""
    authorize(actor, Action.VIEW_AUDIT_TRAIL, purpose=Purpose.DATA_PROTECTION_CONTROL)
    query = query.strip()
    if not query:
        return ()
    condition = _query_filter(query)
    try:
        condition |= Q(pk=uuid.UUID(query))
    except ValueError:
        pass
    ids = Person.objects.filter(condition).values_list("pk", flat=True).distinct()[:limit]
    return tuple(str(pk) for pk in ids)


def persons_listed(*, actor: User, persons: Iterable[Person]) -> list[Person]:
    """The persons a page lists are logged as read."""
    listed = list(persons)
    audit_reads(
        actor=actor,
        objects=listed,
        person_of=lambda person: person.pk,
        purpose=Purpose.SEARCH,
        basis=LegalBasis(Basis.OWN_CASE),
        action=ListRead.PERSONS,
    )
    return listed


def _query_filter(query: str) -> Q:
    """The persons found by any spelling of any name, an identifier, a birth year (four digits)
    or a name's phonetic keys: ONE subquery of person ids, a union of one lookup per way of
    finding a person, each answered by an index (on PostgreSQL the trigram indexes of
    people.0004 serve the part of a name). Joins of names and identifiers OR-ed together would
    make the database read every person of the registry, and list a person once per matching
    name."""
    names = PersonName.objects.filter(
        Q(family_name__icontains=query) | Q(given_names__icontains=query)
    ).values("person")
    found = names.union(
        PersonIdentifier.objects.filter(normalized=normalize_identifier(query)).values("person")
    )
    keys = _name_query_keys(query)
    if keys:
        found = found.union(MatchKey.objects.filter(key__in=keys).values("person"))
    condition = Q(pk__in=found)
    if query.isdigit() and len(query) == 4:
        condition |= Q(birth_year=int(query))
    return condition


def person_page_data(*, actor: User, person: Person) -> dict:
    """Everything the actor's office may see of `person` (already authorised by person_get)."""
    own_office = actor.office
    listed = list(person.relations.select_related("relative"))
    visible = visible_person_ids(actor, [relation.relative_id for relation in listed])
    relations = [
        {
            "kind": relation.get_kind_display(),
            "relative": relation.relative,
            "visible": relation.relative_id in visible,
            "same_household": relation.same_household,
        }
        for relation in listed
    ]
    return {
        "person": person,
        "names": list(person.names.select_related("recorded_by")),
        "identifiers": list(person.identifiers.select_related("recorded_by")),
        "nationalities": list(person.nationalities.all()),
        "addresses": list(person.addresses.select_related("gemeinde")),
        "relations": relations,
        # Profile data belongs to the office that recorded it; sharing arrives with consent.
        "languages": list(PersonLanguage.objects.filter(person=person, recorded_by=own_office)),
        "own_cases": list(person.cases.filter(office=own_office).select_related("responsible")),
        **_history_shown(person),
        "merged_from": list(person.merged_from.all()),
    }


def visible_person_ids(
    actor: User, ids: Collection[object], *, action: Action = Action.VIEW_PERSON
) -> set:
    """Which of the persons `ids` the actor may see (or with `action`, e.g. edit): the policy's
    scope for them all in one query, the answer `decide` gives one by one."""
    if not ids:
        return set()
    persons = scope(actor, action, Person.objects.filter(pk__in=set(ids)))
    return set(persons.values_list("pk", flat=True))


def family_persons(person: Person) -> list[Person]:
    """The other current members of `person`'s Bedarfsgemeinschaft (no policy: callers filter
    or authorise)."""
    from lotse.people.households import current_members, current_membership

    membership = current_membership(person)
    if membership is None:
        return []
    return [m.person for m in current_members(membership.household) if m.person_id != person.pk]


def family_choices(*, actor: User, person: Person) -> list[tuple[str, str]]:
    """(id, name) of the other members of `person`'s Bedarfsgemeinschaft the actor's office may
    edit (an open case): what a form may offer to record for them as well."""
    members = family_persons(person)
    editable = visible_person_ids(actor, [m.pk for m in members], action=Action.EDIT_PERSON)
    return [(str(member.pk), str(member)) for member in members if member.pk in editable]


def household_page_data(*, actor: User, person: Person, query: str = "") -> dict:
    """The person's Bedarfsgemeinschaft as the actor's office may see it (a member without an
    open case at the office is shown without a name), whether the office may change it, and
    the office's persons found by `query` to add as members (already authorised by
    person_get)."""
    from lotse.people.households import household_of

    view = household_of(person)
    members = [*view["current"], *view["former"]] if view else []
    visible = visible_person_ids(actor, [m.person_id for m in members if m.person_id != person.pk])
    rows = [
        {"member": member, "visible": member.person_id == person.pk or member.person_id in visible}
        for member in members
    ]
    may_edit = bool(decide(actor, Action.EDIT_PERSON, person))
    found = []
    if query and may_edit:
        in_household = {r["member"].person_id for r in rows if r["member"].valid_to is None}
        found = [
            p
            for p in person_search(actor=actor, query=query)
            if p.pk != person.pk and p.pk not in in_household
        ]
    return {
        "household": view["household"] if view else None,
        "household_current": [r for r in rows if r["member"].valid_to is None],
        "household_former": [r for r in rows if r["member"].valid_to is not None],
        "household_may_edit": may_edit,
        "family_query": query,
        "family_found": found,
    }


def _previous_records(records: list) -> dict:
    """(history model, history_id) → the record before it, as simple-history's `prev_record`
    finds it (the same object's latest earlier record, wherever it belonged then, e.g. before a
    merge), read with one query per history model instead of one per record."""

    def object_id(record: Any) -> object:
        return getattr(record, record.instance_type._meta.pk.attname)

    wanted: dict[type[Any], set] = defaultdict(set)
    for record in records:
        wanted[type(record)].add(object_id(record))
    earlier: dict[tuple[type, object], list] = defaultdict(list)
    for model, ids in wanted.items():
        key = model.instance_type._meta.pk.attname
        for row in model.objects.filter(**{f"{key}__in": ids}).order_by("history_date", "pk"):
            earlier[(model, object_id(row))].append(row)
    previous = {}
    for record in records:
        before = [
            r
            for r in earlier[(type(record), object_id(record))]
            if r.history_date < record.history_date
        ]
        previous[(type(record), record.history_id)] = before[-1] if before else None
    return previous


# The person page shows the latest changes of the identity core, and says when there are older.
HISTORY_SHOWN = 50


def _history_shown(person: Person) -> dict:
    history = person_history(person=person, limit=HISTORY_SHOWN + 1)
    return {
        "history": history[:HISTORY_SHOWN],
        "history_shown": HISTORY_SHOWN,
        "history_has_older": len(history) > HISTORY_SHOWN,
    }


def person_history(*, person: Person, limit: int = 50) -> list[dict]:
    """Field history of the identity core (django-simple-history), newest first."""
    # The newest `limit` of each table: their newest `limit` together are the page's.
    records = chain(
        person.history.select_related("history_user").order_by("-history_date")[:limit],
        *(
            model.history.filter(person_id=person.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
            for model in (
                person.names.model,
                person.identifiers.model,
                person.nationalities.model,
                person.addresses.model,
            )
        ),
    )
    shown = sorted(records, key=lambda r: r.history_date, reverse=True)[:limit]
    previous_of = _previous_records([r for r in shown if r.history_type == "~"])
    entries = []
    for record in shown:
        changes = []
        previous = previous_of.get((type(record), record.history_id))
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [
                {"field": c.field, "old": c.old, "new": c.new}
                for c in delta.changes
                if c.field not in {"updated_at"}
            ]
        entries.append(
            {
                "when": record.history_date,
                "what": record.instance._meta.verbose_name,
                "object": str(record.instance),
                "type": record.get_history_type_display(),
                "user": record.history_user,
                "changes": changes,
            }
        )
    return entries


def _name_query_keys(query: str) -> set[str]:
    """Blocking keys of a typed name (any spelling, either order), without a birth year."""
    from lotse.identity.matching.blocking import blocking_keys
    from lotse.identity.matching.features import prepare
    from lotse.identity.matching.records import PersonRecord

    words = query.split()
    if len(words) < 2 or any(ch.isdigit() for ch in query):
        return set()
    record = PersonRecord(record_id="q", given_names=words[0], family_name=" ".join(words[1:]))
    return {k for k in blocking_keys(prepare(record)) if k.startswith("n:")}
