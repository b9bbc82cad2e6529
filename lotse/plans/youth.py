"""The Jugendberufsagentur's view (docs/youth.md): the young people under 25 an office may see,
each with their age (as precise as the birth date is), whether they came as unaccompanied minors,
the stage of their path into training or work, the rules engine's answer on §§ 60c/60d AufenthG
and the date of the last case conference.

The list shows only persons the acting office sees anyway (the policy scopes it: VIEW_PERSON,
the identity core). Everything beyond the identity core is read as the access model says for its
category and recording office: a stage from an enrolment is `plan` data of the enrolling office,
the Duldung answer is computed from the `status` entries only when every entry is open to the
reader, a case conference counts only where its recording office's plan is open to the reader.

The stage comes from registered **stage sources** (`register_stage_source`): this module
registers the course enrolments (school classes VKL/VABO; training preparation and the
Einstiegsqualifizierung); another app (placements into training or work) adds its own. A source
is called as source(actor=, persons=, on=) with the scoped queryset of persons and answers
{person id: Stage} for the persons it knows a stage of; the furthest stage wins.
"""

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import (
    Action,
    Category,
    authorize,
    decide_category,
    offices_serving,
    scope,
    scope_category,
)
from lotse.audit.services import audit_reads
from lotse.audit.vocabulary import Basis, LegalBasis, ListRead, Purpose
from lotse.cases.models import Case
from lotse.courses.models import CourseFamily, Enrolment, EnrolmentState
from lotse.organisations.models import Kreis, Office, User
from lotse.people.models import DatePrecision, Person, PersonName
from lotse.people.selectors import primary_family_name
from lotse.plans.models import CaseConference
from lotse.status import facts as status_facts
from lotse.status.kreise import KreisReference
from lotse.status.models import StatusEvent
from lotse.status.reasons import ANSWER_LABELS
from lotse.status.rules import ScenarioError, parse_scenario, required_kreise

YOUTH_AGE_LIMIT = 25  # the Jugendberufsagentur: young people under 25
MINOR_AGE_LIMIT = 18


class Stage(models.TextChoices):
    """The stage of a young person's path, in the order of the path (the furthest one counts)."""

    NONE = "none", _("none yet")
    SCHOOL = "school", _("school")
    PREPARATION = "preparation", _("training preparation")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship")
    WORK = "work", _("work")


STAGE_ORDER = list(Stage)

StageSource = Callable[..., dict[UUID, Stage]]
_stage_sources: dict[str, StageSource] = {}


def register_stage_source(source: StageSource, *, name: str = "") -> None:
    """Add a source of stages: called as source(actor=, persons=, on=) with the persons the
    list may show (a queryset the policy has scoped), it answers {person id: Stage} and reads
    only what the actor may read. Registering the same name again replaces nothing."""
    key = name or f"{source.__module__}.{source.__qualname__}"
    _stage_sources.setdefault(key, source)


def stage_sources() -> list[StageSource]:
    return list(_stage_sources.values())


def current_stages(
    *, actor: User, persons: QuerySet[Person], on: date | None = None
) -> dict[UUID, Stage]:
    """The furthest stage each person has reached by the registered sources (absent: none)."""
    on = on or timezone.localdate()
    stages: dict[UUID, Stage] = {}
    for source in stage_sources():
        for person_id, stage in source(actor=actor, persons=persons, on=on).items():
            known = stages.get(person_id, Stage.NONE)
            if STAGE_ORDER.index(Stage(stage)) > STAGE_ORDER.index(known):
                stages[person_id] = Stage(stage)
    return stages


def readable_persons(
    *, actor: User, person_ids: Iterable[Any], owner_office: Office, category: str
) -> set[Any]:
    """Of `person_ids`, those whose data of `category` recorded by `owner_office` the actor may
    read (the policy's decision for a list: scope_category). For stage sources."""
    persons = Person.objects.filter(pk__in=list(person_ids))
    return set(
        scope_category(
            actor, persons, category, owner_office=owner_office, purpose=Purpose.YOUTH_PATHWAY
        ).values_list("pk", flat=True)
    )


COURSE_STAGES: dict[str, Stage] = {
    CourseFamily.SCHOOL: Stage.SCHOOL,
    CourseFamily.TRAINING_PREPARATION: Stage.PREPARATION,
    CourseFamily.ENTRY_QUALIFICATION: Stage.PREPARATION,
}


def course_stage_source(*, actor: User, persons: QuerySet[Person], on: date) -> dict[UUID, Stage]:
    """School (a VKL or VABO class) and training preparation (a preparation course, an
    Einstiegsqualifizierung) from the current enrolments in courses that have not ended yet,
    each read as `plan` data of the enrolling office."""
    rows = (
        Enrolment.objects.current()
        .filter(
            person__in=persons,
            state=EnrolmentState.ENROLLED,
            course__course_type__family__in=list(COURSE_STAGES),
        )
        .filter(Q(course__ends_on__isnull=True) | Q(course__ends_on__gte=on))
        .values_list("person_id", "recorded_by_id", "course__course_type__family")
    )
    by_office: dict[int, list[tuple[UUID, Stage]]] = {}
    for person_id, office_id, family in rows:
        by_office.setdefault(office_id, []).append((person_id, COURSE_STAGES[family]))
    stages: dict[UUID, Stage] = {}
    for office in Office.objects.filter(pk__in=list(by_office)):
        found = by_office[office.pk]
        readable = readable_persons(
            actor=actor,
            person_ids={p for p, _stage in found},
            owner_office=office,
            category=Category.PLAN,
        )
        for person_id, stage in found:
            if person_id in readable and STAGE_ORDER.index(stage) > STAGE_ORDER.index(
                stages.get(person_id, Stage.NONE)
            ):
                stages[person_id] = stage
    return stages


register_stage_source(course_stage_source, name="courses.enrolments")


# --- age, as precise as the birth date ----------------------------------------------------------
@dataclass(frozen=True)
class Age:
    youngest: int  # the age if born on the last possible day
    oldest: int  # the age if born on the first possible day

    @property
    def uncertain(self) -> bool:
        return self.youngest != self.oldest

    def __str__(self) -> str:
        if not self.uncertain:
            return str(self.youngest)
        return f"{self.youngest}–{self.oldest}"


def _years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def birth_range(person: Person) -> tuple[date, date] | None:
    """The first and the last day the person may have been born on (None: no year known). A
    1 January placeholder counts as the year alone."""
    precision = person.birth_date_precision
    year = person.birth_year
    if precision == DatePrecision.UNKNOWN or year is None:
        return None
    if precision == DatePrecision.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    month = person.birth_month or 1
    if precision == DatePrecision.MONTH:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    born = date(year, month, person.birth_day or 1)
    return born, born


def age_of(person: Person, on: date | None = None) -> Age | None:
    on = on or timezone.localdate()
    span = birth_range(person)
    if span is None:
        return None
    first, last = span
    return Age(youngest=max(0, _years_between(last, on)), oldest=max(0, _years_between(first, on)))


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def may_be_under(age: int, on: date) -> Q:
    """The persons who may be younger than `age` on `on`: the last day they may have been born on
    lies after the day `age` years back (the birth date's precision respected)."""
    cutoff = _years_before(on, age)
    year_only = Q(birth_date_placeholder=True) | Q(birth_month__isnull=True)
    same_year = Q(birth_year=cutoff.year) & (
        year_only
        | Q(birth_month__gt=cutoff.month)
        | Q(birth_month=cutoff.month, birth_day__isnull=True)
        | Q(birth_month=cutoff.month, birth_day__gt=cutoff.day)
    )
    return Q(birth_year__gt=cutoff.year) | same_year


# --- the list -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class YouthFilters:
    stage: str = ""  # a Stage value, or "" for every stage
    kreis: Kreis | None = None  # persons with an open case at an office serving it
    minors_only: bool = False


def youth_kreise(*, actor: User) -> QuerySet[Kreis]:
    """The Kreise the actor's office serves (the choices of the Kreis filter)."""
    return actor.office.kreise_served().order_by("name") if actor.office else Kreis.objects.none()


def youth_list(
    *, actor: User, filters: YouthFilters | None = None, on: date | None = None
) -> QuerySet[Person]:
    """The young people under 25 (or who may be, by the precision of their birth date) the actor's
    office may see, filtered; annotated with `name` for sorting. The rows a
    page shows are described and logged by `youth_rows`."""
    authorize(actor, Action.VIEW_YOUTH, purpose=Purpose.YOUTH_PATHWAY)
    filters = filters or YouthFilters()
    on = on or timezone.localdate()
    persons = scope(
        actor,
        Action.VIEW_PERSON,
        Person.objects.filter(merged_into__isnull=True),
        purpose=Purpose.YOUTH_PATHWAY,
        categories=[Category.IDENTITY],
    ).filter(may_be_under(YOUTH_AGE_LIMIT, on))
    if filters.minors_only:
        persons = persons.filter(may_be_under(MINOR_AGE_LIMIT, on))
    if filters.kreis is not None:
        open_cases = Case.objects.filter(
            closed_at__isnull=True, office__in=offices_serving([filters.kreis.pk])
        )
        persons = persons.filter(pk__in=open_cases.values("person_id"))
    if filters.stage in Stage.values:
        stages = current_stages(actor=actor, persons=persons, on=on)
        if filters.stage == Stage.NONE:
            persons = persons.exclude(pk__in=list(stages))
        else:
            persons = persons.filter(pk__in=[p for p, s in stages.items() if s == filters.stage])
    names = Prefetch("names", queryset=PersonName.objects.order_by("-is_primary", "pk"))
    return persons.annotate(name=primary_family_name()).prefetch_related(names)


# §§ 60c/60d: the paragraph each answer of the rules engine speaks of, for the answers that apply.
DULDUNG_PARAGRAPHS = {
    "holds_60c": "§ 60c AufenthG",
    "may_60c": "§ 60c AufenthG",
    "holds_60d": "§ 60d AufenthG",
    "may_60d": "§ 60d AufenthG",
    "may_60c_60d": "§§ 60c, 60d AufenthG",
    "none_yet": "§§ 60c, 60d AufenthG",
    "no_access": "§ 60a Abs. 6 AufenthG",
}


@dataclass(frozen=True)
class DuldungAnswer:
    value: str
    text: str
    paragraph: str


@dataclass(frozen=True)
class YouthRow:
    person: Person
    age: Age | None
    unaccompanied_minor: bool
    stage: Stage
    duldung: DuldungAnswer | None
    last_conference: date | None


def _readable_histories(actor: User, persons: list[Person]) -> dict[UUID, list[StatusEvent]]:
    """The status entries of the persons of a page, read at once, for the persons whose whole
    history the actor may read: the policy decides per recording office for the page's persons
    together (`scope_category`, the list form of `decide_category`)."""
    entries: dict[UUID, list[StatusEvent]] = {}
    for entry in StatusEvent.objects.filter(person__in=persons).select_related(
        "recorded_by_office__kreis"
    ):
        entries.setdefault(entry.person_id, []).append(entry)
    offices: dict[int, Office] = {}
    by_office: dict[int, set[UUID]] = {}
    for person_id, own in entries.items():
        for entry in own:
            offices[entry.recorded_by_office_id] = entry.recorded_by_office
            by_office.setdefault(entry.recorded_by_office_id, set()).add(person_id)
    refused: set[UUID] = set()
    for office_id, person_ids in by_office.items():
        readable = readable_persons(
            actor=actor,
            person_ids=person_ids,
            owner_office=offices[office_id],
            category=Category.STATUS,
        )
        refused |= person_ids - readable
    return {pk: own for pk, own in entries.items() if pk not in refused}


def _duldung_answers(actor: User, persons: list[Person], on: date) -> dict[UUID, DuldungAnswer]:
    """The engine's `duldung_paths` answer for each person of the page where it applies (a
    Duldung is recorded), computed only from a history the actor may read whole (as the status
    page does). What the engine needs beyond the entries (`status_facts.Records`, the Kreise)
    is read once for the page."""
    entries = _readable_histories(actor, persons)
    judged = [p for p in persons if p.pk in entries]
    if not judged:
        return {}
    records = status_facts.Records(judged)
    scenarios = {}
    for person in judged:
        try:
            facts = status_facts.gather(person, entries[person.pk], records=records)
            scenarios[person.pk] = parse_scenario(facts.scenario(on))
        except ScenarioError:
            continue
    if not scenarios:
        return {}
    kreise = {pk: required_kreise(scenario) for pk, scenario in scenarios.items()}
    reference = KreisReference(set().union(*kreise.values()))
    answers: dict[UUID, DuldungAnswer] = {}
    for pk, scenario in scenarios.items():
        try:
            value = status_facts.scenario_answers(
                scenario, reference=reference.part(kreise[pk])
            ).get("duldung_paths")
        except ScenarioError:
            continue
        if value in DULDUNG_PARAGRAPHS:
            answers[pk] = DuldungAnswer(
                value=value,
                text=str(ANSWER_LABELS.get(value, value)),
                paragraph=DULDUNG_PARAGRAPHS[value],
            )
    return answers


def _last_conferences(actor: User, persons: list[Person]) -> dict[UUID, date]:
    rows = (
        CaseConference.objects.filter(person__in=persons, replaced_by__isnull=True)
        .select_related("recorded_by")
        .order_by("-held_on")
    )
    latest: dict[UUID, date] = {}
    allowed: dict[tuple[UUID, int], bool] = {}
    by_pk = {p.pk: p for p in persons}
    for row in rows:
        if row.person_id in latest:
            continue
        key = (row.person_id, row.recorded_by_id)
        if key not in allowed:
            allowed[key] = bool(
                decide_category(
                    actor,
                    by_pk[row.person_id],
                    Category.PLAN,
                    owner_office=row.recorded_by,
                    purpose=Purpose.YOUTH_PATHWAY,
                )
            )
        if allowed[key]:
            latest[row.person_id] = row.held_on
    return latest


def youth_rows(*, actor: User, persons: Iterable[Person], on: date | None = None) -> list[YouthRow]:
    """What the list shows of each person of one page, and one list read in the audit trail
    naming them (ListRead.YOUTH)."""
    on = on or timezone.localdate()
    persons = list(persons)
    ids = [p.pk for p in persons]
    stages = current_stages(actor=actor, persons=Person.objects.filter(pk__in=ids), on=on)
    conferences = _last_conferences(actor, persons)
    duldung = _duldung_answers(actor, persons, on)
    rows = []
    for person in persons:
        age = age_of(person, on)
        rows.append(
            YouthRow(
                person=person,
                age=age,
                unaccompanied_minor=bool(
                    person.arrived_unaccompanied and age and age.youngest < MINOR_AGE_LIMIT
                ),
                stage=stages.get(person.pk, Stage.NONE),
                duldung=duldung.get(person.pk),
                last_conference=conferences.get(person.pk),
            )
        )
    audit_reads(
        actor=actor,
        objects=persons,
        person_of=lambda person: person.pk,
        purpose=Purpose.YOUTH_PATHWAY,
        basis=LegalBasis(Basis.OWN_CASE),
        action=ListRead.YOUTH,
    )
    return rows
