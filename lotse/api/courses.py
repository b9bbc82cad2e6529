"""Courses and enrolments in the JSON API, on the same services, selectors and policy as the
pages: the catalogue (with the page's filters), one course, enrolments (create, a person's
list, one enrolment), attendance and exam results. A refusal of the rules engine is a 422 with
the reason on `person`."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.pagination import BoundedLimitOffset
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.courses.models import Course, Enrolment, Level
from lotse.courses.selectors import (
    CourseFilters,
    EnrolmentView,
    course_get,
    course_list,
    course_places,
    course_types,
    enrolment_get,
    person_enrolments,
)
from lotse.courses.services import (
    NOTE_MAX,
    ExamInput,
    attendance_record,
    enrolment_create,
    exam_result_record,
)
from lotse.people.models import Person
from lotse.people.selectors import person_get

router = Router(tags=["courses"])


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


# Text inputs with their lengths (as lotse.api.schemas.Text, written as aliases for the types).
Note = Annotated[str, Field(max_length=NOTE_MAX), AfterValidator(_storable)]
Code = Annotated[str, Field(max_length=60), AfterValidator(_storable)]
LevelCode = Annotated[str, Field(max_length=6), AfterValidator(_storable)]


class CourseOut(Schema):
    id: int
    course_type: str
    course_type_label: str
    family: str
    provider: str
    place: str
    kreis: str
    starts_on: date
    ends_on: date
    seats: int
    taken: int
    free: int
    waiting: int
    childcare: bool
    level: str | None
    schedule: str
    teaching_units: int | None
    final_exam: str
    admission_question: str

    @staticmethod
    def resolve_course_type(obj) -> str:
        return obj.course_type.code

    @staticmethod
    def resolve_course_type_label(obj) -> str:
        return obj.course_type.label

    @staticmethod
    def resolve_family(obj) -> str:
        return obj.course_type.family

    @staticmethod
    def resolve_place(obj) -> str:
        return obj.gemeinde.name

    @staticmethod
    def resolve_kreis(obj) -> str:
        return obj.gemeinde.kreis.code

    @staticmethod
    def resolve_level(obj) -> str | None:
        return obj.level.code if obj.level_id else None

    @staticmethod
    def resolve_teaching_units(obj) -> int | None:
        return obj.course_type.teaching_units

    @staticmethod
    def resolve_final_exam(obj) -> str:
        return obj.course_type.final_exam

    @staticmethod
    def resolve_admission_question(obj) -> str:
        return obj.course_type.admission_question


class ReasonOut(Schema):
    rule: str = ""
    paragraph: str = ""
    summary: str = ""
    facts: list[str] = []
    note: str = ""


class EnrolmentOut(Schema):
    id: int
    person: UUID
    course: int
    state: str
    admission: str
    reasons: list[ReasonOut]
    entitled_since: date
    entitled_since_from_rules: bool
    course_starts_on: date
    waiting_since: datetime | None
    recorded_by: str
    created_at: datetime

    @staticmethod
    def resolve_person(obj) -> UUID:
        return obj.person_id

    @staticmethod
    def resolve_course(obj) -> int:
        return obj.course_id

    @staticmethod
    def resolve_entitled_since_from_rules(obj) -> bool:
        return obj.entitled_since_known

    @staticmethod
    def resolve_recorded_by(obj) -> str:
        return obj.recorded_by.code


class AttendanceOut(Schema):
    week: date
    units_planned: int
    units_attended: int


class ExamOut(Schema):
    id: int
    exam: str
    taken_on: date
    passed: bool
    level: str
    listening: str
    reading: str
    speaking: str
    writing: str
    language_entry: int | None

    @staticmethod
    def resolve_language_entry(obj) -> int | None:
        return obj.language_entry_id


class EnrolmentDetailOut(EnrolmentOut):
    """One enrolment with its current attendance per week and its exams (the selector's view
    is attached to the enrolment as `view`)."""

    attendance_weeks: list[AttendanceOut]
    exam_results: list[ExamOut]
    waiting_position: int | None
    expected_start: date | None

    @staticmethod
    def resolve_attendance_weeks(obj) -> list:
        return obj.view.attendance

    @staticmethod
    def resolve_exam_results(obj) -> list:
        return obj.view.exams

    @staticmethod
    def resolve_waiting_position(obj) -> int | None:
        return obj.view.place.position if obj.view.place else None

    @staticmethod
    def resolve_expected_start(obj) -> date | None:
        return obj.view.place.expected_start if obj.view.place else None


class EnrolmentIn(Schema):
    person: UUID
    course: int
    note: Note = ""


class AttendanceIn(Schema):
    week: date
    units_planned: int
    units_attended: int


class ExamIn(Schema):
    exam: Code
    taken_on: date
    passed: bool = True
    level: LevelCode = ""
    listening: LevelCode = ""
    reading: LevelCode = ""
    speaking: LevelCode = ""
    writing: LevelCode = ""


@router.get("/courses", response={200: list[CourseOut], **errors()})
@paginate(BoundedLimitOffset)
@requires(Action.VIEW_COURSES)
def courses(
    request,
    type: Code = "",  # noqa: A002 - the page's parameter name
    level: LevelCode = "",
    place: int | None = None,
    starts_from: date | None = None,
    starts_to: date | None = None,
    free_seats: bool = False,
    childcare: bool = False,
):
    filters = CourseFilters(
        course_type=course_types().filter(code=type).first() if type else None,
        level=Level.objects.filter(code=level).first() if level else None,
        gemeinde=course_places(actor=request.user).filter(pk=place).first() if place else None,
        starts_from=starts_from,
        starts_to=starts_to,
        free_seats=free_seats,
        childcare=childcare,
    )
    unknown = (type and filters.course_type is None) or (level and filters.level is None)
    if unknown or (place and filters.gemeinde is None):
        return Course.objects.none()
    return course_list(actor=request.user, filters=filters).order_by("starts_on", "pk")


@router.get("/courses/{course_id}", response={200: CourseOut, **errors(404)})
@requires(Action.VIEW_COURSES)
def course(request, course_id: int):
    return course_get(actor=request.user, course_id=course_id)


@router.get("/persons/{person_id}/enrolments", response={200: list[EnrolmentOut], **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def person_enrolment_list(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.ENROLMENT)
    return person_enrolments(actor=request.user, person=person, already_authorized=True).enrolments


@router.post("/enrolments", response={201: EnrolmentOut, **errors(404, *BODY_ERRORS)})
@requires(Action.EDIT_PERSON, person_data=True)
def enrolment_new(request, payload: EnrolmentIn):
    person = Person.objects.filter(pk=payload.person, merged_into__isnull=True).first()
    if person is None:
        raise Http404
    person = person_get(
        actor=request.user, person_id=person.pk, purpose=Purpose.ENROLMENT, edit=True
    )
    course = course_get(actor=request.user, course_id=payload.course)
    return Status(
        201, enrolment_create(actor=request.user, person=person, course=course, note=payload.note)
    )


def _detail(view: EnrolmentView) -> Enrolment:
    enrolment = view.enrolment
    enrolment.view = view  # type: ignore[attr-defined]  # read by EnrolmentDetailOut
    return enrolment


@router.get("/enrolments/{enrolment_id}", response={200: EnrolmentDetailOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def enrolment(request, enrolment_id: int):
    return _detail(enrolment_get(actor=request.user, enrolment_id=enrolment_id))


@router.post(
    "/enrolments/{enrolment_id}/attendance",
    response={201: AttendanceOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def enrolment_attendance_record(request, enrolment_id: int, payload: AttendanceIn):
    view = enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    return Status(
        201, attendance_record(actor=request.user, enrolment=view.enrolment, **payload.dict())
    )


@router.post(
    "/enrolments/{enrolment_id}/exam-results",
    response={201: ExamOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def enrolment_exam_record(request, enrolment_id: int, payload: ExamIn):
    view = enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    return Status(
        201,
        exam_result_record(
            actor=request.user, enrolment=view.enrolment, data=ExamInput(**payload.dict())
        ),
    )
