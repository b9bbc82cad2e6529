"""Reads of courses and enrolments.

The catalogue (courses with their seats) is no person data: the policy scopes it to the Kreise of
the actor's office (Action.VIEW_COURSES). Enrolments are `plan` data of a person, owned by the
enrolling office: another office reads them as the access model allows (decide_category), and
the participants and waiting list of a course are named only to the office that enrolled them.
Planners see the waiting times as aggregates, never one person.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import (
    Action,
    Category,
    authorize,
    decide,
    decide_category,
    scope,
    user_kreis_ids,
)
from lotse.audit.models import EventType
from lotse.audit.services import audit_reads, audit_record, audit_refusal
from lotse.audit.vocabulary import ListRead, Purpose
from lotse.courses.models import (
    HOLDS_SEAT,
    Attendance,
    Course,
    CourseType,
    Enrolment,
    EnrolmentState,
    ExamResult,
    Level,
)
from lotse.organisations.models import Gemeinde, Kreis, Office, User
from lotse.people.models import Person

# The marks to beat for the time from entitlement (or obligation) to the course's start.
BENCHMARKS = [
    {
        "label": _("BAMF, 2019: median time from entitlement to course start"),
        "months": 4.5,
        "weeks": None,
    },
    {
        "label": _("Bundesrechnungshof, 2021: obliged participants, time to course start"),
        "months": None,
        "weeks": "40–47",
    },
]
# Groups with fewer enrolments are not shown: a median of one or two is a person's waiting time.
MIN_GROUP = 3
DAYS_A_MONTH = 30.4375


@dataclass
class CourseFilters:
    course_type: CourseType | None = None
    level: Level | None = None
    gemeinde: Gemeinde | None = None
    kreis: Kreis | None = None
    starts_from: date | None = None
    starts_to: date | None = None
    free_seats: bool = False
    childcare: bool = False


def _with_seats(courses: QuerySet[Course]) -> QuerySet[Course]:
    current = Q(enrolments__replaced_by__isnull=True)
    return courses.annotate(
        taken=Count("enrolments", filter=current & Q(enrolments__state__in=HOLDS_SEAT)),
        waiting=Count("enrolments", filter=current & Q(enrolments__state=EnrolmentState.WAITING)),
    ).annotate(free=F("seats") - F("taken"))


def course_list(*, actor: User, filters: CourseFilters | None = None) -> QuerySet[Course]:
    """The courses of the actor's Kreise, with `taken`, `free` and `waiting` seats."""
    filters = filters or CourseFilters()
    courses = scope(
        actor,
        Action.VIEW_COURSES,
        Course.objects.select_related("course_type", "gemeinde__kreis", "level", "recorded_by"),
        purpose=Purpose.COURSES,
    )
    if filters.course_type is not None:
        courses = courses.filter(course_type=filters.course_type)
    if filters.level is not None:
        courses = courses.filter(level=filters.level)
    if filters.gemeinde is not None:
        courses = courses.filter(gemeinde=filters.gemeinde)
    if filters.kreis is not None:
        courses = courses.filter(gemeinde__kreis=filters.kreis)
    if filters.starts_from is not None:
        courses = courses.filter(starts_on__gte=filters.starts_from)
    if filters.starts_to is not None:
        courses = courses.filter(starts_on__lte=filters.starts_to)
    if filters.childcare:
        courses = courses.filter(childcare=True)
    courses = _with_seats(courses)
    if filters.free_seats:
        courses = courses.filter(free__gt=0)  # type: ignore[misc]  # annotated above
    return courses


def course_get(*, actor: User, course_id: object) -> Course:
    try:
        course = _with_seats(
            Course.objects.select_related("course_type", "gemeinde__kreis", "level", "recorded_by")
        ).get(pk=int(str(course_id)))
    except (Course.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    authorize(actor, Action.VIEW_COURSES, course, purpose=Purpose.COURSES)
    return course


def course_types() -> QuerySet[CourseType]:
    return CourseType.objects.filter(active=True).select_related("target_level")


def course_places(*, actor: User) -> QuerySet[Gemeinde]:
    """The Gemeinden of the actor's Kreise (where the office may record courses)."""
    return (
        Gemeinde.objects.valid_on()
        .filter(kreis_id__in=user_kreis_ids(actor))
        .select_related("kreis")
        .order_by("name")
    )


# --- waiting lists -------------------------------------------------------------------------------
def waiting_order(enrolments: list[Enrolment]) -> list[Enrolment]:
    """Entitled and obliged persons before those who can be admitted, then by date."""
    return sorted(
        enrolments,
        key=lambda e: (e.priority, e.waiting_since or e.created_at, e.pk),
    )


@dataclass
class WaitingPlace:
    position: int
    enrolment: Enrolment
    expected_start: date | None  # the start of the course where a seat is expected
    expected_course: Course | None = None

    @property
    def expected_wait_days(self) -> int | None:
        if self.expected_start is None:
            return None
        return max(0, (self.expected_start - timezone.localdate()).days)

    @property
    def expected_wait_weeks(self) -> int | None:
        days = self.expected_wait_days
        return None if days is None else -(-days // 7)


def _queue(course: Course) -> tuple[list[Enrolment], list[Course]]:
    """The waiting list of the course's type in its Kreis, in order, and the coming courses of
    that type there with their free seats."""
    same = Q(course__course_type_id=course.course_type_id) & Q(
        course__gemeinde__kreis_id=course.gemeinde.kreis_id
    )
    waiting = waiting_order(
        list(Enrolment.objects.waiting().filter(same).select_related("course", "recorded_by"))
    )
    coming = list(
        _with_seats(
            Course.objects.filter(
                course_type_id=course.course_type_id,
                gemeinde__kreis_id=course.gemeinde.kreis_id,
                starts_on__gte=timezone.localdate(),
            )
        ).order_by("starts_on", "pk")
    )
    return waiting, coming


def expected_places(course: Course) -> list[WaitingPlace]:
    """Every place on the waiting lists of the course's type in its Kreis, with the start of
    the course where a free seat is expected for it (None: no such course is planned)."""
    waiting, coming = _queue(course)
    seats: list[tuple[int, Course]] = []  # (cumulative free seats, course)
    total = 0
    for item in coming:
        free = item.free  # type: ignore[attr-defined]  # annotated by _with_seats
        if free > 0:
            total += free
            seats.append((total, item))
    places = []
    for position, enrolment in enumerate(waiting, 1):
        expected = next((c for cumulative, c in seats if cumulative >= position), None)
        places.append(
            WaitingPlace(position, enrolment, expected.starts_on if expected else None, expected)
        )
    return places


def waiting_list(*, actor: User, course: Course) -> list[WaitingPlace]:
    """The course's waiting list in order (positions in the Kreis' queue for its type)."""
    authorize(actor, Action.VIEW_COURSES, course, purpose=Purpose.COURSES)
    return [p for p in expected_places(course) if p.enrolment.course_id == course.pk]


def expected_wait(*, actor: User, enrolment: Enrolment) -> WaitingPlace | None:
    for place in expected_places(enrolment.course):
        if place.enrolment.pk == enrolment.pk:
            return place
    return None


@dataclass
class CourseParticipants:
    enrolled: list[Enrolment] = field(default_factory=list)  # of the actor's office
    waiting: list[WaitingPlace] = field(default_factory=list)  # of the actor's office
    waiting_total: int = 0
    others: bool = False  # other offices enrolled persons too (never who)
    may_see: bool = False
    rows: list["Participant"] = field(default_factory=list)  # the provider's list


@dataclass
class Participant:
    enrolment: Enrolment
    attended: int = 0  # units, over the weeks recorded
    planned: int = 0
    exam: ExamResult | None = None  # the latest


def course_participants(*, actor: User, course: Course) -> CourseParticipants:
    """The provider's list for the office that enrolled them: its participants and its places
    on the waiting list (one list read each in the trail). Other offices' enrolments are
    announced as existing, never described."""
    authorize(actor, Action.VIEW_COURSES, course, purpose=Purpose.COURSES)
    result = CourseParticipants()
    places = waiting_list(actor=actor, course=course)
    result.waiting_total = len(places)
    if not decide(actor, Action.VIEW_PERSON):
        return result
    result.may_see = True
    current = Enrolment.objects.current().filter(course=course)
    own = [
        e
        for e in current.filter(state__in=HOLDS_SEAT)
        .select_related("person", "recorded_by_user")
        .order_by("created_at", "pk")
        if e.recorded_by_id == actor.office_id
    ]
    result.enrolled = [
        e for e in own if decide(actor, Action.VIEW_PERSON, e.person, categories=[Category.PLAN])
    ]
    result.waiting = [
        p
        for p in places
        if p.enrolment.recorded_by_id == actor.office_id
        and decide(actor, Action.VIEW_PERSON, p.enrolment.person, categories=[Category.PLAN])
    ]
    result.others = current.exclude(recorded_by_id=actor.office_id).exists()
    rows = {e.pk: Participant(e) for e in result.enrolled}
    for row in Attendance.objects.filter(enrolment_id__in=list(rows), replaced_by__isnull=True):
        rows[row.enrolment_id].attended += row.units_attended
        rows[row.enrolment_id].planned += row.units_planned
    exams = ExamResult.objects.filter(enrolment_id__in=list(rows)).order_by("taken_on", "pk")
    for exam in exams:
        rows[exam.enrolment_id].exam = exam  # the latest wins
    result.rows = list(rows.values())
    basis = "own record"
    audit_reads(
        actor=actor,
        objects=result.enrolled,
        person_of=lambda e: e.person_id,
        purpose=Purpose.ENROLMENT,
        basis=basis,
        action=ListRead.PARTICIPANTS,
    )
    audit_reads(
        actor=actor,
        objects=[p.enrolment for p in result.waiting],
        person_of=lambda e: e.person_id,
        purpose=Purpose.ENROLMENT,
        basis=basis,
        action=ListRead.WAITING_LIST,
    )
    return result


# --- one person's enrolments ---------------------------------------------------------------------
@dataclass
class PersonEnrolments:
    enrolments: list[Enrolment] = field(default_factory=list)
    hidden_offices: list[str] = field(default_factory=list)  # names of offices whose rows exist


def person_enrolments(
    *, actor: User, person: Person, already_authorized: bool = False
) -> PersonEnrolments:
    """The person's current enrolments the actor may read (one decision per owning office,
    as the access model says for `plan` data); the offices whose enrolments stay closed are
    named, their enrolments never described. The read of enrolments is logged (a page that has
    asked the policy for the person already passes `already_authorized`)."""
    if not already_authorized:
        authorize(
            actor, Action.VIEW_PERSON, person, purpose=Purpose.ENROLMENT, categories=[Category.PLAN]
        )
    rows = list(
        Enrolment.objects.current()
        .filter(person=person)
        .select_related("course__course_type", "course__gemeinde", "recorded_by")
        .order_by("-course_starts_on", "-pk")
    )
    offices: dict[int, Office] = {e.recorded_by_id: e.recorded_by for e in rows}
    allowed, hidden, bases = set(), [], set()
    for office in offices.values():
        decision = decide_category(
            actor, person, Category.PLAN, owner_office=office, purpose=Purpose.ENROLMENT
        )
        if decision:
            allowed.add(office.pk)
            bases.add(decision.basis or decision.reason)
        else:
            hidden.append(office.name)
            audit_refusal(
                actor=actor,
                action=Action.VIEW_PERSON,
                obj=person,
                person_id=person.pk,
                purpose=Purpose.ENROLMENT,
                reason=decision.reason,
                categories=[Category.PLAN],
                details={"owner": office.code},
            )
    if allowed:
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            obj=person,
            person_id=person.pk,
            purpose=Purpose.ENROLMENT,
            basis=sorted(bases),
            categories=[Category.PLAN],
        )
    return PersonEnrolments(
        enrolments=[e for e in rows if e.recorded_by_id in allowed], hidden_offices=sorted(hidden)
    )


def enrolments_of_person(*, actor: User, person: Person) -> list[Enrolment]:
    """The person's current enrolments the actor may read (for the plan and the profile)."""
    return person_enrolments(actor=actor, person=person).enrolments


@dataclass
class EnrolmentView:
    enrolment: Enrolment
    attendance: list[Attendance]
    attendance_history: list[Attendance]
    exams: list[ExamResult]
    place: WaitingPlace | None
    history: list[Enrolment]
    own: bool  # recorded by the actor's office: it records attendance and exams

    @property
    def units(self) -> tuple[int, int]:
        return (
            sum(a.units_attended for a in self.attendance),
            sum(a.units_planned for a in self.attendance),
        )


def _chain(enrolment: Enrolment) -> list[Enrolment]:
    """The earlier rows the current one replaced, newest first."""
    chain: list[Enrolment] = []
    current = enrolment
    while True:
        earlier = Enrolment.objects.filter(replaced_by=current).first()
        if earlier is None:
            return chain
        chain.append(earlier)
        current = earlier


def enrolment_get(*, actor: User, enrolment_id: object) -> EnrolmentView:
    """One enrolment with its attendance and exams, for an office that may read it."""
    try:
        enrolment = Enrolment.objects.select_related(
            "person", "course__course_type", "course__gemeinde__kreis", "recorded_by"
        ).get(pk=int(str(enrolment_id)))
    except (Enrolment.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    authorize(
        actor,
        Action.VIEW_PERSON,
        enrolment.person,
        purpose=Purpose.ENROLMENT,
        categories=[Category.PLAN],
    )
    decision = decide_category(
        actor,
        enrolment.person,
        Category.PLAN,
        owner_office=enrolment.recorded_by,
        purpose=Purpose.ENROLMENT,
    )
    if not decision:
        audit_refusal(
            actor=actor,
            action=Action.VIEW_PERSON,
            obj=enrolment.person,
            person_id=enrolment.person_id,
            purpose=Purpose.ENROLMENT,
            reason=decision.reason,
            categories=[Category.PLAN],
        )
        raise Http404
    while enrolment.replaced_by_id is not None:  # an old address: the current row
        enrolment = Enrolment.objects.select_related(
            "person", "course__course_type", "course__gemeinde__kreis", "recorded_by"
        ).get(pk=enrolment.replaced_by_id)
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        obj=enrolment,
        person_id=enrolment.person_id,
        purpose=Purpose.ENROLMENT,
        basis=decision.basis or decision.reason,
        categories=[Category.PLAN],
    )
    ids = [enrolment.pk, *[e.pk for e in _chain(enrolment)]]
    attendance = list(Attendance.objects.filter(enrolment_id__in=ids).order_by("week", "pk"))
    return EnrolmentView(
        enrolment=enrolment,
        attendance=[a for a in attendance if a.replaced_by_id is None],
        attendance_history=[a for a in attendance if a.replaced_by_id is not None],
        exams=list(ExamResult.objects.filter(enrolment_id__in=ids)),
        place=expected_wait(actor=actor, enrolment=enrolment)
        if enrolment.state == EnrolmentState.WAITING
        else None,
        history=_chain(enrolment),
        own=enrolment.recorded_by_id == actor.office_id,
    )


# --- the planners' figures -----------------------------------------------------------------------
@dataclass
class WaitingTime:
    kreis: str
    course_type: str
    count: int
    median_days: float | None  # None: fewer than MIN_GROUP enrolments
    from_rules: int  # of them with the date of entitlement or obligation from the rules

    @property
    def median_months(self) -> float | None:
        return None if self.median_days is None else round(self.median_days / DAYS_A_MONTH, 1)

    @property
    def median_weeks(self) -> float | None:
        return None if self.median_days is None else round(self.median_days / 7, 1)


def waiting_times(*, actor: User) -> list[WaitingTime]:
    """Time from entitlement (or obligation) to the course's start, per Kreis of the actor's
    office and course type: median and count, for regional planners and team leads. No
    person, and no median of fewer than MIN_GROUP enrolments."""
    authorize(actor, Action.VIEW_AGGREGATES, purpose=Purpose.COURSES)
    rows = (
        Enrolment.objects.current()
        .filter(state__in=HOLDS_SEAT, course__gemeinde__kreis_id__in=user_kreis_ids(actor))
        .values_list(
            "course__gemeinde__kreis__name",
            "course__course_type__label_de",
            "course__course_type__label_en",
            "entitled_since",
            "course_starts_on",
            "entitled_since_known",
        )
    )
    groups: dict[tuple[str, str], list[tuple[int, bool]]] = defaultdict(list)
    german = (get_language() or "de").startswith("de")
    for kreis, label_de, label_en, since, starts, known in rows:
        groups[(kreis, label_de if german else label_en)].append(
            (max(0, (starts - since).days), known)
        )
    result = []
    for (kreis, label), items in sorted(groups.items()):
        days = [d for d, _known in items]
        result.append(
            WaitingTime(
                kreis=kreis,
                course_type=label,
                count=len(items),
                median_days=statistics.median(days) if len(days) >= MIN_GROUP else None,
                from_rules=sum(1 for _d, known in items if known),
            )
        )
    return result
