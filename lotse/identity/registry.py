"""The duplicate check at registration: which existing records may be the person in front of
the caseworker, and why.

Candidates come from indexed blocking keys and identifiers only (never a scan of the registry),
and are scored by the matching engine. The check must not leak: a record the user may not see is
reported only as "a record exists at office X", so that access can be requested.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from lotse.access.policy import (
    Action,
    authorize,
    decide,
    prefetched_for_policy,
    scope,
    user_kreis_ids,
)
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.cases.rules import holding_offices, offices_in_kreise
from lotse.identity.matching.blocking import block_limit, blocking_keys
from lotse.identity.matching.compare import LIKELY, POSSIBLE, MatchResult, compare, may_reach
from lotse.identity.matching.explain import explain_prepared
from lotse.identity.matching.features import Prepared, prepare
from lotse.identity.matching.records import PersonRecord
from lotse.identity.selectors import rejected_keys
from lotse.organisations.models import User
from lotse.people.models import UNIQUE_IDENTIFIER_TYPES, MatchKey, Person, PersonIdentifier
from lotse.people.records import input_records, records_by_person
from lotse.people.services import PersonInput, normalize_identifier

MAX_CANDIDATES = 10
MAX_SCORED = 100


def candidate_ref(actor: User, person_id: object) -> str:
    """What the page names a candidate by (decisions, field names): not the record's id, which
    a hidden record must not give away. The same for the same user and record, so that the
    check run again on the posted entry finds the candidate the page showed."""
    return salted_hmac("lotse.identity.candidate", f"{actor.pk}:{person_id}").hexdigest()[:20]


@dataclass
class Candidate:
    person_id: str
    score: float
    reasons: list[str]
    decisive: bool = False
    visible: bool = False
    label: str = ""
    birth: str = ""
    holders: list[str] = field(default_factory=list)
    # Held only by offices of other Kreise: no link, no emergency access — a transfer request
    # to one of `holding` (the offices themselves, for the request's form).
    other_kreis: bool = False
    holding: list = field(default_factory=list)
    # Whether the policy would grant this user emergency access to the record (hidden
    # candidates of the own Kreis only); the page offers it only then.
    break_glass: bool = False
    ref: str = ""  # candidate_ref: the page's name for the candidate

    @property
    def score_percent(self) -> int:
        return round(self.score * 100)

    @property
    def strong(self) -> bool:
        """A deciding identifier or a score from LIKELY: linking is the expected answer, a new
        record needs a reason. Below it a link needs the document or identifier seen."""
        return self.decisive or self.score >= LIKELY

    @property
    def strength(self) -> str:
        """The score band in words, the only thing shown of a hidden record's score."""
        if self.strong:
            return _("very likely the same person")
        return _("possibly the same person")


def _identifier_matches(data: PersonInput) -> dict[str, list[str]]:
    """person id → reasons, for identifiers of a kind that names exactly one person."""
    found: dict[str, list[str]] = {}
    for identifier in data.identifiers:
        if identifier.type not in UNIQUE_IDENTIFIER_TYPES:
            continue
        rows = PersonIdentifier.objects.filter(
            type=identifier.type, normalized=normalize_identifier(identifier.value)
        ).select_related(None)
        for row in rows:
            found.setdefault(str(row.person_id), []).append(
                _("same %(kind)s") % {"kind": row.get_type_display()}
            )
    return found


def _blocked_ids(prepared: Iterable[Prepared]) -> list[str]:
    """Persons sharing a blocking key with the entry, those sharing the most keys first.

    Only the MAX_SCORED best-connected are scored: with a million records a frequent name and a
    placeholder year can share a block with hundreds of persons, and a true duplicate shares
    several keys (names in both orders, birth date, postcode), not just one. A key of a kind
    used only while its block is small counts only then. Two plain IN queries: folding the
    block sizes into the ranking as a subquery makes PostgreSQL scan the whole index.
    """
    keys = {key for record in prepared for key in blocking_keys(record)}
    capped = [key for key in keys if block_limit(key) is not None]
    usable = keys - set(capped)
    if capped:
        sizes = MatchKey.objects.filter(key__in=capped).values("key").annotate(size=Count("id"))
        usable |= {row["key"] for row in sizes if row["size"] <= block_limit(row["key"])}
    if not usable:
        return []
    ranked = (
        MatchKey.objects.filter(key__in=usable)
        .values("person_id")
        .annotate(shared=Count("key"))
        .order_by("-shared")[:MAX_SCORED]
    )
    return [str(row["person_id"]) for row in ranked]


def _best(
    new_records: list[Prepared], records: Iterable[PersonRecord], *, decisive: bool
) -> tuple[MatchResult, Prepared, Prepared] | None:
    """The best comparison of the entry's records with a candidate's, with the two records it
    compared (for the reasons in words). A candidate that no identifier decides counts only from
    POSSIBLE, so pairs that cannot reach it are skipped before their names are compared."""
    best = None
    prepared = [prepare(record) for record in records]
    for a in new_records:
        for b in prepared:
            if not decisive and not may_reach(a, b, POSSIBLE):
                continue
            result = compare(a, b)
            if best is None or result.score > best[0].score:
                best = (result, a, b)
    return best


def _scored(new_records: list[Prepared], decisive: dict, ids: set[str]) -> list[Candidate]:
    candidates = []
    for pk, records in records_by_person(ids).items():
        key = str(pk)
        best = _best(new_records, records, decisive=key in decisive)
        score = 1.0 if key in decisive else (best[0].score if best else 0.0)
        if score < POSSIBLE:
            continue
        # The reasons in the reader's words, field by field (the review queue's words too).
        words = [str(v) for v in explain_prepared(best[1], best[2], score).fields] if best else []
        reasons = decisive.get(key, []) + words
        candidates.append(
            Candidate(key, score, list(dict.fromkeys(reasons)), decisive=key in decisive)
        )
    candidates.sort(key=lambda c: (not c.decisive, -c.score))
    return candidates[:MAX_CANDIDATES]


def _describe(actor: User, candidates: list[Candidate]) -> None:
    """What the user may learn of each candidate: the record itself, or only its holders."""
    ids = [c.person_id for c in candidates]
    # The candidates the user's office works on (the policy's scope for EDIT_PERSON: an open
    # case of its own; an emergency access is not enough to be shown in a duplicate check), in
    # one query; the policy still decides for each of them below.
    with_own_case = {
        str(pk)
        for pk in scope(actor, Action.EDIT_PERSON, Person.objects.filter(pk__in=ids)).values_list(
            "pk", flat=True
        )
    }
    persons = prefetched_for_policy(Person.objects.prefetch_related("names")).in_bulk(ids)
    hidden = []
    for candidate in candidates:
        person = persons[uuid.UUID(candidate.person_id)]
        if candidate.person_id in with_own_case and decide(actor, Action.VIEW_PERSON, person):
            candidate.visible = True
            candidate.label = str(person.primary_name or "")
            candidate.birth = person.birth_date_display
        else:
            hidden.append(candidate)
    holding = holding_offices([c.person_id for c in hidden]) if hidden else {}
    in_kreis = offices_in_kreise(
        {office for offices in holding.values() for office in offices}, user_kreis_ids(actor)
    )
    for candidate in hidden:
        # Only "a record exists, held by …": nothing of the other record's names, spellings or
        # birth date, not even through the reasons of the score.
        candidate.reasons = []
        candidate.holding = holding.get(candidate.person_id, [])
        candidate.holders = [office.name for office in candidate.holding]
        candidate.other_kreis = not any(office.pk in in_kreis for office in candidate.holding)
        if not candidate.other_kreis:
            person = persons[uuid.UUID(candidate.person_id)]
            candidate.break_glass = bool(decide(actor, Action.BREAK_GLASS, person))


def _not_decided_different(candidates: list[Candidate], decisive: dict) -> list[Candidate]:
    """An entry whose identifier names an existing person is that person: a record a reviewer
    decided is a different person from it is not proposed (selectors.rejected_pairs)."""
    if not decisive:
        return candidates
    different = rejected_keys(person_ids=decisive)
    return [
        c
        for c in candidates
        if c.decisive or not any(frozenset((p, c.person_id)) in different for p in decisive)
    ]


def duplicate_check(*, actor: User, data: PersonInput) -> list[Candidate]:
    authorize(actor, Action.EDIT_PERSON_REGISTRY, purpose=Purpose.REGISTRATION)
    new_records = [prepare(r) for r in input_records(data)]
    decisive = _identifier_matches(data)
    candidates = _scored(new_records, decisive, set(decisive) | set(_blocked_ids(new_records)))
    candidates = _not_decided_different(candidates, decisive)
    _describe(actor, candidates)
    for candidate in candidates:
        candidate.ref = candidate_ref(actor, candidate.person_id)
    audit_record(
        event_type=EventType.DUPLICATE_CHECKED,
        actor=actor,
        purpose=Purpose.REGISTRATION,
        details={
            "candidates": [{"person": c.person_id, "score": round(c.score, 3)} for c in candidates]
        },
    )
    return candidates
