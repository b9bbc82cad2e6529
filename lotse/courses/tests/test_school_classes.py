"""The school classes of BW (VKL, VABO) in the catalogue, enrolled through the enrolment service
with the rules engine's school answers; a year-only birth date is named in the reasons."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.courses.models import Admission, CourseFamily, Enrolment
from lotse.courses.services import enrolment_create
from lotse.courses.tests.factories import CourseFactory, asylum_seeker, course_type

pytestmark = pytest.mark.django_db


def born(years: int, *, day_known: bool = True) -> tuple[int, int | None, int | None]:
    """A birth date `years` ago (the 1st of the month a year after the course start)."""
    start = timezone.localdate() + timedelta(days=30)
    year = start.year - years
    return (year, start.month, 1) if day_known else (year, None, None)


def test_the_catalogue_has_the_school_classes():
    vkl, vabo = course_type("vkl"), course_type("vabo")
    assert vkl.family == vabo.family == CourseFamily.SCHOOL
    assert vkl.admission_question == "school_vkl"
    assert vabo.admission_question == "school_vabo"
    assert "Deutschkenntnissen" in vabo.label_de


def test_a_sixteen_year_old_is_obliged_to_the_vabo(caseworker):
    person = asylum_seeker(caseworker, nationality="ERI", birth=born(16), placeholder=False)
    course = CourseFactory(course_type=course_type("vabo"), provider="Gewerbliche Schule")
    enrolment = enrolment_create(actor=caseworker, person=person, course=course)
    assert enrolment.admission == Admission.OBLIGED
    assert [r["rule"] for r in enrolment.reasons] == ["school.berufsschulpflicht"]
    assert enrolment.reasons[0]["paragraph"] == "§§ 77, 78 Abs. 1 S. 2 SchG BW"
    assert "Berufsschulpflicht" in enrolment.reasons[0]["summary"]  # kept in German


def test_a_sixteen_year_old_is_not_for_the_vkl(caseworker):
    person = asylum_seeker(caseworker, nationality="ERI", birth=born(16), placeholder=False)
    course = CourseFactory(course_type=course_type("vkl"), provider="Grundschule")
    with pytest.raises(ValidationError):
        enrolment_create(actor=caseworker, person=person, course=course)
    assert not Enrolment.objects.exists()


def test_a_ten_year_old_goes_to_the_vkl(caseworker):
    person = asylum_seeker(caseworker, nationality="SYR", birth=born(10), placeholder=False)
    course = CourseFactory(course_type=course_type("vkl"), provider="Grundschule")
    enrolment = enrolment_create(actor=caseworker, person=person, course=course)
    assert enrolment.admission == Admission.OBLIGED


def test_a_year_only_birth_date_is_named_where_it_matters(caseworker):
    # born in 2007, only the year known: on 1 September 2027 the 1 January taken says "not
    # admissible" (the school year of the 20th birthday has ended), a later birthday would not
    person = asylum_seeker(
        caseworker, nationality="ERI", birth=(2007, None, None), placeholder=False
    )
    course = CourseFactory(
        course_type=course_type("vabo"), starts_on=date(2027, 9, 1), ends_on=date(2028, 7, 31)
    )
    with pytest.raises(ValidationError) as refused:
        enrolment_create(actor=caseworker, person=person, course=course)
    facts = [f for r in refused.value.check.reasons for f in r["facts"]]
    assert any("year of birth" in f or "Geburtsjahr" in f for f in facts), facts
