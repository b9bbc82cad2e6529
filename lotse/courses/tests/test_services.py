"""Courses, enrolments that ask the rules engine, waiting lists, attendance and exams."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.courses.catalogue import load_catalogue, read_catalogue
from lotse.courses.models import (
    Admission,
    Course,
    CourseType,
    Enrolment,
    EnrolmentState,
    Level,
)
from lotse.courses.selectors import (
    course_list,
    enrolments_of_person,
    expected_wait,
    waiting_list,
    waiting_times,
)
from lotse.courses.services import (
    CourseInput,
    ExamInput,
    attendance_record,
    course_change,
    course_record,
    enrolment_create,
    enrolment_take_seat,
    enrolment_withdraw,
    exam_result_record,
)
from lotse.courses.tests.factories import (
    CourseFactory,
    asylum_seeker,
    course_type,
    departed,
    place,
    refugee,
)
from lotse.organisations.tests.personas import LUDWIGSBURG
from lotse.people.models import CefrLevel, LevelSource, PersonLanguage
from lotse.people.tests.factories import register

TODAY = timezone.localdate()


def _input(**changes) -> CourseInput:
    values = {
        "course_type": course_type(),
        "provider": "VHS Tübingen",
        "gemeinde": place(),
        "starts_on": TODAY + timedelta(days=20),
        "ends_on": TODAY + timedelta(days=200),
        "seats": 12,
        "childcare": True,
        "schedule": "Mo–Fr 8:30–12:45",
    }
    return CourseInput(**{**values, **changes})


# --- the catalogue -------------------------------------------------------------------------------
def test_the_catalogue_is_loaded_with_levels_equal_to_the_person_levels(db):
    assert set(Level.objects.values_list("code", flat=True)) == set(CefrLevel.values)
    codes = [entry["code"] for entry in read_catalogue()["level"]]
    assert set(codes) == set(CefrLevel.values)
    general = CourseType.objects.get(code="integrationskurs")
    assert general.teaching_units == 700
    assert general.admission_question == "integration_course"
    assert general.target_level.code == "B1"
    assert "DTZ" in general.final_exam
    assert CourseType.objects.get(code="integrationskurs-alpha").teaching_units == 1000
    assert CourseType.objects.get(code="berufssprachkurs-gesundheit").teaching_units == 600
    assert CourseType.objects.get(code="berufssprachkurs-fach").teaching_units == 300
    assert CourseType.objects.get(code="erstorientierungskurs").teaching_units == 300
    # Only the Integrationskurs family and the school classes ask the rules engine.
    asking = set(CourseType.objects.exclude(admission_question="").values_list("family", flat=True))
    assert asking == {"integration", "school"}
    assert {"perf", "perjuf", "einstiegsqualifizierung", "bvb"} <= set(
        CourseType.objects.values_list("code", flat=True)
    )


def test_loading_again_changes_nothing_and_the_command_loads_it(db):
    from django.apps import apps
    from django.core.management import call_command

    count = CourseType.objects.count()
    report = load_catalogue(apps)
    assert report.created == {}
    assert CourseType.objects.count() == count
    CourseType.objects.filter(code="perf").update(label_de="falsch")
    out = __import__("io").StringIO()
    call_command("load_reference_data", stdout=out)
    assert "Course catalogue" in out.getvalue()
    assert CourseType.objects.get(code="perf").label_de.startswith("Perspektiven")


# --- courses -------------------------------------------------------------------------------------
def test_a_caseworker_records_a_course_of_their_kreis(caseworker):
    course = course_record(actor=caseworker, data=_input())
    assert course.recorded_by == caseworker.office
    assert course.level.code == "B1"  # the type's target level
    assert AuditEvent.objects.filter(event_type=EventType.COURSE_RECORDED).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_on": TODAY + timedelta(days=50), "ends_on": TODAY + timedelta(days=10)},
            "ends_on",
            "cannot end before it starts",
        ),
        ({"seats": 0}, "seats", "at least one seat"),
        ({"provider": " "}, "provider", "Name the provider"),
        ({"provider": "x" * 151}, "provider", "At most 150"),
    ],
)
def test_bad_courses_are_refused_with_a_message(caseworker, changes, field, message):
    with pytest.raises(ValidationError) as refused:
        course_record(actor=caseworker, data=_input(**changes))
    assert message in " ".join(refused.value.message_dict[field])
    assert not Course.objects.exists()


def test_a_course_in_another_kreis_is_refused(caseworker):
    with pytest.raises(Exception):  # noqa: B017,PT011 - PermissionDenied
        course_record(actor=caseworker, data=_input(gemeinde=place(LUDWIGSBURG, "Ludwigsburg")))
    assert not Course.objects.exists()


def test_planners_and_administrators_record_no_courses(planner, administrator):
    for actor in (planner, administrator):
        with pytest.raises(Exception):  # noqa: B017,PT011 - PermissionDenied
            course_record(actor=actor, data=_input())


def test_fewer_seats_than_taken_are_refused(caseworker):
    course = CourseFactory(seats=2)
    for name in ("Eins", "Zwei"):
        enrolment_create(
            actor=caseworker, person=refugee(caseworker, family_name=name), course=course
        )
    with pytest.raises(ValidationError) as refused:
        course_change(actor=caseworker, course=course, data=_input(seats=1))
    assert "2 persons hold a seat" in refused.value.message_dict["seats"][0]
    assert Course.objects.get(pk=course.pk).seats == 2


def test_the_catalogue_lists_the_courses_of_the_own_kreise(caseworker, other_caseworker):
    here = CourseFactory()
    there = CourseFactory(gemeinde=place(LUDWIGSBURG, "Ludwigsburg"))
    assert list(course_list(actor=caseworker)) == [here]
    assert list(course_list(actor=other_caseworker)) == [there]


# --- enrolment asks the rules engine -------------------------------------------------------------
def test_an_entitled_person_is_enrolled_with_the_reasons(caseworker):
    issued = TODAY - timedelta(days=60)
    person = refugee(caseworker, title_on=issued)
    course = CourseFactory()
    enrolment = enrolment_create(actor=caseworker, person=person, course=course)
    assert enrolment.state == EnrolmentState.ENROLLED
    assert enrolment.admission == Admission.ENTITLED
    assert enrolment.entitled_since == issued
    assert enrolment.entitled_since_known
    assert enrolment.course_starts_on == course.starts_on
    assert enrolment.recorded_by == caseworker.office
    assert any("Anspruch" in r["summary"] for r in enrolment.reasons)


def test_a_person_the_rules_do_not_admit_is_refused_with_the_reason_and_nothing_stored(caseworker):
    person = departed(caseworker)
    course = CourseFactory()
    with pytest.raises(ValidationError) as refused:
        enrolment_create(actor=caseworker, person=person, course=course)
    assert "do not admit" in refused.value.message_dict["person"][0]
    assert refused.value.check.answer == "not_admissible"
    assert refused.value.check.reasons  # the engine says why
    assert not Enrolment.objects.exists()
    event = AuditEvent.objects.get(event_type=EventType.ENROLMENT_REFUSED)
    assert event.person_id == str(person.pk)


def test_without_a_status_the_rules_cannot_decide_and_nothing_is_stored(caseworker):
    person = register(caseworker)
    with pytest.raises(ValidationError) as refused:
        enrolment_create(actor=caseworker, person=person, course=CourseFactory())
    assert "No residence status" in refused.value.message_dict["person"][0]
    assert not Enrolment.objects.exists()


def test_an_admissible_asylum_seeker_gets_a_place_and_the_admission_stop_is_cited(caseworker):
    person = asylum_seeker(caseworker)
    course = CourseFactory(starts_on=date(2026, 12, 14), ends_on=date(2027, 6, 30))
    enrolment = enrolment_create(actor=caseworker, person=person, course=course)
    assert enrolment.admission == Admission.ADMISSIBLE
    assert enrolment.entitled_since == TODAY
    assert not enrolment.entitled_since_known
    assert "course.admission_stop_2026" in [r["rule"] for r in enrolment.reasons]


def test_a_course_without_an_admission_rule_asks_no_engine(caseworker):
    course = CourseFactory(course_type=course_type("perf"))
    enrolment = enrolment_create(actor=caseworker, person=register(caseworker), course=course)
    assert enrolment.state == EnrolmentState.ENROLLED
    assert enrolment.admission == ""


def test_twice_in_the_same_course_is_refused(caseworker):
    person, course = refugee(caseworker), CourseFactory()
    enrolment_create(actor=caseworker, person=person, course=course)
    with pytest.raises(ValidationError):
        enrolment_create(actor=caseworker, person=person, course=course)
    assert Enrolment.objects.count() == 1


def test_another_office_cannot_enrol_a_person_it_has_no_case_with(caseworker, other_caseworker):
    person = refugee(caseworker)
    with pytest.raises(Http404):
        enrolment_create(actor=other_caseworker, person=person, course=CourseFactory())
    assert not Enrolment.objects.exists()


# --- waiting list --------------------------------------------------------------------------------
def test_a_full_course_puts_the_person_on_the_waiting_list_in_order(caseworker):
    course = CourseFactory(seats=1)
    first = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="A"), course=course
    )
    admissible = enrolment_create(
        actor=caseworker, person=asylum_seeker(caseworker, family_name="B"), course=course
    )
    entitled = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="C"), course=course
    )
    assert first.state == EnrolmentState.ENROLLED
    assert admissible.state == entitled.state == EnrolmentState.WAITING
    # Entitled before admissible, though later.
    places = waiting_list(actor=caseworker, course=course)
    assert [p.enrolment.pk for p in places] == [entitled.pk, admissible.pk]
    assert [p.position for p in places] == [1, 2]


def test_the_expected_wait_comes_from_the_next_courses_and_their_free_seats(caseworker):
    course = CourseFactory(seats=1)
    later = CourseFactory(seats=1, starts_on=TODAY + timedelta(days=70))
    latest = CourseFactory(seats=5, starts_on=TODAY + timedelta(days=140))
    CourseFactory(seats=9, starts_on=TODAY + timedelta(days=10), course_type=course_type("perf"))
    enrolment_create(actor=caseworker, person=refugee(caseworker, family_name="A"), course=course)
    one = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="B"), course=course
    )
    two = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="C"), course=course
    )
    assert expected_wait(actor=caseworker, enrolment=one).expected_start == later.starts_on
    place_two = expected_wait(actor=caseworker, enrolment=two)
    assert place_two.expected_start == latest.starts_on
    assert place_two.expected_wait_days == 140
    assert place_two.expected_wait_weeks == 20


def test_no_course_with_free_seats_means_no_expected_start(caseworker):
    course = CourseFactory(seats=1)
    enrolment_create(actor=caseworker, person=refugee(caseworker, family_name="A"), course=course)
    waiting = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="B"), course=course
    )
    assert expected_wait(actor=caseworker, enrolment=waiting).expected_start is None


def test_a_freed_seat_goes_to_the_first_of_the_waiting_list(caseworker):
    course = CourseFactory(seats=1)
    seated = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="A"), course=course
    )
    first = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="B"), course=course
    )
    second = enrolment_create(
        actor=caseworker, person=refugee(caseworker, family_name="C"), course=course
    )
    with pytest.raises(ValidationError):
        enrolment_take_seat(actor=caseworker, enrolment=first)  # no seat free yet
    left = enrolment_withdraw(actor=caseworker, enrolment=seated, reason="Umzug")
    assert left.state == EnrolmentState.WITHDRAWN
    assert Enrolment.objects.get(pk=seated.pk).replaced_by == left  # the old row stays
    with pytest.raises(ValidationError):
        enrolment_take_seat(actor=caseworker, enrolment=second)  # not the first in line
    taken = enrolment_take_seat(actor=caseworker, enrolment=first)
    assert taken.state == EnrolmentState.ENROLLED


# --- attendance and exams ------------------------------------------------------------------------
def _running_course(**kwargs) -> Course:
    return CourseFactory(
        starts_on=TODAY - timedelta(days=60), ends_on=TODAY + timedelta(days=60), **kwargs
    )


def test_attendance_per_week_and_a_correction_keeps_the_first(caseworker):
    enrolment = enrolment_create(
        actor=caseworker,
        person=register(caseworker),
        course=_running_course(course_type=course_type("perf")),
    )
    week = TODAY - timedelta(days=14)
    first = attendance_record(
        actor=caseworker, enrolment=enrolment, week=week, units_planned=25, units_attended=20
    )
    assert first.week.weekday() == 0
    second = attendance_record(
        actor=caseworker, enrolment=enrolment, week=week, units_planned=25, units_attended=22
    )
    first.refresh_from_db()
    assert first.replaced_by == second
    with pytest.raises(ValidationError) as refused:
        attendance_record(
            actor=caseworker, enrolment=enrolment, week=week, units_planned=20, units_attended=21
        )
    assert "More units attended than planned" in refused.value.message_dict["units_attended"][0]
    with pytest.raises(ValidationError) as refused:
        attendance_record(
            actor=caseworker,
            enrolment=enrolment,
            week=TODAY + timedelta(days=200),
            units_planned=20,
            units_attended=10,
        )
    assert "week" in refused.value.message_dict


def test_only_the_enrolling_office_records_attendance(caseworker, make_persona):
    from lotse.cases.services import case_open
    from lotse.organisations.tests.factories import UserFactory, reference_office

    person = register(caseworker)
    enrolment = enrolment_create(
        actor=caseworker, person=person, course=_running_course(course_type=course_type("perf"))
    )
    jobcenter = UserFactory(office=reference_office("jc-tubingen-08416"))
    case_open(actor=jobcenter, person=person, reason="Übernahme")
    with pytest.raises(Http404):
        attendance_record(
            actor=jobcenter, enrolment=enrolment, week=TODAY, units_planned=20, units_attended=10
        )


def test_a_dtz_b1_raises_the_persons_levels_with_the_exam_as_source(caseworker):
    person = refugee(caseworker)
    enrolment = enrolment_create(actor=caseworker, person=person, course=_running_course())
    taken_on = TODAY - timedelta(days=3)
    result = exam_result_record(
        actor=caseworker,
        enrolment=enrolment,
        data=ExamInput(exam="dtz", taken_on=taken_on, level="B1", writing="A2"),
    )
    entry = PersonLanguage.objects.get(person=person)
    assert result.language_entry == entry
    assert entry.language == "de"
    assert entry.source == LevelSource.DTZ
    assert entry.assessed_on == taken_on
    assert entry.recorded_by == caseworker.office
    assert (entry.listening, entry.reading, entry.speaking, entry.writing) == (
        "B1",
        "B1",
        "B1",
        "A2",
    )


def test_a_dtz_certifies_a2_or_b1_only(caseworker):
    enrolment = enrolment_create(
        actor=caseworker, person=refugee(caseworker), course=_running_course()
    )
    with pytest.raises(ValidationError) as refused:
        exam_result_record(
            actor=caseworker,
            enrolment=enrolment,
            data=ExamInput(exam="dtz", taken_on=TODAY, level="C1"),
        )
    assert "A2, B1" in refused.value.message_dict["level"][0]
    assert not PersonLanguage.objects.exists()


def test_a_failed_exam_or_the_lid_writes_no_language_entry(caseworker):
    enrolment = enrolment_create(
        actor=caseworker, person=refugee(caseworker), course=_running_course()
    )
    exam_result_record(
        actor=caseworker,
        enrolment=enrolment,
        data=ExamInput(exam="dtz", taken_on=TODAY, passed=False),
    )
    exam_result_record(
        actor=caseworker, enrolment=enrolment, data=ExamInput(exam="lid", taken_on=TODAY)
    )
    assert not PersonLanguage.objects.exists()


# --- reads ---------------------------------------------------------------------------------------
def test_enrolments_of_person_for_the_enrolling_office(caseworker, other_caseworker):
    person = refugee(caseworker)
    enrolment = enrolment_create(actor=caseworker, person=person, course=CourseFactory())
    assert enrolments_of_person(actor=caseworker, person=person) == [enrolment]
    with pytest.raises(Http404):
        enrolments_of_person(actor=other_caseworker, person=person)


def test_waiting_times_for_planners_as_aggregates_only(caseworker, planner, administrator):
    course = CourseFactory(starts_on=TODAY + timedelta(days=30))
    issued = TODAY - timedelta(days=60)
    for name in ("A", "B", "C"):
        enrolment_create(
            actor=caseworker,
            person=refugee(caseworker, family_name=name, title_on=issued),
            course=course,
        )
    other = CourseFactory(course_type=course_type("perf"))
    enrolment_create(actor=caseworker, person=register(caseworker, family_name="D"), course=other)
    figures = {row.course_type: row for row in waiting_times(actor=planner)}
    general = figures["Integration course (general)"]
    assert general.count == 3
    assert general.median_days == 90
    assert general.from_rules == 3
    assert general.median_weeks == pytest.approx(12.9)
    assert figures["Prospects for refugees (PerF)"].median_days is None  # fewer than 3
    with pytest.raises(Exception):  # noqa: B017,PT011 - PermissionDenied
        waiting_times(actor=administrator)
    with pytest.raises(Exception):  # noqa: B017,PT011 - PermissionDenied
        waiting_times(actor=caseworker)
