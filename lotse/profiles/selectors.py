"""Reading the profile: what every office with access sees of the entries all offices recorded,
each owning office's entries decided once per category (`decide_category`), those it may not
read announced as existing, never described; every read in the audit trail."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from lotse.access.policy import Action, Category, Decision, authorize, decide_category
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.organisations.models import Office, User
from lotse.people.countries import LANGUAGE_NAMES
from lotse.people.models import Person, PersonLanguage
from lotse.profiles.models import (
    CHILD_ACCESSORS,
    EntryKind,
    Occupation,
    ProfileEntry,
    category_of,
    concrete,
)
from lotse.profiles.occupations import search_key

SKILLS = ("listening", "reading", "speaking", "writing")
OCCUPATION_SEARCH_LIMIT = 20


@dataclass(frozen=True)
class EntryView:
    """A current entry and the earlier ones it replaced (newest first)."""

    entry: Any  # the kind's model (Schooling, Experience, …)
    history: tuple[Any, ...] = ()


@dataclass(frozen=True)
class HiddenOffice:
    """An office whose entries of `category` exist but are not accessible to the reader."""

    office: Office
    category: str


@dataclass(frozen=True)
class SkillLevel:
    level: str
    label: str
    source: str  # the label of the source
    assessed_on: date | None
    office: Office


@dataclass(frozen=True)
class LanguageView:
    """One language: the current level per skill (the newest assessment that rated it) and
    every assessment (newest first), the replaced ones marked."""

    language: str
    levels: dict[str, SkillLevel]
    assessments: tuple[PersonLanguage, ...]

    @property
    def name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, self.language))


@dataclass(frozen=True)
class Profile:
    person: Person
    sections: dict[str, list[EntryView]]  # EntryKind → current entries with their history
    languages: list[LanguageView]
    hidden: list[HiddenOffice]
    bases: list[str]
    categories: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(self.sections.values()) and not self.languages

    def listed(self) -> list[tuple[str, str, list[EntryView]]]:
        """(kind, its label, its entries) in the order of EntryKind, for the pages."""
        return [(kind, str(EntryKind(kind).label), self.sections[kind]) for kind in self.sections]

    def current(self, kind: str) -> list[Any]:
        return [view.entry for view in self.sections.get(kind, [])]


class _Decisions:
    """One policy decision per (category, owning office), as cases.shared_with_office does."""

    def __init__(self, actor: User, person: Person, purpose: str) -> None:
        self.actor, self.person, self.purpose = actor, person, purpose
        self.made: dict[tuple[str, int], tuple[Office, Decision]] = {}

    def allows(self, category: str, office: Office) -> bool:
        key = (category, office.pk)
        if key not in self.made:
            decision = decide_category(
                self.actor, self.person, category, owner_office=office, purpose=self.purpose
            )
            self.made[key] = (office, decision)
        return bool(self.made[key][1])

    def hidden(self) -> list[HiddenOffice]:
        found = {
            (office.pk, category): HiddenOffice(office, category)
            for (category, _), (office, decision) in self.made.items()
            if not decision
        }
        return sorted(found.values(), key=lambda h: (h.office.name, h.category))

    def bases(self) -> list[str]:
        return sorted({d.basis for _, d in self.made.values() if d and d.basis})

    def categories(self) -> list[str]:
        return sorted({c for (c, _), (_, d) in self.made.items() if d})


def _entries(person: Person) -> list[ProfileEntry]:
    """Every entry of the person with its kind's fields, in one query."""
    return list(
        ProfileEntry.objects.filter(person=person)
        .select_related(
            "recorded_by",
            "recorded_by_user",
            *CHILD_ACCESSORS,
            "experience__occupation",
            "qualification__reference_occupation",
        )
        .order_by("-created_at", "-pk")
    )


def profile_entries_of_person(person: Person) -> list[ProfileEntry]:
    """Every entry of the person, current and replaced, each as its kind's model, newest first
    (for the person's own report, which shows everything of every office: not scoped)."""
    return [concrete(entry) for entry in _entries(person)]


def _sections(entries: list[ProfileEntry], decisions: _Decisions) -> dict[str, list[EntryView]]:
    visible = [e for e in entries if decisions.allows(category_of(e.kind), e.recorded_by)]
    by_replacement: dict[int, list[ProfileEntry]] = {}
    for entry in visible:
        if entry.replaced_by_id is not None:
            by_replacement.setdefault(entry.replaced_by_id, []).append(entry)

    def earlier(entry: ProfileEntry) -> list[Any]:
        chain: list[Any] = []
        for old in by_replacement.get(entry.pk, []):
            chain += [concrete(old), *earlier(old)]
        return chain

    sections: dict[str, list[EntryView]] = {kind: [] for kind in EntryKind.values}
    for entry in visible:
        if entry.replaced_at is None:
            sections[entry.kind].append(EntryView(concrete(entry), tuple(earlier(entry))))
    return sections


def _language_views(person: Person, decisions: _Decisions) -> list[LanguageView]:
    rows = [
        row
        for row in PersonLanguage.objects.filter(person=person)
        .select_related("recorded_by", "recorded_by_user")
        .order_by("-assessed_on", "-created_at", "-pk")
        if decisions.allows(Category.PROFILE, row.recorded_by)
    ]
    by_language: dict[str, list[PersonLanguage]] = {}
    for row in rows:
        by_language.setdefault(row.language, []).append(row)
    views = []
    for language, assessments in sorted(by_language.items()):
        levels: dict[str, SkillLevel] = {}
        for row in assessments:  # newest first: the first that rated a skill gives its level
            if row.replaced_at is not None:
                continue
            for skill in SKILLS:
                value = getattr(row, skill)
                if value and skill not in levels:
                    levels[skill] = SkillLevel(
                        value,
                        str(getattr(row, f"get_{skill}_display")()),
                        str(row.get_source_display()),
                        row.assessed_on,
                        row.recorded_by,
                    )
        views.append(LanguageView(language, levels, tuple(assessments)))
    return views


def _audit_read(
    actor: User, person: Person, decisions: _Decisions, purpose: str, data: str, seen: Decision
) -> None:
    """One read event for what was decided; nothing when the person has no entries at all (no
    data was read — the page that showed the person logged its own read)."""
    if not decisions.made:
        return
    hidden = decisions.hidden()
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=person,
        person_id=person.pk,
        purpose=purpose,
        basis=decisions.bases() or seen.basis or "own record",
        categories=decisions.categories() or [Category.PROFILE],
        details={
            "data": data,
            "owner_offices": sorted({o.code for o, d in decisions.made.values() if d}),
            "not_accessible": sorted({h.office.code for h in hidden}),
        },
    )


def profile_get(*, actor: User, person: Person, purpose: str = Purpose.PROFILE) -> Profile:
    """The person's profile as the actor's office may see it: the entries of every office it
    may read (its own; those of other benefit bodies under § 69 SGB X; others with the
    person's consent; health only with explicit consent), with their history, the current
    language levels, and the offices whose entries exist but are not accessible. One read
    event in the audit trail."""
    seen = authorize(actor, Action.VIEW_PERSON, person, purpose=purpose)
    decisions = _Decisions(actor, person, purpose)
    sections = _sections(_entries(person), decisions)
    languages = _language_views(person, decisions)
    _audit_read(actor, person, decisions, purpose, "profile", seen)
    return Profile(
        person=person,
        sections=sections,
        languages=languages,
        hidden=decisions.hidden(),
        bases=decisions.bases(),
        categories=decisions.categories(),
    )


def profile_section(*, actor: User, person: Person) -> dict:
    """The profile section of the person page (one read, logged by `profile_get`)."""
    return {"profile": profile_get(actor=actor, person=person)}


def current_language_levels(
    *, actor: User, person: Person, purpose: str = Purpose.PROFILE
) -> dict[str, dict[str, SkillLevel]]:
    """{language: {skill: SkillLevel}}: the current level of each skill (the newest visible
    assessment that rated it), for the offices whose assessments the actor may read."""
    seen = authorize(actor, Action.VIEW_PERSON, person, purpose=purpose)
    decisions = _Decisions(actor, person, purpose)
    views = _language_views(person, decisions)
    _audit_read(actor, person, decisions, purpose, "languages", seen)
    return {view.language: view.levels for view in views}


def profile_entry_get(*, actor: User, person: Person, entry_id: object) -> Any:
    """A current entry of the person the actor may read (to replace it), as its kind's model."""
    from django.http import Http404

    authorize(actor, Action.VIEW_PERSON, person, purpose=Purpose.PROFILE)
    try:
        entry = (
            ProfileEntry.objects.select_related("recorded_by", "person", *CHILD_ACCESSORS)
            .filter(person=person)
            .get(pk=int(str(entry_id)))
        )
    except (ProfileEntry.DoesNotExist, ValueError):
        raise Http404 from None
    if not decide_category(actor, person, category_of(entry.kind), owner_office=entry.recorded_by):
        raise Http404
    return concrete(entry)


def person_language_get(*, actor: User, person: Person, language_id: object) -> PersonLanguage:
    from django.http import Http404

    authorize(actor, Action.VIEW_PERSON, person, purpose=Purpose.PROFILE)
    try:
        row = PersonLanguage.objects.select_related("recorded_by", "person").get(
            pk=int(str(language_id)), person=person
        )
    except (PersonLanguage.DoesNotExist, ValueError):
        raise Http404 from None
    if not decide_category(actor, person, Category.PROFILE, owner_office=row.recorded_by):
        raise Http404
    return row


def occupation_search(*, query: str, limit: int = OCCUPATION_SEARCH_LIMIT) -> list[Occupation]:
    """Occupations whose German title, job titles (or code) contain every word of `query`,
    case-insensitively: the Berufsgattungen first, then the levels above them. Reference data,
    public to every member of staff (no person data, nothing to log)."""
    words = search_key(query).split()
    if not words:
        return []
    condition = Q()
    for word in words[:8]:
        condition &= Q(search_key__contains=word)
    limit = max(1, min(limit, 100))
    return list(Occupation.objects.filter(condition).order_by("-level", "title_de")[:limit])


def occupations_by_code(codes: Iterable[str]) -> dict[str, Occupation]:
    return {o.kldb_code: o for o in Occupation.objects.filter(kldb_code__in=list(codes))}
