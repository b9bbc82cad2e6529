"""From the tables to the matching engine: a vacancy and a person as `lotse.jobs.matching`
records, built from what the ACTING office may read.

- A vacancy (`vacancy_record`): the coordinates of its Gemeinde (lotse/jobs/places.py), the
  KldB code of its occupation, hours, start, the German levels asked (hard when the vacancy says
  "required firmly"), the driving licence, shift work, recognition and status.
- A person (`candidate_build`): the profile entries of every office whose entries of the
  category the actor's office may read (`decide_category`, one decision per category and owning
  office, as lotse/profiles/selectors.py does; health entries are never read), the German levels
  of the visible assessments, the home Gemeinde of the current address, mobility, childcare,
  driving licence, recognitions — and the rules engine's labour-market answer from the status
  entries the actor may see, today and on each start date asked for.

**Never propose work the person may not take.** When the status history is not complete for
the actor (entries of an office it may not read), missing, or the engine cannot judge it, the
person gets no candidate record (`candidate` None) and `problem` says why in plain words; the
selectors then propose nothing.

Nothing here writes the audit trail: the selectors (lotse/jobs/match_selectors.py) write one
read event for what they read, with the decisions collected here (`Reads`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Category, Decision, decide_category
from lotse.jobs import matching as m
from lotse.jobs.models import SKILLS, Vacancy
from lotse.jobs.places import place_of
from lotse.organisations.models import Office, User
from lotse.people.models import CefrLevel, Person, PersonAddress, PersonLanguage
from lotse.profiles.models import (
    CHILD_ACCESSORS,
    ChildcareNeed,
    EntryKind,
    ProfileEntry,
    RecognitionStatus,
    Transport,
    concrete,
)
from lotse.status import facts as status_facts
from lotse.status.kreise import KreisReference
from lotse.status.models import StatusEvent
from lotse.status.rules import ScenarioError, parse_scenario
from lotse.status.rules.context import Reason as EngineReason
from lotse.status.rules.scenario import Scenario
from lotse.status.rules.status import Frame, status_on

QUESTION = "labour_market_access"
QUESTIONS = frozenset({QUESTION})  # the only answer the matching asks, on many days
# Without a recorded mobility: a reach of this many km by public transport (the pages say so).
DEFAULT_REACH_KM = 25
# Childcare needed and not yet arranged: at most these hours, no shifts (a half-day Kita place
# or school hours); the reasons name the childcare.
CHILDCARE_HOURS = 25

LEVELS = {
    CefrLevel.NONE: m.Level.NONE,
    CefrLevel.PRE_A1: m.Level.NONE,
    CefrLevel.A1: m.Level.A1,
    CefrLevel.A2: m.Level.A2,
    CefrLevel.B1: m.Level.B1,
    CefrLevel.B2: m.Level.B2,
    CefrLevel.C1: m.Level.C1,
    CefrLevel.C2: m.Level.C2,
    CefrLevel.NATIVE: m.Level.C2,
}
RECOGNITION = {
    RecognitionStatus.NOT_STARTED: m.Recognition.NOT_APPLIED,
    RecognitionStatus.APPLIED: m.Recognition.PENDING,
    RecognitionStatus.PARTIAL: m.Recognition.PARTIAL,
    RecognitionStatus.FULL: m.Recognition.FULL,
    RecognitionStatus.REFUSED: m.Recognition.REFUSED,
}
# The widest means decides the reach's wording (a car reaches further than a bicycle).
MEANS_ORDER = (
    (Transport.CAR, m.Means.CAR),
    (Transport.MOTORCYCLE, m.Means.CAR),
    (Transport.PUBLIC, m.Means.PUBLIC_TRANSPORT),
    (Transport.BICYCLE, m.Means.BICYCLE),
    (Transport.ON_FOOT, m.Means.FOOT),
)
PROFILE_KINDS = (
    EntryKind.WORK,
    EntryKind.TRAINING,
    EntryKind.QUALIFICATION,
    EntryKind.DRIVING_LICENCE,
    EntryKind.MOBILITY,
    EntryKind.CHILDCARE,
)


def kldb5(code: str) -> str | None:
    """A five-digit KldB code for the engine. A coarser code of the profile (a Berufsgruppe
    "262" or Untergruppe "2621") stands for its occupations "without specialisation" at the
    level of a skilled worker (…0, Anforderungsniveau 2); a Hauptgruppe or less: None."""
    if not code.isdigit() or len(code) < 3:
        return None
    if len(code) >= 5:
        return code[:5] if code[4] in "1234" else None
    return code.ljust(4, "0") + "2"


# --- vacancies ------------------------------------------------------------------------------------


def vacancy_record(vacancy: Vacancy) -> m.Vacancy | None:
    """The engine's record of the vacancy; None when its place or occupation cannot be used."""
    return vacancy_row_record(
        {
            **{name: getattr(vacancy, name) for name in VACANCY_FIELDS if "__" not in name},
            "occupation__kldb_code": vacancy.occupation.kldb_code,
            "gemeinde__ags": vacancy.gemeinde.ags,
            "gemeinde__name": vacancy.gemeinde.name,
        }
    )


# What `vacancy_row_record` reads: a page that scores thousands of vacancies reads these
# values (`QuerySet.values(*VACANCY_FIELDS)`) rather than the model instances.
VACANCY_FIELDS = (
    "pk",
    "kind",
    "occupation__kldb_code",
    "gemeinde__ags",
    "gemeinde__name",
    "hours_per_week",
    "starts_on",
    *(f"german_{skill}" for skill in SKILLS),
    "german_firm",
    "driving_licence",
    "shift_work",
    "recognition_required",
    "status",
)


def vacancy_row_record(row: dict[str, Any]) -> m.Vacancy | None:
    """`vacancy_record` of a vacancy's values (`VACANCY_FIELDS`)."""
    code = kldb5(row["occupation__kldb_code"])
    ags = row["gemeinde__ags"]
    place = place_of(ags=ags, name=row["gemeinde__name"], kreis_code=ags[:5])
    if code is None or place is None:
        return None
    firm = row["german_firm"]
    german = tuple(
        m.LanguageRequirement(m.Skill(skill), LEVELS[CefrLevel(level)], firm)
        for skill in SKILLS
        if (level := row[f"german_{skill}"])
    )
    return m.Vacancy(
        id=str(row["pk"]),
        kind=m.Kind(row["kind"]),
        code=code,
        place=place,
        hours=row["hours_per_week"],
        start=row["starts_on"],
        german=german,
        licence=row["driving_licence"] or None,
        shifts=row["shift_work"],
        recognition_required=row["recognition_required"],
        status=m.Status(row["status"]),
    )


def start_day(vacancy: Vacancy, today: date) -> date:
    """The day the work access is judged on: the start, as soon as possible today."""
    return start_on(vacancy.starts_on, today)


def start_on(starts_on: date | None, today: date) -> date:
    """`start_day` of a start date (None: as soon as possible)."""
    return max(starts_on, today) if starts_on else today


# --- what the actor may read -----------------------------------------------------------------


class Reads:
    """One policy decision per (category, owning office) for one person, and what the audit
    event of the read needs (categories, bases, offices read and not accessible)."""

    def __init__(self, actor: User, person: Person, purpose: str) -> None:
        self.actor, self.person, self.purpose = actor, person, purpose
        self.made: dict[tuple[str, int], tuple[Office, Decision]] = {}

    def allows(self, category: str, office: Office) -> bool:
        if category == Category.HEALTH:
            return False  # never used for matching, never read
        key = (category, office.pk)
        if key not in self.made:
            decision = decide_category(
                self.actor, self.person, category, owner_office=office, purpose=self.purpose
            )
            self.made[key] = (office, decision)
        return bool(self.made[key][1])

    def hidden_offices(self, category: str | None = None) -> list[Office]:
        found = {
            office.pk: office
            for (cat, _pk), (office, decision) in self.made.items()
            if not decision and (category is None or cat == category)
        }
        return sorted(found.values(), key=lambda office: office.name)

    def bases(self) -> list[str]:
        return sorted({d.basis for _, d in self.made.values() if d and d.basis})

    def categories(self) -> list[str]:
        return sorted({c for (c, _), (_, d) in self.made.items() if d})

    def owner_codes(self) -> list[str]:
        return sorted({o.code for o, d in self.made.values() if d})


# --- persons --------------------------------------------------------------------------------------


# The facts of a person's status entries and the Kreis reference data they need, read once for
# the answers on all days.
Gathered = tuple[status_facts.Facts, KreisReference]


@dataclass
class AccessOn:
    """The labour-market answer from `day` on, with the rules it rests on (paragraph and
    summary said by the rules engine). The engine's reasons are said in words only when
    `rules` is read: a person's vacancies start on a hundred days or more, and only the days
    of the few results shown need the words."""

    answer: m.Access
    day: date
    cited: tuple[EngineReason, ...] = ()  # the rules engine's reasons, not yet said
    duldung: bool = False

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(reason.rule.id for reason in self.cited)

    @cached_property
    def rules(self) -> list[dict[str, str]]:
        """rule, paragraph and summary of each reason, in the active language."""
        return _rules_of([reason.as_json() for reason in self.cited])


@dataclass
class CandidateBuild:
    person: Person
    candidate: m.Candidate | None
    problem: str = ""  # why nothing is proposed (plain words), "" when the candidate exists
    access: list[AccessOn] = field(default_factory=list)
    hidden_profile: list[Office] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    reads: Reads | None = None
    status_entries: list[StatusEvent] = field(default_factory=list)
    gathered: Gathered | None = None

    def access_on(self, day: date | None) -> AccessOn | None:
        found = self.access[0] if self.access else None
        for answer in self.access[1:]:
            if day is None or answer.day > day:
                break
            found = answer
        return found


def _profile(person: Person, reads: Reads) -> list[Any]:
    """The current profile entries of the kinds matching uses that the actor may read."""
    entries = (
        ProfileEntry.objects.filter(person=person, replaced_at__isnull=True, kind__in=PROFILE_KINDS)
        .select_related(
            "recorded_by",
            *CHILD_ACCESSORS,
            "experience__occupation",
            "qualification__reference_occupation",
        )
        .order_by("-created_at", "-pk")
    )
    return [concrete(e) for e in entries if reads.allows(Category.PROFILE, e.recorded_by)]


def _german(person: Person, reads: Reads) -> tuple[tuple[m.Skill, m.Level], ...]:
    """The current German level per skill: the newest visible assessment that rated it."""
    rows = (
        PersonLanguage.objects.filter(person=person, language="de", replaced_at__isnull=True)
        .select_related("recorded_by")
        .order_by("-assessed_on", "-created_at", "-pk")
    )
    levels: dict[str, m.Level] = {}
    for row in rows:
        if not reads.allows(Category.PROFILE, row.recorded_by):
            continue
        for skill in SKILLS:
            value = getattr(row, skill)
            if value and skill not in levels:
                levels[skill] = LEVELS[CefrLevel(value)]
    return tuple((m.Skill(skill), level) for skill, level in levels.items())


def home_place(person: Person, today: date) -> m.Place | None:
    address = (
        PersonAddress.objects.filter(person=person, valid_from__lte=today)
        .exclude(valid_to__lt=today)
        .select_related("gemeinde")
        .order_by("-valid_from", "-pk")
        .first()
    )
    if address is None:
        return None
    if address.gemeinde is not None:
        return place_of(
            ags=address.gemeinde.ags,
            name=address.gemeinde.name,
            kreis_code=address.gemeinde.ags[:5],
        )
    return place_of(name=address.city)


def _years(value: Decimal | None) -> float:
    return float(value) if value is not None and value > 0 else 0.0


def _experience(entry: Any) -> list[m.Occupation]:
    """Work experience (with its years) or a vocational training, as an occupation."""
    code = kldb5(entry.occupation.kldb_code)
    if code is None:
        return []
    if entry.kind == EntryKind.WORK:
        return [m.Occupation(code, _years(entry.years), m.Source.WORK)]
    return [m.Occupation(code, 0.0, m.Source.TRAINING)]


def _qualification(entry: Any) -> tuple[m.Occupation, m.RecognitionState] | None:
    """A foreign qualification's reference occupation (as training) and its recognition."""
    if entry.reference_occupation is None:
        return None
    code = kldb5(entry.reference_occupation.kldb_code)
    if code is None:
        return None
    state = RECOGNITION[RecognitionStatus(entry.recognition_status)]
    if state is m.Recognition.PARTIAL and entry.adaptation_measure:
        state = m.Recognition.PARTIAL_WITH_MEASURE
    return m.Occupation(code, 0.0, m.Source.TRAINING), m.RecognitionState(code, state)


def _mobility(entry: Any) -> m.Mobility:
    means = next(
        (mean for transport, mean in MEANS_ORDER if transport in entry.means),
        m.Means.PUBLIC_TRANSPORT,
    )
    return m.Mobility(float(entry.max_distance_km or DEFAULT_REACH_KM), means)


def _occupations_and_more(
    entries: list[Any], assumptions: list[str]
) -> tuple[
    tuple[m.Occupation, ...],
    tuple[m.RecognitionState, ...],
    frozenset[str],
    m.Mobility,
    m.Availability,
]:
    occupations: list[m.Occupation] = []
    recognitions: list[m.RecognitionState] = []
    licences: frozenset[str] = frozenset()
    mobility: m.Mobility | None = None
    availability = m.Availability()
    for entry in entries:
        if entry.kind in (EntryKind.WORK, EntryKind.TRAINING):
            occupations.extend(_experience(entry))
        elif entry.kind == EntryKind.QUALIFICATION:
            qualified = _qualification(entry)
            if qualified is not None:
                occupations.append(qualified[0])
                recognitions.append(qualified[1])
        elif entry.kind == EntryKind.DRIVING_LICENCE:
            licences = frozenset(str(c) for c in entry.classes)
        elif entry.kind == EntryKind.MOBILITY and mobility is None:
            mobility = _mobility(entry)
        elif entry.kind == EntryKind.CHILDCARE and entry.need == ChildcareNeed.NEEDED:
            availability = m.Availability(max_hours=CHILDCARE_HOURS, shifts=False, childcare=True)
    if mobility is None:
        assumptions.append(
            _("No mobility is recorded: a way of up to %(km)s km by public transport is assumed.")
            % {"km": DEFAULT_REACH_KM}
        )
        mobility = m.Mobility(float(DEFAULT_REACH_KM), m.Means.PUBLIC_TRANSPORT)
    return tuple(occupations), tuple(recognitions), licences, mobility, availability


def _status_entries(person: Person, reads: Reads) -> tuple[list[StatusEvent], list[Office]]:
    entries = list(
        StatusEvent.objects.filter(person=person).select_related(
            "recorded_by_office__kreis", "recorded_by"
        )
    )
    visible, hidden = [], {}
    for entry in entries:
        office = entry.recorded_by_office
        if reads.allows(Category.STATUS, office):
            visible.append(entry)
        else:
            hidden[office.pk] = office
    return visible, sorted(hidden.values(), key=lambda office: office.name)


def cannot_judge(why: str) -> str:
    return _("The labour-market access cannot be judged: %(why)s") % {"why": why}


def _rules_of(reasons: list[dict]) -> list[dict[str, str]]:
    return [
        {
            "rule": str(reason.get("rule", "")),
            "paragraph": str(reason.get("paragraph", "")),
            "summary": str(reason.get("summary", "")),
        }
        for reason in reasons
        if reason.get("question") == QUESTION
    ]


def _gathered(person: Person, entries: list[StatusEvent]) -> Gathered | str:
    """The facts of the entries and the Kreis reference data they need, or the problem."""
    try:
        facts = status_facts.gather(person, entries)
        return facts, status_facts.kreis_reference(facts)
    except ScenarioError as exc:
        return cannot_judge(exc.for_reader())


def _access(
    gathered: Gathered, days: list[date], *, judged: bool = False
) -> tuple[list[AccessOn], str]:
    """The answers on each of `days` (the first: today, unless `judged`: today's answer is
    known already), or a problem when today's cannot be given. A later day the engine cannot
    judge counts as no access from that day (never propose work the person may not take)."""
    facts, reference = gathered
    found: list[AccessOn] = []
    parsed: Scenario | None = None  # parsed once: the days differ only in the as-of day
    for day in days:
        try:
            if parsed is None:
                scenario = parsed = parse_scenario(facts.scenario(day))
            else:
                scenario = parsed.on(day)
            answers = status_facts.scenario_answers(
                scenario, reference=reference, questions=QUESTIONS, texts=False
            )
            value = answers.get(QUESTION)
            if value is None:
                left_open = answers.get("open", {}).get(QUESTION, {})
                raise ScenarioError(
                    str(left_open.get("message") or _("a fact it needs is not recorded."))
                )
            status = status_on(scenario, day)
        except ScenarioError as exc:
            if not found and not judged:
                return [], cannot_judge(exc.for_reader())
            found.append(AccessOn(m.Access.NO_ACCESS, day))
            continue
        found.append(
            AccessOn(
                m.Access.from_rules(str(value)),
                day,
                tuple(r for r in answers.get("reasons", []) if r.question == QUESTION),
                duldung=status.frame is Frame.DULDUNG,
            )
        )
    return found, ""


def candidate_build(
    *, actor: User, person: Person, purpose: str, days: Iterable[date] = ()
) -> CandidateBuild:
    """The person as the matching engine sees them for the actor's office, with the access
    answers today and on `days` (start dates of vacancies). No audit event (the caller writes
    one for the whole read); the caller has authorised the actor to view the person."""
    today = timezone.localdate()
    reads = Reads(actor, person, purpose)
    build = CandidateBuild(person=person, candidate=None, reads=reads)
    entries = _profile(person, reads)
    german = _german(person, reads)
    build.hidden_profile = reads.hidden_offices(Category.PROFILE)
    status_entries, hidden_status = _status_entries(person, reads)
    if hidden_status:
        build.problem = cannot_judge(
            _("entries of %(offices)s are not open to your office, so the history is incomplete.")
            % {"offices": ", ".join(office.name for office in hidden_status)}
        )
        return build
    if not status_entries:
        build.problem = cannot_judge(_("no residence status is recorded."))
        return build
    build.status_entries = status_entries
    gathered = _gathered(person, status_entries)
    if isinstance(gathered, str):
        build.problem = gathered
        return build
    build.gathered = gathered
    wanted = sorted({today, *(max(day, today) for day in days)})
    access, problem = _access(gathered, wanted)
    build.assumptions = list(gathered[0].assumptions)
    if problem:
        build.problem = problem
        return build
    build.access = access
    home = home_place(person, today)
    if home is None:
        build.problem = _(
            "The place of residence is not known: record the current address with its place."
        )
        return build
    occupations, recognitions, licences, mobility, availability = _occupations_and_more(
        entries, build.assumptions
    )
    build.candidate = m.Candidate(
        id=str(person.pk),
        home=home,
        mobility=mobility,
        access=_answers(access),
        occupations=occupations,
        recognitions=recognitions,
        german=german,
        licences=licences,
        availability=availability,
    )
    return build


def _answers(access: list[AccessOn]) -> tuple[m.AccessAnswer, ...]:
    return tuple(m.AccessAnswer(a.answer, a.day, a.rule_ids, duldung=a.duldung) for a in access)


def extend_access(build: CandidateBuild, days: Iterable[date]) -> CandidateBuild:
    """The same build with the access answers on further days (the start dates of the
    vacancies the prefilter kept); a build without a candidate stays as it is."""
    if build.candidate is None:
        return build
    known = {a.day for a in build.access}
    today = timezone.localdate()
    extra = sorted({max(day, today) for day in days} - known)
    if not extra:
        return build
    if build.gathered is None:
        gathered = _gathered(build.person, build.status_entries)
        if isinstance(gathered, str):
            build.candidate, build.problem, build.access = None, gathered, []
            return build
        build.gathered = gathered
    # The answers known already (today's among them) stay; each further day is answered on its
    # own, so only those are asked.
    access, problem = _access(build.gathered, extra, judged=bool(build.access))
    if problem:
        build.candidate, build.problem, build.access = None, problem, []
        return build
    access = sorted([*build.access, *access], key=lambda answer: answer.day)
    build.access = access
    build.candidate = replace(build.candidate, access=_answers(access))
    return build
