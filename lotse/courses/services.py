"""Writing courses, enrolments, attendance and exam results.

Courses are the catalogue of a Kreis (no person data): caseworkers and team leads of an office
serving the Kreis record and change them (Action.MANAGE_COURSES). Enrolments are `plan` data of
the person, owned by the enrolling office: it alone records their attendance and exams.

One deliberate exception to "the whole service in one transaction": `enrolment_create` records a
refusal by the rules (ENROLMENT_REFUSED) after the refused enrolment has been rolled back, so
that the refusal stays in the trail while nothing of the enrolment is stored.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record, audit_refusal
from lotse.audit.vocabulary import Purpose
from lotse.courses.admission import AdmissionCheck, admission_check
from lotse.courses.models import (
    Attendance,
    Course,
    CourseType,
    Enrolment,
    EnrolmentState,
    Exam,
    ExamResult,
    Level,
)
from lotse.organisations.models import Gemeinde, Office, User
from lotse.people.models import CefrLevel, LevelSource, Person, PersonLanguage

PROVIDER_MAX = 150
SCHEDULE_MAX = 200
NOTE_MAX = 500
MAX_UNITS_A_WEEK = 60
SKILLS = ("listening", "reading", "speaking", "writing")
# What an exam certifies (brief §6.1: the DTZ certifies A2 or B1), and the source it gives.
EXAM_LEVELS = {
    Exam.DTZ: (CefrLevel.A2, CefrLevel.B1),
    Exam.TELC: (CefrLevel.A1, CefrLevel.A2, CefrLevel.B1, CefrLevel.B2, CefrLevel.C1, CefrLevel.C2),
    Exam.GOETHE: (
        CefrLevel.A1,
        CefrLevel.A2,
        CefrLevel.B1,
        CefrLevel.B2,
        CefrLevel.C1,
        CefrLevel.C2,
    ),
}
EXAM_SOURCE = {
    Exam.DTZ: LevelSource.DTZ,
    Exam.TELC: LevelSource.TELC,
    Exam.GOETHE: LevelSource.GOETHE,
}


def _office(actor: User) -> Office:
    """The actor's office (the policy admits members of staff only)."""
    assert actor.office is not None
    return actor.office


# --- courses -------------------------------------------------------------------------------------
@dataclass
class CourseInput:
    course_type: CourseType | None = None
    provider: str = ""
    gemeinde: Gemeinde | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    seats: int | None = None
    childcare: bool = False
    level: Level | None = None
    schedule: str = ""


def _course_errors(data: CourseInput, *, taken: int = 0) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.course_type is None:
        errors["course_type"] = _("Choose the kind of course.")
    if not data.provider.strip():
        errors["provider"] = _("Name the provider.")
    elif len(data.provider.strip()) > PROVIDER_MAX:
        errors["provider"] = _("At most %(max)s characters.") % {"max": PROVIDER_MAX}
    if data.gemeinde is None:
        errors["gemeinde"] = _("Choose the place (Gemeinde).")
    errors.update(_date_and_seat_errors(data, taken))
    if len(data.schedule.strip()) > SCHEDULE_MAX:
        errors["schedule"] = _("At most %(max)s characters.") % {"max": SCHEDULE_MAX}
    return errors


def _date_and_seat_errors(data: CourseInput, taken: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.starts_on is None:
        errors["starts_on"] = _("Give the start date.")
    if data.ends_on is None:
        errors["ends_on"] = _("Give the end date.")
    elif data.starts_on is not None and data.starts_on > data.ends_on:
        errors["ends_on"] = _("The course cannot end before it starts.")
    if data.seats is None or data.seats < 1:
        errors["seats"] = _("A course needs at least one seat.")
    elif data.seats < taken:
        errors["seats"] = _(
            "%(taken)s persons hold a seat already: the course cannot have fewer seats."
        ) % {"taken": taken}
    return errors


def _course_fields(data: CourseInput) -> dict[str, object]:
    return {
        "course_type": data.course_type,
        "provider": data.provider.strip(),
        "gemeinde": data.gemeinde,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "seats": data.seats,
        "childcare": data.childcare,
        "level": data.level or (data.course_type.target_level if data.course_type else None),
        "schedule": data.schedule.strip(),
    }


@atomic_service
def course_record(*, actor: User, data: CourseInput) -> Course:
    """Record a course on offer in a Gemeinde of a Kreis the actor's office serves."""
    authorize(actor, Action.MANAGE_COURSES, purpose=Purpose.COURSES)
    errors = _course_errors(data)
    if errors:
        raise ValidationError(errors)
    course = Course(**_course_fields(data), recorded_by=_office(actor), recorded_by_user=actor)
    # The course's Kreis must be one the office serves (the policy's Kreis scope).
    authorize(actor, Action.MANAGE_COURSES, course, purpose=Purpose.COURSES, hide_existence=False)
    course.save()
    audit_record(
        event_type=EventType.COURSE_RECORDED,
        actor=actor,
        obj=course,
        purpose=Purpose.COURSES,
        details={"course_type": course.course_type.code, "seats": course.seats},
    )
    return course


@atomic_service
def course_change(*, actor: User, course: Course, data: CourseInput) -> Course:
    """Change a course's dates, seats and details; never fewer seats than are taken."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    authorize(actor, Action.MANAGE_COURSES, course, purpose=Purpose.COURSES)
    taken = Enrolment.objects.holding_seats().filter(course=course).count()
    errors = _course_errors(data, taken=taken)
    if errors:
        raise ValidationError(errors)
    if data.gemeinde is not None and data.gemeinde.pk != course.gemeinde_id:
        moved = Course(gemeinde=data.gemeinde)
        authorize(
            actor, Action.MANAGE_COURSES, moved, purpose=Purpose.COURSES, hide_existence=False
        )
    changed = {}
    for name, value in _course_fields(data).items():
        if getattr(course, name) != value:
            before = getattr(course, name)
            changed[name] = [str(before) if before is not None else "", str(value or "")]
            setattr(course, name, value)
    if not changed:
        return course
    course.save()
    audit_record(
        event_type=EventType.COURSE_CHANGED,
        actor=actor,
        obj=course,
        purpose=Purpose.COURSES,
        details={"changed": changed},
    )
    return course


# --- enrolments ----------------------------------------------------------------------------------
class EnrolmentRefused(ValidationError):
    """The rules engine does not admit the person: the reasons say why."""

    def __init__(self, check: AdmissionCheck) -> None:
        super().__init__({"person": check.refusal_text()})
        self.check = check


@atomic_service
def _enrolment_store(*, actor: User, person: Person, course: Course, note: str) -> Enrolment:
    authorize(
        actor, Action.EDIT_PERSON, person, purpose=Purpose.ENROLMENT, categories=[Category.PLAN]
    )
    authorize(actor, Action.VIEW_COURSES, course, purpose=Purpose.ENROLMENT)
    course = Course.objects.select_for_update().select_related("course_type").get(pk=course.pk)
    today = timezone.localdate()
    if len(note.strip()) > NOTE_MAX:
        raise ValidationError({"note": _("At most %(max)s characters.") % {"max": NOTE_MAX}})
    if course.ends_on < today:
        raise ValidationError({"course": _("This course has ended.")})
    already = Enrolment.objects.current().filter(
        person=person,
        course=course,
        state__in=[EnrolmentState.ENROLLED, EnrolmentState.WAITING],
    )
    if already.exists():
        raise ValidationError(
            {"person": _("The person is enrolled in this course or on its waiting list already.")}
        )
    check = admission_check(actor=actor, person=person, course=course)
    if not check.admitted:
        raise EnrolmentRefused(check)
    taken = Enrolment.objects.holding_seats().filter(course=course).count()
    full = taken >= course.seats
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        person=person,
        course=course,
        state=EnrolmentState.WAITING if full else EnrolmentState.ENROLLED,
        admission=check.answer if check.question else "",
        reasons=check.stored_reasons(),
        entitled_since=check.entitled_since or today,
        entitled_since_known=check.entitled_since is not None,
        course_starts_on=course.starts_on,
        waiting_since=now if full else None,
        note=note.strip(),
        recorded_by=_office(actor),
        recorded_by_user=actor,
    )
    audit_record(
        event_type=EventType.ENROLMENT_RECORDED,
        actor=actor,
        obj=enrolment,
        person_id=person.pk,
        purpose=Purpose.ENROLMENT,
        categories=[Category.PLAN],
        details={"course": course.pk, "state": enrolment.state, "admission": enrolment.admission},
    )
    return enrolment


def enrolment_create(*, actor: User, person: Person, course: Course, note: str = "") -> Enrolment:
    """Enrol `person` in `course`, as the rules engine allows: not admitted → refused with the
    engine's reasons, nothing stored (ENROLMENT_REFUSED in the trail); admitted → a seat while
    there are free ones, else a place on the waiting list."""
    try:
        return _enrolment_store(actor=actor, person=person, course=course, note=note)
    except EnrolmentRefused as refused:
        # After the rollback of the enrolment: the refusal stays recorded.
        audit_record(
            event_type=EventType.ENROLMENT_REFUSED,
            actor=actor,
            obj=course,
            person_id=person.pk,
            purpose=Purpose.ENROLMENT,
            categories=[Category.PLAN],
            reason=refused.check.refusal_text(),
            details={
                "course": course.pk,
                "answer": refused.check.answer,
                "rules": [r.get("rule", "") for r in refused.check.reasons],
            },
        )
        raise


def _own_enrolment(actor: User, enrolment: Enrolment, purpose: str) -> Enrolment:
    """The enrolment, locked, if the actor's office recorded it (and may still edit the
    person); another office's enrolment answers as if it did not exist."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("course", "person")
        .get(pk=enrolment.pk)
    )
    authorize(
        actor, Action.EDIT_PERSON, enrolment.person, purpose=purpose, categories=[Category.PLAN]
    )
    if enrolment.recorded_by_id != actor.office_id or enrolment.replaced_by_id is not None:
        audit_refusal(
            actor=actor,
            action=Action.EDIT_PERSON,
            obj=enrolment,
            person_id=enrolment.person_id,
            purpose=purpose,
            reason="enrolment recorded by another office or replaced",
            categories=[Category.PLAN],
        )
        raise Http404
    return enrolment


def _replace(enrolment: Enrolment, actor: User, **changes: object) -> Enrolment:
    """A new row with `changes`, the old one marked replaced (a fact is never overwritten)."""
    keep = {
        f.name: getattr(enrolment, f.name)
        for f in Enrolment._meta.concrete_fields
        if f.name not in ("id", "created_at", "updated_at", "replaced_by", "replaced_at")
    }
    new = Enrolment.objects.create(**{**keep, **changes, "recorded_by_user": actor})
    enrolment.replaced_by = new
    enrolment.replaced_at = timezone.now()
    enrolment.save(update_fields=["replaced_by", "replaced_at", "updated_at"])
    return new


@atomic_service
def enrolment_withdraw(*, actor: User, enrolment: Enrolment, reason: str) -> Enrolment:
    """The person leaves the course or its waiting list; a seat they held becomes free."""
    enrolment = _own_enrolment(actor, enrolment, Purpose.ENROLMENT)
    if enrolment.state == EnrolmentState.WITHDRAWN:
        raise ValidationError({"reason": _("The enrolment was withdrawn already.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the person leaves.")})
    if len(reason.strip()) > NOTE_MAX:
        raise ValidationError({"reason": _("At most %(max)s characters.") % {"max": NOTE_MAX}})
    new = _replace(enrolment, actor, state=EnrolmentState.WITHDRAWN, note=reason.strip())
    audit_record(
        event_type=EventType.ENROLMENT_CHANGED,
        actor=actor,
        obj=new,
        person_id=new.person_id,
        purpose=Purpose.ENROLMENT,
        categories=[Category.PLAN],
        reason=reason.strip(),
        details={"state": [enrolment.state, new.state], "replaces": enrolment.pk},
    )
    return new


@atomic_service
def enrolment_take_seat(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """A person of the waiting list takes a seat that has become free, in the list's order."""
    from lotse.courses.selectors import waiting_order

    enrolment = _own_enrolment(actor, enrolment, Purpose.ENROLMENT)
    course = Course.objects.select_for_update().get(pk=enrolment.course_id)
    if enrolment.state != EnrolmentState.WAITING:
        raise ValidationError({"enrolment": _("The person is not on the waiting list.")})
    free = course.seats - Enrolment.objects.holding_seats().filter(course=course).count()
    ahead = waiting_order(list(Enrolment.objects.waiting().filter(course=course)))
    position = [e.pk for e in ahead].index(enrolment.pk) + 1
    if free < position:
        raise ValidationError(
            {"enrolment": _("No seat is free for this place on the waiting list yet.")}
        )
    new = _replace(enrolment, actor, state=EnrolmentState.ENROLLED)
    audit_record(
        event_type=EventType.ENROLMENT_CHANGED,
        actor=actor,
        obj=new,
        person_id=new.person_id,
        purpose=Purpose.ENROLMENT,
        categories=[Category.PLAN],
        details={"state": [enrolment.state, new.state], "replaces": enrolment.pk},
    )
    return new


# --- attendance and exams ------------------------------------------------------------------------
def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@atomic_service
def attendance_record(
    *,
    actor: User,
    enrolment: Enrolment,
    week: date | None,
    units_planned: int | None,
    units_attended: int | None,
) -> Attendance:
    """Units attended of units planned in the week of `week` (its Monday); a second entry for
    the same week replaces the first, which stays in the history."""
    enrolment = _own_enrolment(actor, enrolment, Purpose.ENROLMENT)
    errors: dict[str, str] = {}
    if enrolment.state not in (EnrolmentState.ENROLLED, EnrolmentState.COMPLETED):
        errors["week"] = _("Attendance is recorded for persons with a seat in the course.")
    if week is None:
        errors["week"] = _("Give the week.")
    else:
        week = monday_of(week)
        course = enrolment.course
        if week + timedelta(days=6) < course.starts_on or week > course.ends_on:
            errors["week"] = _("The week lies outside the course (%(start)s to %(end)s).") % {
                "start": course.starts_on.strftime("%d.%m.%Y"),
                "end": course.ends_on.strftime("%d.%m.%Y"),
            }
        elif week > timezone.localdate():
            errors["week"] = _("Attendance is recorded afterwards, not for a week to come.")
    if units_planned is None or not 1 <= units_planned <= MAX_UNITS_A_WEEK:
        errors["units_planned"] = _("Between 1 and %(max)s units a week.") % {
            "max": MAX_UNITS_A_WEEK
        }
    if units_attended is None or units_attended < 0:
        errors["units_attended"] = _("Give the units attended (0 or more).")
    elif units_planned is not None and units_attended > units_planned:
        errors["units_attended"] = _("More units attended than planned.")
    if errors or week is None or units_planned is None or units_attended is None:
        raise ValidationError(errors)
    earlier = list(
        Attendance.objects.filter(
            enrolment=enrolment, week=week, replaced_by__isnull=True
        ).values_list("pk", flat=True)
    )
    entry = Attendance.objects.create(
        enrolment=enrolment,
        week=week,
        units_planned=units_planned,
        units_attended=units_attended,
        recorded_by=_office(actor),
        recorded_by_user=actor,
    )
    Attendance.objects.filter(pk__in=earlier).update(replaced_by=entry, replaced_at=timezone.now())
    audit_record(
        event_type=EventType.ATTENDANCE_RECORDED,
        actor=actor,
        obj=enrolment,
        person_id=enrolment.person_id,
        purpose=Purpose.ENROLMENT,
        categories=[Category.PLAN],
        details={"week": str(week), "planned": units_planned, "attended": units_attended},
    )
    return entry


@atomic_service
def attendance_record_week(
    *,
    actor: User,
    course: Course,
    week: date | None,
    units_planned: int | None,
    attended: dict[int, int | None],
) -> list[Attendance]:
    """One week of the provider's list at once: units attended per enrolment (of the actor's
    office) of the units planned for everyone. One refused, none stored; the errors name the
    row (`attended_<enrolment id>`)."""
    authorize(actor, Action.VIEW_COURSES, course, purpose=Purpose.ENROLMENT)
    if not attended:
        raise ValidationError({"week": _("Your office has no participant in this course.")})
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.current().filter(
            course=course, pk__in=list(attended), recorded_by_id=actor.office_id
        )
    }
    entries: list[Attendance] = []
    errors: dict[str, str] = {}
    for enrolment_id, units in attended.items():
        enrolment = enrolments.get(enrolment_id)
        if enrolment is None:
            raise Http404
        try:
            entries.append(
                attendance_record(
                    actor=actor,
                    enrolment=enrolment,
                    week=week,
                    units_planned=units_planned,
                    units_attended=units,
                )
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                name = f"attended_{enrolment_id}" if field == "units_attended" else field
                errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    return entries


@dataclass
class ExamInput:
    exam: str = ""
    taken_on: date | None = None
    passed: bool = True
    level: str = ""  # the level certified overall
    listening: str = ""  # per skill, where the result says so
    reading: str = ""
    speaking: str = ""
    writing: str = ""


def _exam_errors(data: ExamInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.exam not in Exam.values:
        errors["exam"] = _("Choose the exam.")
    if data.taken_on is None:
        errors["taken_on"] = _("Give the exam date.")
    elif data.taken_on > timezone.localdate():
        errors["taken_on"] = _("The exam date lies in the future.")
    certifies = EXAM_LEVELS.get(Exam(data.exam)) if data.exam in Exam.values else None
    if certifies and data.passed:
        allowed = ", ".join(certifies)
        if not data.level:
            errors["level"] = _("Give the level the exam certifies (%(levels)s).") % {
                "levels": allowed
            }
        elif data.level not in certifies:
            errors["level"] = _("This exam certifies %(levels)s only.") % {"levels": allowed}
        for skill in SKILLS:
            value = getattr(data, skill)
            if value and value not in CefrLevel.values:
                errors[skill] = _("Unknown level.")
    elif data.level and data.level not in CefrLevel.values:
        errors["level"] = _("Unknown level.")
    return errors


@atomic_service
def exam_result_record(*, actor: User, enrolment: Enrolment, data: ExamInput) -> ExamResult:
    """Record an exam; a passed language exam writes a new language entry of the person
    (German, with the exam as source and its date), so that the profile's levels rise."""
    enrolment = _own_enrolment(actor, enrolment, Purpose.ENROLMENT)
    errors = _exam_errors(data)
    if errors or data.taken_on is None:
        raise ValidationError(errors)
    exam = Exam(data.exam)
    skills = {skill: getattr(data, skill) or data.level for skill in SKILLS}
    entry = None
    if data.passed and exam in EXAM_SOURCE:
        entry = PersonLanguage.objects.create(
            person=enrolment.person,
            language="de",
            source=EXAM_SOURCE[exam],
            assessed_on=data.taken_on,
            recorded_by=_office(actor),
            **skills,
        )
    result = ExamResult.objects.create(
        enrolment=enrolment,
        exam=exam,
        taken_on=data.taken_on,
        passed=data.passed,
        level=data.level if data.passed else "",
        **(skills if entry else dict.fromkeys(SKILLS, "")),
        language_entry=entry,
        recorded_by=_office(actor),
        recorded_by_user=actor,
    )
    audit_record(
        event_type=EventType.EXAM_RESULT_RECORDED,
        actor=actor,
        obj=result,
        person_id=enrolment.person_id,
        purpose=Purpose.ENROLMENT,
        categories=[Category.PLAN, Category.PROFILE] if entry else [Category.PLAN],
        details={"exam": exam.value, "passed": data.passed, "level": result.level},
    )
    return result
