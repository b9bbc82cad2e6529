"""The demo's school: VABO and VKL classes in the pilot Kreise, and Filmon Tesfay (the
unaccompanied minor from Eritrea) in the VABO class in Tübingen with a case conference on his
plan, the school at the table with his consent."""

import pytest

from lotse.courses.models import Course, Enrolment
from lotse.demo.persons import demo_persons_seed
from lotse.demo.region import demo_region_seed
from lotse.demo.school import VABO_TUEBINGEN, demo_school_seed
from lotse.organisations.models import User
from lotse.plans.conferences import case_conferences_of

pytestmark = pytest.mark.django_db


def test_filmon_goes_to_the_vabo_class_with_a_case_conference():
    demo_region_seed()
    assert Course.objects.filter(course_type__code="vabo", provider=VABO_TUEBINGEN).exists()
    assert Course.objects.filter(course_type__code="vkl").exists()
    demo_persons_seed()
    demo_region_seed()  # as `make run` does when it prints the logins
    enrolment = Enrolment.objects.get(course__provider=VABO_TUEBINGEN)
    assert enrolment.admission in ("obliged", "admissible")
    # only his year of birth (2010) is known, but on any day of it he is 16 at the start of the
    # class: the answer does not depend on the day, so the reasons name no year-only fact
    facts = [f for reason in enrolment.reasons for f in reason["facts"]]
    assert any("16 Jahre alt" in f for f in facts), facts
    assert not any("Geburtsjahr" in f for f in facts), facts
    read = case_conferences_of(
        actor=User.objects.get(username="tue-im-sb"), person=enrolment.person
    )
    assert len(read.current) == 1
    conference = read.current[0].conference
    assert "Gewerbliche Schule Tübingen" in conference.other_participants
    assert conference.external_consent
    assert conference.interpreter_language == "ti"
    assert demo_school_seed() == 0  # once only


def test_filmon_is_a_minor_with_the_jugendamt_at_the_table_and_in_its_youth_list():
    from lotse.cases.models import Case
    from lotse.plans.youth import YouthFilters, age_of, youth_list, youth_rows

    demo_region_seed()
    demo_persons_seed()
    demo_region_seed()
    enrolment = Enrolment.objects.get(course__provider=VABO_TUEBINGEN)
    filmon = enrolment.person
    assert filmon.birth_year == 2010
    assert filmon.arrived_unaccompanied
    age = age_of(filmon)
    assert age is not None
    assert age.oldest < 18 or filmon.birth_year + 18 <= enrolment.created_at.year
    jugendamt = User.objects.get(username="tue-jugendamt-sb")
    assert Case.objects.filter(person=filmon, office=jugendamt.office, closed_at__isnull=True)
    (row,) = case_conferences_of(
        actor=User.objects.get(username="tue-im-sb"), person=filmon
    ).current
    assert jugendamt.office in row.offices
    listed = youth_list(actor=jugendamt, filters=YouthFilters(minors_only=True))
    assert filmon in listed
    (youth_row,) = youth_rows(actor=jugendamt, persons=[filmon])
    assert youth_row.unaccompanied_minor
    assert youth_row.stage == "school"  # the IM's VABO enrolment, by his consent
    assert youth_row.last_conference == row.conference.held_on
