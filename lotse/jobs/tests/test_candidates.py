"""From the tables to the engine and back: a person's matches and a vacancy's candidates, only
what the office may see, never work the person may not take."""

import pytest

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.vocabulary import ListRead, Purpose
from lotse.jobs import matching as m
from lotse.jobs.candidates import candidate_build, kldb5, vacancy_record
from lotse.jobs.match_selectors import candidates_for_vacancy, matches_for_person
from lotse.jobs.tests.factories import employer_staff, vacancy
from lotse.jobs.tests.match_factories import DULDUNG_NO_WORK, electrician, record_status
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.organisations.tests.personas import JOBCENTER_LUDWIGSBURG

pytestmark = pytest.mark.django_db


@pytest.fixture
def jc():
    return employer_staff()


def test_the_electrician_gets_the_electricians_vacancy_with_its_reasons(jc):
    job = vacancy(jc)
    person = electrician(jc)
    found = matches_for_person(actor=jc, person=person)
    assert found.problem == ""
    assert [r.vacancy for r in found.results] == [job]
    result = found.results[0]
    codes = [r.code for r in result.match.reasons]
    assert codes[0] == "access_free"
    assert "occupation" in codes
    assert "experience" in codes
    texts = [r.text for r in result.reasons]
    assert "6 years of work experience in the matching occupation." in texts
    assert any(t.startswith("Occupation: ") and "the same occupation as" in t for t in texts)
    assert "German listening: B1, asked for B1 – met." in texts
    assert result.access.free
    assert result.score > 80
    assert abs(sum(r.points for r in result.reasons) - result.score) < 0.15


def test_a_duldung_holder_who_may_not_work_gets_nothing_and_the_page_says_why(jc):
    vacancy(jc)
    person = electrician(jc, status=None, given_names="Samuel")
    record_status(person, DULDUNG_NO_WORK)
    build = candidate_build(actor=jc, person=person, purpose=Purpose.MATCHING)
    assert build.candidate is not None
    assert build.access[0].answer is m.Access.NO_ACCESS
    assert build.access[0].duldung
    found = matches_for_person(actor=jc, person=person)
    assert found.results == []


def test_no_status_recorded_no_vacancy_and_the_reason(jc):
    vacancy(jc)
    person = electrician(jc, status=None)
    found = matches_for_person(actor=jc, person=person)
    assert found.results == []
    assert found.problem.startswith("The labour-market access cannot be judged: ")
    assert "no residence status is recorded" in found.problem


def test_one_read_event_for_a_persons_matches(jc):
    vacancy(jc)
    person = electrician(jc)
    before = AuditEvent.objects.count()
    matches_for_person(actor=jc, person=person)
    events = list(AuditEvent.objects.order_by("pk")[before:])
    assert [e.event_type for e in events] == [EventType.PERSON_DATA_READ]
    assert events[0].purpose == Purpose.MATCHING


def test_a_vacancys_candidates_are_persons_the_office_may_see(jc):
    job = vacancy(jc)
    mine = electrician(jc)
    other_kreis = UserFactory(
        office=reference_office(JOBCENTER_LUDWIGSBURG), roles=[Role.CASEWORKER]
    )
    electrician(other_kreis, given_names="Karim")
    found = candidates_for_vacancy(actor=jc, vacancy=job)
    assert [r.person for r in found.results] == [mine]
    event = AuditEvent.objects.filter(action=ListRead.MATCHES).get()
    assert event.persons == [str(mine.pk)]


def test_codes_for_the_engine():
    assert kldb5("26212") == "26212"
    assert kldb5("262") == "26202"
    assert kldb5("26") is None


def test_the_vacancy_record(jc):
    record = vacancy_record(vacancy(jc, german_firm=True, driving_licence="B", shift_work=True))
    assert record is not None
    assert record.code == "26212"
    assert record.licence == "B"
    assert record.shifts
    assert {r.skill for r in record.german} == {m.Skill.LISTENING, m.Skill.SPEAKING}
    assert all(r.hard for r in record.german)
