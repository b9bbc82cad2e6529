"""Suggested matches both ways: a person's best vacancies, a vacancy's best candidates.

A suggestion is never a decision (Art. 22 GDPR): the pages show each with its score, its
reasons and the work-access mark, and the caseworker records what was done with it
(lotse/jobs/match_services.py). Only what the actor's office may see is used: the vacancies of
its Kreise (Action.VIEW_VACANCIES), the persons the policy lets it see (Action.VIEW_PERSON,
scoped by the policy), their profile entries and status entries decided per owning office
(lotse/jobs/candidates.py). No vacancy is proposed when the work access cannot be judged.

The database does the coarse work (open vacancies, the same KldB Hauptgruppe, Gemeinden within
reach), the engine (lotse.jobs.matching) the scoring and the reasons, so that a person's page
stays fast with tens of thousands of vacancies.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from lotse.access.policy import Action, Category, authorize, decide, scope, scope_category
from lotse.audit.models import EventType
from lotse.audit.services import audit_reads, audit_record
from lotse.audit.vocabulary import ListRead, Purpose
from lotse.jobs import matching as m
from lotse.jobs.candidates import (
    VACANCY_FIELDS,
    AccessOn,
    CandidateBuild,
    Reads,
    candidate_build,
    extend_access,
    start_day,
    start_on,
    vacancy_record,
    vacancy_row_record,
)
from lotse.jobs.match_models import MatchDecision
from lotse.jobs.matching.score import place_distance_km
from lotse.jobs.models import Vacancy, VacancyStatus
from lotse.jobs.places import place_of
from lotse.jobs.reasons import (
    ACCESS_NAMES,
    ACCESS_SHORT,
    SaidReason,
    Titles,
    codes_of,
    said,
    said_stored,
)
from lotse.organisations.models import Gemeinde, Office, User
from lotse.people.models import Person
from lotse.profiles.models import EntryKind, ProfileEntry

PERSON_TOP = 10
VACANCY_TOP = 50


@dataclass(frozen=True)
class AccessMark:
    """The work-access mark of a result: the answer in words and the paragraphs it rests on."""

    answer: str  # matching.Access value
    short: str
    text: str
    rules: tuple[tuple[str, str], ...] = ()  # (paragraph, summary)

    @property
    def free(self) -> bool:
        return self.answer == m.Access.FREE


def access_mark(access: AccessOn | None) -> AccessMark:
    answer = access.answer if access else m.Access.NO_ACCESS
    rules = []
    seen = set()
    for rule in access.rules if access else []:
        key = (rule["paragraph"], rule["summary"])
        if key not in seen and (rule["paragraph"] or rule["summary"]):
            seen.add(key)
            rules.append(key)
    return AccessMark(
        str(answer), str(ACCESS_SHORT[answer]), str(ACCESS_NAMES[answer]), tuple(rules)
    )


@dataclass
class DecisionView:
    decision: MatchDecision
    reasons: list[str]  # the reasons at the time, in words


@dataclass
class MatchResult:
    vacancy: Vacancy
    person: Person
    score: float
    reasons: list[SaidReason]
    access: AccessMark
    match: m.Match
    current: DecisionView | None = None
    earlier: list[DecisionView] = field(default_factory=list)

    @property
    def score_text(self) -> str:
        return f"{self.score:.0f}" if self.score == int(self.score) else f"{self.score:.1f}"


@dataclass
class PersonMatches:
    person: Person
    results: list[MatchResult]
    problem: str = ""
    hidden_profile: list[Office] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    decisions: list[DecisionView] = field(default_factory=list)  # every visible one, newest first
    considered: int = 0  # vacancies scored
    # Vacancies of the person's occupations and way left out because the person may not take
    # the work on their start (the rules engine's labour-market answer), with that answer:
    # the page says why nothing or less is proposed, never that nothing fits.
    no_access: int = 0
    no_access_mark: AccessMark | None = None

    @property
    def count(self) -> int:
        return len(self.results)


@dataclass
class VacancyCandidates:
    vacancy: Vacancy
    results: list[MatchResult]
    considered: int = 0  # persons with a related occupation the office may see
    not_judged: int = 0  # of them: work access not to be judged, or place unknown
    problem: str = ""

    @property
    def count(self) -> int:
        return len(self.results)


def _vacancies(actor: User) -> QuerySet[Vacancy]:
    return scope(
        actor,
        Action.VIEW_VACANCIES,
        Vacancy.objects.select_related("employer", "occupation", "gemeinde__kreis"),
        purpose=Purpose.MATCHING,
    )


def _gemeinden_within(actor: User, home: m.Place, km: float) -> list[int]:
    """The Gemeinden of the actor's Kreise within `km` of home (where its vacancies can be)."""
    near = []
    for gemeinde in (
        Gemeinde.objects.valid_on().filter(kreis_id__in=_kreis_ids(actor)).only("pk", "ags", "name")
    ):
        place = place_of(ags=gemeinde.ags, name=gemeinde.name, kreis_code=gemeinde.ags[:5])
        if place is not None and place_distance_km(home, place) <= km:
            near.append(gemeinde.pk)
    return near


def _kreis_ids(actor: User) -> frozenset[int]:
    from lotse.access.policy import user_kreis_ids

    return user_kreis_ids(actor)


def _decision_views(
    person: Person, reads: Reads, titles: Titles, vacancies: list[int] | None = None
) -> list[DecisionView]:
    rows = MatchDecision.objects.filter(person=person).select_related(
        "recorded_by", "recorded_by_user", "vacancy__employer", "vacancy__occupation"
    )
    if vacancies is not None:
        rows = rows.filter(vacancy_id__in=vacancies)
    visible = [row for row in rows if reads.allows(Category.PROFILE, row.recorded_by)]
    titles.load({c for row in visible for c in _stored_codes(row.reasons)})
    return [DecisionView(row, said_stored(row.reasons, titles)) for row in visible]


def _stored_codes(reasons: list[dict]) -> set[str]:
    codes = set()
    for reason in reasons:
        for name, value in dict(reason.get("values", {})).items():
            if name in ("candidate", "vacancy", "berufsuntergruppe") and isinstance(value, str):
                codes.add(value)
    return codes


def _attach(results: list[MatchResult], decisions: list[DecisionView]) -> None:
    by_vacancy: dict[int, list[DecisionView]] = {}
    for view in decisions:
        by_vacancy.setdefault(view.decision.vacancy_id, []).append(view)
    for result in results:
        for view in by_vacancy.get(result.vacancy.pk, []):
            if view.decision.is_current and result.current is None:
                result.current = view
            else:
                result.earlier.append(view)


@dataclass
class _Ranked:
    found: list[tuple[m.Match, int]]  # the best matches with their vacancy's pk
    considered: int
    no_access: int
    no_access_mark: AccessMark | None


def _ranked(build: CandidateBuild, rows: list[dict], top: int) -> _Ranked:
    """The `top` best of the vacancies (values rows, `VACANCY_FIELDS`): every one scored, only
    the best explained with their reasons (`score` and `explain` give the same number, as the
    engine's index does it)."""
    assert build.candidate is not None
    prepared = m.PreparedCandidate(build.candidate)
    scored: list[tuple[float, int, m.PreparedVacancy]] = []
    considered = no_access = 0
    mark: AccessMark | None = None
    today = timezone.localdate()
    for row in rows:
        record = vacancy_row_record(row)
        if record is None:
            continue
        considered += 1
        vacancy = m.PreparedVacancy(record)
        value = m.score(prepared, vacancy)
        if value is not None:
            scored.append((value, row["pk"], vacancy))
            continue
        access = build.access_on(start_on(record.start, today))
        if access is not None and access.answer is m.Access.NO_ACCESS:
            no_access += 1
            mark = mark or access_mark(access)
    scored.sort(key=lambda item: (-item[0], item[1]))
    found = []
    for _value, pk, vacancy in scored[:top]:
        match = m.explain(prepared, vacancy)
        assert match is not None  # scored, so not excluded
        found.append((match, pk))
    return _Ranked(found, considered, no_access, mark)


def _result(match: m.Match, vacancy: Vacancy, build: CandidateBuild, titles: Titles) -> MatchResult:
    today = timezone.localdate()
    return MatchResult(
        vacancy=vacancy,
        person=build.person,
        score=match.score,
        reasons=said(match, titles),
        access=access_mark(build.access_on(start_day(vacancy, today))),
        match=match,
    )


def _audit_person_read(actor: User, person: Person, reads: Reads, shown: list[int]) -> None:
    hidden = reads.hidden_offices()
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=person,
        person_id=person.pk,
        purpose=Purpose.MATCHING,
        basis=reads.bases() or "own record",
        categories=[Category.IDENTITY, *reads.categories()],
        details={
            "data": "matches",
            "owner_offices": reads.owner_codes(),
            "not_accessible": sorted({office.code for office in hidden}),
            "vacancies": shown,
        },
    )


def matches_for_person(*, actor: User, person: Person, top: int = PERSON_TOP) -> PersonMatches:
    """The open vacancies of the actor's Kreise that fit the person best (at most `top`), each
    with its score, reasons, work-access mark and the decisions recorded on it. Nothing is
    proposed when the work access cannot be judged. One read event (Purpose.MATCHING)."""
    authorize(actor, Action.VIEW_PERSON, person, purpose=Purpose.MATCHING)
    build = candidate_build(actor=actor, person=person, purpose=Purpose.MATCHING)
    reads = build.reads
    assert reads is not None
    titles = Titles()
    matches = PersonMatches(
        person=person,
        results=[],
        problem=build.problem,
        hidden_profile=build.hidden_profile,
        assumptions=build.assumptions,
    )
    if build.candidate is not None and decide(actor, Action.VIEW_VACANCIES):
        candidate = build.candidate
        groups = sorted({o.code[:2] for o in candidate.occupations})
        rows: list[dict] = []
        if groups:
            near = _gemeinden_within(actor, candidate.home, candidate.mobility.max_km)
            condition = Q()
            for group in groups:
                condition |= Q(occupation__kldb_code__startswith=group)
            # Only the values the scoring reads; the model instances for the results shown.
            rows = list(
                _vacancies(actor)
                .filter(condition, status=VacancyStatus.OPEN, gemeinde_id__in=near)
                .order_by("pk")
                .values(*VACANCY_FIELDS)
            )
        build = extend_access(build, [row["starts_on"] for row in rows if row["starts_on"]])
        matches.problem = build.problem
        if build.candidate is not None:
            ranked = _ranked(build, rows, top)
            matches.considered = ranked.considered
            matches.no_access, matches.no_access_mark = ranked.no_access, ranked.no_access_mark
            titles.load(c for match, _ in ranked.found for c in codes_of(match.reasons))
            shown = {pk for _match, pk in ranked.found}
            vacancies = _vacancies(actor).in_bulk(shown) if shown else {}
            matches.results = [
                _result(match, vacancies[pk], build, titles)
                for match, pk in ranked.found
                if pk in vacancies
            ]
    matches.decisions = _decision_views(person, reads, titles)
    _attach(matches.results, matches.decisions)
    _audit_person_read(actor, person, reads, [r.vacancy.pk for r in matches.results])
    return matches


def may_see_candidates(actor: User, vacancy: Vacancy | None = None) -> bool:
    """A vacancy's candidates: for the offices that place people in work — the Agentur and the
    Jobcenter of the vacancy's Kreis (those who record the vacancies) — among the persons they
    may see."""
    return bool(decide(actor, Action.MANAGE_VACANCIES, vacancy)) and bool(
        decide(actor, Action.VIEW_PERSON)
    )


def _related_persons(actor: User, code: str) -> list[Person]:
    """The persons the actor may see with a current, readable profile entry of an occupation
    of the vacancy's Hauptgruppe (work, training, or a qualification's reference occupation)."""
    persons = scope(actor, Action.VIEW_PERSON, Person.objects.all(), purpose=Purpose.MATCHING)
    group = code[:2]
    rows = ProfileEntry.objects.filter(
        person__in=persons,
        replaced_at__isnull=True,
    ).filter(
        Q(
            kind__in=(EntryKind.WORK, EntryKind.TRAINING),
            experience__occupation__kldb_code__startswith=group,
        )
        | Q(
            kind=EntryKind.QUALIFICATION,
            qualification__reference_occupation__kldb_code__startswith=group,
        )
    )
    ids: set = set()
    for office in Office.objects.filter(pk__in=rows.values("recorded_by")):
        readable = scope_category(
            actor, persons, Category.PROFILE, owner_office=office, purpose=Purpose.MATCHING
        )
        ids |= set(
            rows.filter(recorded_by=office, person__in=readable).values_list("person_id", flat=True)
        )
    return list(Person.objects.filter(pk__in=ids).order_by("pk"))


def candidates_for_vacancy(
    *, actor: User, vacancy: Vacancy, top: int = VACANCY_TOP
) -> VacancyCandidates:
    """The persons the actor's office may see who fit the vacancy best (at most `top`), each
    with score, reasons, work-access mark and the decision recorded on the pair. A person whose
    work access cannot be judged is never listed. One list read event (ListRead.MATCHES)."""
    authorize(actor, Action.MANAGE_VACANCIES, vacancy, purpose=Purpose.MATCHING)
    found = VacancyCandidates(vacancy=vacancy, results=[])
    record = vacancy_record(vacancy)
    if record is None or vacancy.status != VacancyStatus.OPEN:
        return found
    prepared = m.PreparedVacancy(record)
    today = timezone.localdate()
    titles = Titles()
    scored: list[tuple[m.Match, CandidateBuild]] = []
    persons = _related_persons(actor, record.code)
    found.considered = len(persons)
    for person in persons:
        build = candidate_build(
            actor=actor, person=person, purpose=Purpose.MATCHING, days=[start_day(vacancy, today)]
        )
        if build.candidate is None:
            found.not_judged += 1
            continue
        match = m.explain(m.PreparedCandidate(build.candidate), prepared)
        if match is not None:
            scored.append((match, build))
    scored.sort(key=lambda pair: (-pair[0].score, str(pair[1].person.pk)))
    scored = scored[:top]
    titles.load(c for match, _ in scored for c in codes_of(match.reasons))
    found.results = [_result(match, vacancy, build, titles) for match, build in scored]
    for result, (_match, build) in zip(found.results, scored, strict=True):
        assert build.reads is not None
        _attach([result], _decision_views(build.person, build.reads, titles, [vacancy.pk]))
    audit_reads(
        actor=actor,
        objects=[*(r.person for r in found.results), *persons],
        person_of=lambda person: person.pk,
        purpose=Purpose.MATCHING,
        basis=sorted({b for _m, build in scored if build.reads for b in build.reads.bases()})
        or "own record",
        action=ListRead.MATCHES,
    )
    return found


def match_figures(*, actor: User) -> dict:
    """How often the office's suggestions were proposed to the person and set aside, by
    reason (current decisions of the actor's office; counts only, no person)."""
    from django.db.models import Count

    from lotse.jobs.match_models import MatchDecisionKind, SetAsideReason

    office = actor.office
    rows = MatchDecision.objects.filter(recorded_by=office, replaced_at__isnull=True)
    by_decision = dict(
        rows.values_list("decision").annotate(n=Count("pk")).values_list("decision", "n")
    )
    by_reason = dict(
        rows.filter(decision=MatchDecisionKind.SET_ASIDE)
        .values_list("reason")
        .annotate(n=Count("pk"))
        .values_list("reason", "n")
    )
    proposed = by_decision.get(MatchDecisionKind.PROPOSED, 0)
    set_aside = by_decision.get(MatchDecisionKind.SET_ASIDE, 0)
    total = proposed + set_aside
    return {
        "total": total,
        "proposed": proposed,
        "set_aside": set_aside,
        "proposed_share": round(100 * proposed / total) if total else 0,
        "reasons": [
            (str(label), by_reason.get(value, 0)) for value, label in SetAsideReason.choices
        ],
        "replaced": MatchDecision.objects.filter(
            recorded_by=office, replaced_at__isnull=False
        ).count(),
    }
