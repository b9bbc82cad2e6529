"""Employers and vacancies: who records them, the messages for bad input, nothing stored half,
the change log and the audit trail."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.courses.tests.factories import place
from lotse.jobs.models import Change, ChangeKind, Employer, Vacancy, VacancyStatus
from lotse.jobs.selectors import (
    VacancyFilters,
    employer_list,
    history,
    may_see_contact,
    vacancy_get,
    vacancy_list,
)
from lotse.jobs.services import (
    EmployerInput,
    employer_change,
    employer_record,
    vacancy_change,
    vacancy_record,
    vacancy_set_status,
)
from lotse.jobs.tests.factories import (
    AGENTUR_TUEBINGEN,
    employer,
    employer_staff,
    vacancy,
    vacancy_input,
)
from lotse.organisations.tests.personas import LUDWIGSBURG

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_the_jobcenter_records_an_employer_and_a_vacancy():
    staff = employer_staff()
    firm = employer(staff)
    job = vacancy(staff, of=firm)
    assert job.status == VacancyStatus.OPEN
    assert job.occupation.kldb_code == "26212"
    assert job.recorded_by == staff.office
    assert job.recorded_by_user == staff
    kinds = set(Change.objects.filter(employer=firm).values_list("kind", flat=True))
    assert kinds == {ChangeKind.RECORDED}
    events = set(AuditEvent.objects.filter(actor=staff).values_list("event_type", flat=True))
    assert {EventType.EMPLOYER_RECORDED, EventType.VACANCY_RECORDED} <= events


def test_the_agentur_shares_them_with_the_jobcenter_of_the_kreis():
    agentur = employer_staff(AGENTUR_TUEBINGEN)
    job = vacancy(agentur)
    jobcenter = employer_staff()
    changed = vacancy_change(actor=jobcenter, vacancy=job, data=vacancy_input(hours_per_week=30))
    assert changed.hours_per_week == 30
    assert may_see_contact(jobcenter, job.employer)


def test_the_sozialamt_reads_vacancies_but_does_not_record_them(caseworker):
    job = vacancy()
    assert vacancy_get(actor=caseworker, vacancy_id=job.pk) == job
    assert not may_see_contact(caseworker, job.employer)
    with pytest.raises(PermissionDenied):
        employer_record(actor=caseworker, data=EmployerInput(name="X", sector="crafts"))
    with pytest.raises((PermissionDenied, Http404)):
        vacancy_change(actor=caseworker, vacancy=job, data=vacancy_input(title="Anders"))
    assert Vacancy.objects.get(pk=job.pk).title == job.title


def test_another_kreis_neither_sees_nor_changes(other_caseworker):
    job = vacancy()
    with pytest.raises(Http404):
        vacancy_get(actor=other_caseworker, vacancy_id=job.pk)
    with pytest.raises(Http404):
        vacancy_set_status(actor=other_caseworker, vacancy=job, status="filled")
    assert job not in vacancy_list(actor=other_caseworker)
    assert job.employer not in employer_list(actor=other_caseworker)
    # …nor records one in a Gemeinde of the Landkreis Tübingen
    with pytest.raises(PermissionDenied):
        employer(other_caseworker)
    assert not Employer.objects.filter(recorded_by=other_caseworker.office).exists()
    # but in its own Kreis
    own = employer(other_caseworker, gemeinde=place(LUDWIGSBURG, "Ludwigsburg"))
    assert own in employer_list(actor=other_caseworker)


def test_the_planner_and_the_administrator_see_no_vacancies(planner, administrator):
    vacancy()
    for user in (planner, administrator):
        assert not vacancy_list(actor=user).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"starts_on": TODAY - timedelta(days=1)}, "starts_on", "The start lies in the past"),
        ({"hours_per_week": 0}, "hours_per_week", "Between 1 and 48 hours a week."),
        ({"hours_per_week": 49}, "hours_per_week", "Between 1 and 48 hours a week."),
        ({"hours_per_week": None}, "hours_per_week", "Between 1 and 48 hours a week."),
        ({"german_reading": "B3"}, "german_reading", "„B3“ is not a level of the Common"),
        ({"german_writing": "native"}, "german_writing", "is not a level of the Common"),
        ({"occupation": "99999"}, "occupation", "There is no occupation with the code 99999."),
        ({"occupation": ""}, "occupation", "Choose the occupation"),
        ({"title": "x" * 201}, "title", "At most 200 characters (now 201)."),
        ({"title": "  "}, "title", "Give the title of the vacancy."),
        ({"kind": "internship"}, "kind", "Choose the kind"),
        ({"driving_licence": "Z"}, "driving_licence", "Choose a class of driving licence"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(fields, field, message):
    staff = employer_staff()
    firm = employer(staff)
    before = (Vacancy.objects.count(), Change.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        vacancy_record(actor=staff, employer=firm, data=vacancy_input(**fields))
    assert message in refused.value.message_dict[field][0]
    assert (Vacancy.objects.count(), Change.objects.count(), AuditEvent.objects.count()) == before


def test_several_mistakes_are_named_at_once():
    staff = employer_staff()
    with pytest.raises(ValidationError) as refused:
        vacancy_record(
            actor=staff,
            employer=employer(staff),
            data=vacancy_input(hours_per_week=60, german_speaking="X", title=""),
        )
    assert set(refused.value.message_dict) == {"hours_per_week", "german_speaking", "title"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 151}, "name"),
        ({"contact_email": "funke-at-example"}, "contact_email"),
        ({"contact_phone": "07071 CALL ME"}, "contact_phone"),
        ({"offers": ["free_lunch"]}, "offers"),
        ({"sector": ""}, "sector"),
        ({"gemeinde": None}, "gemeinde"),
    ],
)
def test_bad_employer_input_is_refused(fields, field):
    staff = employer_staff()
    with pytest.raises(ValidationError) as refused:
        employer(staff, **fields)
    assert field in refused.value.message_dict
    assert not Employer.objects.exists()


def test_a_change_keeps_the_earlier_values_in_the_log():
    staff = employer_staff()
    job = vacancy(staff)
    vacancy_change(
        actor=staff, vacancy=job, data=vacancy_input(hours_per_week=20, german_speaking="A2")
    )
    entry = Change.objects.get(vacancy=job, kind=ChangeKind.CHANGED)
    assert entry.changes["hours_per_week"] == ["39", "20"]
    assert entry.changes["german_speaking"] == ["B1", "A2"]
    assert entry.user == staff
    assert entry.office == staff.office
    # nothing changed: nothing logged
    vacancy_change(
        actor=staff, vacancy=job, data=vacancy_input(hours_per_week=20, german_speaking="A2")
    )
    assert Change.objects.filter(vacancy=job, kind=ChangeKind.CHANGED).count() == 1


def test_a_vacancy_whose_start_has_passed_keeps_it_on_a_change():
    staff = employer_staff()
    job = vacancy(staff)
    Vacancy.objects.filter(pk=job.pk).update(starts_on=TODAY - timedelta(days=3))
    job.refresh_from_db()
    changed = vacancy_change(
        actor=staff,
        vacancy=job,
        data=vacancy_input(starts_on=job.starts_on, hours_per_week=25),
    )
    assert changed.hours_per_week == 25


def test_status_filled_withdrawn_with_a_reason_and_reopened():
    staff = employer_staff()
    job = vacancy(staff)
    with pytest.raises(ValidationError) as refused:
        vacancy_set_status(actor=staff, vacancy=job, status="withdrawn")
    assert "Say why" in refused.value.message_dict["reason"][0]
    withdrawn = vacancy_set_status(
        actor=staff, vacancy=job, status="withdrawn", reason="Betrieb stellt nicht mehr ein"
    )
    assert withdrawn.status_reason == "Betrieb stellt nicht mehr ein"
    with pytest.raises(ValidationError):
        vacancy_set_status(actor=staff, vacancy=job, status="withdrawn", reason="noch einmal")
    vacancy_set_status(actor=staff, vacancy=job, status="open")
    filled = vacancy_set_status(actor=staff, vacancy=job, status="filled")
    assert filled.status == VacancyStatus.FILLED
    log = [c.changes["status"] for c in Change.objects.filter(kind=ChangeKind.STATUS)]
    assert ["open", "filled"] in log
    assert ["open", "withdrawn"] in log
    assert job not in vacancy_list(actor=staff)  # open ones by default
    assert job in vacancy_list(actor=staff, filters=VacancyFilters(status=""))


def test_the_contact_persons_changes_are_not_shown_to_the_sozialamt(caseworker):
    staff = employer_staff()
    firm = employer(staff)
    data = EmployerInput(
        name=firm.name,
        gemeinde=firm.gemeinde,
        sector="industry",
        contact_name="Karl Kontakt",
        offers=firm.offers,
    )
    employer_change(actor=staff, employer=firm, data=data)
    mine = history(actor=staff, employer=firm)[0].changes
    assert mine["contact_name"] == ["Frieda Funke", "Karl Kontakt"]
    theirs = history(actor=caseworker, employer=firm)[0].changes
    assert "contact_name" not in theirs
    assert "sector" in theirs
    event = AuditEvent.objects.get(event_type=EventType.EMPLOYER_CHANGED)
    assert "Karl Kontakt" not in str(event.details)


def test_the_filters():
    staff = employer_staff()
    firm = employer(staff)
    electrician = vacancy(staff, of=firm)
    nurse = vacancy(
        staff,
        of=firm,
        kind="apprenticeship",
        title="Ausbildung Pflegefachmann/-frau",
        occupation="81302",
        german_speaking="B2",
        starts_on=TODAY + timedelta(days=200),
    )

    def found(**filters):
        return set(vacancy_list(actor=staff, filters=VacancyFilters(**filters)))

    assert found(kind="apprenticeship") == {nurse}
    assert found(occupation="elektroniker") == {electrician}
    assert found(occupation="262") == {electrician}
    assert found(german_up_to="B1") == {electrician}
    assert found(german_up_to="B2") == {electrician, nurse}
    assert found(starts_from=TODAY + timedelta(days=100)) == {nurse}
    assert found(gemeinde=firm.gemeinde) == {electrician, nurse}
