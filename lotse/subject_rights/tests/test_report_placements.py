"""The person's report lists the placements in work or training with their steps, and every
suggestion of the platform with what a caseworker decided (a suggestion is never a decision),
in German words; printed with the headings in the person's language."""

from datetime import date

import pytest
from django.utils import timezone

from lotse.consent.form_texts import document_languages
from lotse.jobs.match_services import match_decide
from lotse.jobs.placements import placement_move
from lotse.jobs.tests.factories import employer_staff, vacancy
from lotse.jobs.tests.match_factories import electrician
from lotse.subject_rights.documents import report_html
from lotse.subject_rights.selectors import subject_report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def hired():
    jc = employer_staff()
    person = electrician(jc)
    job = vacancy(jc, title="Elektroniker/in Energie- und Gebäudetechnik")
    other = vacancy(jc, title="Lagerhelfer/in")
    match_decide(actor=jc, person=person, vacancy=other, decision="set_aside", reason="distance")
    match_decide(actor=jc, person=person, vacancy=job, decision="proposed")
    placement = person.placements.get()
    today = timezone.localdate()
    for stage in ("applied", "interview", "offer"):
        placement = placement_move(actor=jc, placement=placement, stage=stage, on=today).placement
    placement_move(
        actor=jc,
        placement=placement,
        stage="hired",
        on=today,
        start_date=date(2027, 2, 1),
        contract_type="permanent",
    )
    return jc, person


def test_the_report_lists_the_placement_and_the_decisions_on_suggestions(hired):
    jc, person = hired
    data = subject_report_data(actor=jc, person=person)
    (placement,) = data["placements"]
    assert placement["vacancy"].startswith("Elektroniker/in Energie- und Gebäudetechnik, ")
    assert placement["office"] == jc.office.name
    assert placement["start_date"] == date(2027, 2, 1)
    assert len(placement["steps"]) == 5  # proposed, applied, interview, offer, hired
    decisions = {row["vacancy"].split(",")[0]: row for row in data["match_decisions"]}
    assert decisions["Lagerhelfer/in"]["reason"] == "Weg zu weit"
    assert decisions["Lagerhelfer/in"]["decision"] == "zurückgestellt"
    assert decisions["Elektroniker/in Energie- und Gebäudetechnik"]["office"] == jc.office.name


def test_the_printed_report_shows_them_with_headings_in_the_persons_language(hired):
    jc, person = hired
    data = subject_report_data(actor=jc, person=person)
    html = report_html(
        data=data, languages=document_languages("ar"), office=jc.office, reference="Antrag"
    )
    assert "Vermittlungen in Arbeit oder Ausbildung" in html
    assert "التوظيف في عمل أو تدريب مهني" in html
    assert "Die Plattform schlägt Stellen nur vor." in html
    assert "01.02.2027" in html
    assert "Lagerhelfer/in" in html
