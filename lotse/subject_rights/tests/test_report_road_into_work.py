"""The person's report lists the profile, the integration plan and the course enrolments of
every office, current and earlier values, in German words; and the reads of them."""

from datetime import timedelta

from django.utils import timezone

from lotse.consent.form_texts import document_languages
from lotse.courses.models import Attendance, ExamResult
from lotse.plans.services import GoalInput, StepInput, goal_record, step_record
from lotse.plans.tests.test_step_enrolments import seat
from lotse.profiles.models import EntryKind
from lotse.profiles.selectors import profile_get
from lotse.profiles.tests.factories import record_entry
from lotse.subject_rights.documents import report_html
from lotse.subject_rights.selectors import subject_report_data

TODAY = timezone.localdate()


def _road(person, caseworker):
    """A schooling entry replaced by a newer one, a health restriction, a goal with a step that
    names an enrolment with a week of attendance and an exam."""
    first = record_entry(caseworker, person, EntryKind.SCHOOLING, years=6)
    record_entry(caseworker, person, EntryKind.SCHOOLING, years=9, replaces=first)
    record_entry(
        caseworker,
        person,
        EntryKind.HEALTH,
        description="keine schweren Lasten heben",
        work_capacity="limited",
    )
    enrolment = seat(person, caseworker)
    Attendance.objects.create(
        enrolment=enrolment,
        week=TODAY - timedelta(days=TODAY.weekday()),
        units_planned=20,
        units_attended=18,
        recorded_by=caseworker.office,
    )
    ExamResult.objects.create(
        enrolment=enrolment,
        exam="dtz",
        taken_on=TODAY,
        passed=True,
        level="B1",
        recorded_by=caseworker.office,
    )
    goal = goal_record(
        actor=caseworker,
        person=person,
        data=GoalInput(text="Deutsch B1", area="language", owner=caseworker.office),
    )
    step_record(
        actor=caseworker,
        goal=goal,
        data=StepInput(
            text="Kurs beginnen",
            due_on=TODAY + timedelta(days=3),
            responsible=caseworker.office,
            enrolment=enrolment,
        ),
    )


def test_the_report_lists_profile_plan_and_courses_with_earlier_values(person, caseworker):
    _road(person, caseworker)
    data = subject_report_data(actor=caseworker, person=person)
    schooling = [row for row in data["profile"] if row["kind"] == "Schulbildung"]
    assert len(schooling) == 2
    assert sum(bool(row["replaced_at"]) for row in schooling) == 1
    assert any("9 Jahre" in row["text"] for row in schooling)
    assert any("keine schweren Lasten heben" in row["text"] for row in data["profile"])
    (goal,) = data["plan"]["goals"]
    assert goal["text"] == "Deutsch B1"
    assert goal["owner"] == caseworker.office.name
    assert goal["steps"][0]["course"]  # the course the step names, in German
    assert data["plan"]["changes"] >= 2
    (enrolment,) = data["enrolments"]
    assert "VHS Tübingen" in enrolment["course"]
    assert enrolment["units"] == (18, 20)
    assert enrolment["exams"][0]["level"] == "B1"


def test_the_printed_report_shows_them_in_german_and_the_persons_language(person, caseworker):
    _road(person, caseworker)
    data = subject_report_data(actor=caseworker, person=person)
    html = report_html(
        data=data,
        languages=document_languages("ar"),
        office=caseworker.office,
        reference="Antrag",
    )
    assert "Ihr Integrationsplan" in html
    assert "خطة الاندماج الخاصة بك" in html
    assert "Kurse und Maßnahmen" in html
    assert "frühere Angabe, ersetzt am" in html
    assert "keine schweren Lasten heben" in html
    assert "18 / 20" in html


def test_reads_of_the_profile_are_in_the_report(person, caseworker, jc_caseworker, referred):
    record_entry(caseworker, person, EntryKind.SCHOOLING, years=9)
    profile_get(actor=jc_caseworker, person=person)
    data = subject_report_data(actor=caseworker, person=person)
    jc = [line for line in data["access"] if line.office == jc_caseworker.office.name]
    assert any("profile" in line.categories and line.kind == "read" for line in jc)
