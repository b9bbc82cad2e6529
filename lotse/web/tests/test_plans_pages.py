# ruff: noqa: F811 - the plan fixtures (lotse/plans/tests/conftest.py) are imported as arguments
"""The plan pages as offices use them: the plan page, the goal and step forms with their
messages, the status buttons, the plan on the person page, the caseload's next plan step, the
start page's tile, the printed plan, and the plan's reads in the person's report."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.plans.documents import _page
from lotse.plans.models import Goal, Step, StepStatus
from lotse.plans.selectors import plan_get
from lotse.plans.tests.conftest import (  # noqa: F401 - fixtures
    abh,
    add_goal,
    add_step,
    agentur,
    im,
    jobcenter,
    person,
    plan_consent,
)
from lotse.plans.tests.test_step_enrolments import seat
from lotse.subject_rights.selectors import access_summary

pytestmark = pytest.mark.django_db


def plan_url(person, name: str = "web:plan") -> str:
    return reverse(name, kwargs={"person_id": person.pk})


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return unescape(response.content.decode())


@pytest.fixture
def amal_plan(person, agentur, im, add_goal, add_step):
    recognition = add_goal(
        agentur,
        person,
        text="Anerkennung als Pharmazeutisch-technische Assistentin",
        area="recognition",
    )
    german = add_goal(im, person, text="Deutsch B1 bis 06/2027")
    add_step(agentur, recognition, text="Zeugnisse übersetzen lassen")
    add_step(im, german, text="Anmeldung beim Kursträger")
    return recognition, german


def test_the_plan_page_shows_goals_owners_steps_and_the_change_list(
    client_for, jobcenter, agentur, im, person, amal_plan
):
    text = page(client_for(jobcenter), plan_url(person))
    assert "Integrationsplan" in text  # German first
    assert "Anerkennung als Pharmazeutisch-technische Assistentin" in text
    assert agentur.office.name in text
    assert "Zeugnisse übersetzen lassen" in text
    # The Integrationsmanagement's entries are announced, never described.
    assert "Deutsch B1" not in text
    assert "Anmeldung beim Kursträger" not in text
    assert f"Einträge von {im.office.name} liegen vor" in text
    assert f"Zuletzt geändert von {agentur.get_full_name()} ({agentur.office.name})" in text
    assert "Ziel hinzugefügt: Anerkennung" in text


def test_the_integrationsmanagement_sees_the_agenturs_goals_once_the_person_consents(
    client_for, im, person, amal_plan
):
    assert "Anerkennung als" not in page(client_for(im), plan_url(person))
    plan_consent(im, person, im.office, "integration_counselling")
    assert "Anerkennung als" in page(client_for(im), plan_url(person))


def test_the_auslaenderbehoerde_sees_no_goals(client_for, abh, person, amal_plan):
    text = page(client_for(abh), plan_url(person))
    assert "Anerkennung als" not in text
    assert "Deutsch B1" not in text
    assert "Keine Ziele, die Ihre Stelle sehen darf." in text


def test_another_kreis_gets_not_found(client_for, other_caseworker, person, amal_plan):
    assert client_for(other_caseworker).get(plan_url(person)).status_code == 404


def test_a_goal_without_an_owner_is_refused_with_the_input_kept(client_for, im, person):
    response = client_for(im).post(
        plan_url(person, "web:plan_goal_new"),
        {"text": "Führerschein Klasse B", "area": "participation", "owner": ""},
    )
    assert response.status_code == 422
    text = unescape(response.content.decode())
    assert "Ein Ziel braucht eine zuständige Stelle" in text
    assert 'href="#id_owner"' in text  # the error summary links to the field
    assert "Führerschein Klasse B" in text
    assert not Goal.objects.exists()


def test_a_goal_is_added_and_shown_on_the_plan(client_for, im, person):
    response = client_for(im).post(
        plan_url(person, "web:plan_goal_new"),
        {"text": "Deutsch B1", "area": "language", "owner": im.office.pk},
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert response["Location"] == plan_url(person) + f"#goal-{goal.pk}"
    assert "Deutsch B1" in page(client_for(im), plan_url(person))


def test_a_new_step_due_in_the_past_or_without_a_responsible_office_is_refused(
    client_for, im, person, add_goal
):
    goal = add_goal(im, person)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_for(im).post(
        plan_url(person, "web:plan_step_new"),
        {"goal": goal.pk, "text": "Kurs suchen", "due_on": yesterday.isoformat()},
    )
    assert response.status_code == 422
    text = unescape(response.content.decode())
    assert "Das Fälligkeitsdatum liegt in der Vergangenheit" in text
    assert "Wählen Sie die Stelle, die für den Schritt verantwortlich ist." in text
    assert 'href="#id_due_on"' in text
    assert 'value="Kurs suchen"' in text
    assert not Step.objects.exists()


def test_a_malformed_due_date_is_refused(client_for, im, person, add_goal):
    goal = add_goal(im, person)
    response = client_for(im).post(
        plan_url(person, "web:plan_step_new"),
        {"goal": goal.pk, "text": "Kurs suchen", "due_on": "31.02.", "responsible": im.office.pk},
    )
    assert response.status_code == 422
    assert not Step.objects.exists()


def test_the_responsible_office_marks_a_step_done_another_is_told_it_may_not(
    client_for, caseworker, jobcenter, agentur, person, add_goal, add_step
):
    goal = add_goal(agentur, person)
    step = add_step(jobcenter, goal, responsible=agentur.office, text="Termin bei der IHK FOSA")
    refused = client_for(caseworker).post(
        plan_url(person, "web:plan_step_status"), {"step": step.pk, "status": "done"}, follow=True
    )
    assert "Nur die für den Schritt verantwortliche Stelle" in unescape(refused.content.decode())
    assert Step.objects.get(pk=step.pk).status == StepStatus.OPEN
    done = client_for(agentur).post(
        plan_url(person, "web:plan_step_status"), {"step": step.pk, "status": "done"}, follow=True
    )
    assert "als „erledigt“ markiert" in unescape(done.content.decode())
    assert Step.objects.get(pk=step.pk).status == StepStatus.DONE


def test_only_the_recording_office_gets_the_change_forms(
    client_for, im, jobcenter, person, add_goal, add_step
):
    goal = add_goal(jobcenter, person)
    step = add_step(jobcenter, goal)
    change_goal = plan_url(person, "web:plan_goal_change")
    change_step = plan_url(person, "web:plan_step_change")
    assert client_for(jobcenter).get(change_goal, {"goal": goal.pk}).status_code == 200
    assert client_for(im).get(change_goal, {"goal": goal.pk}).status_code == 404
    assert client_for(im).get(change_step, {"step": step.pk}).status_code == 404
    later = timezone.localdate() + timedelta(days=30)
    response = client_for(jobcenter).post(
        change_step + f"?step={step.pk}",
        {"text": "Anders", "due_on": later.isoformat(), "responsible": jobcenter.office.pk},
    )
    assert response.status_code == 302
    text = page(client_for(jobcenter), plan_url(person))
    assert "Schritt geändert: Anders" in text
    assert f"{later:%d.%m.%Y}" in text


def test_the_person_page_shows_the_plan_section(client_for, jobcenter, person, amal_plan):
    text = page(client_for(jobcenter), reverse("web:person_detail", args=[person.pk]))
    assert "Anerkennung als Pharmazeutisch-technische Assistentin" in text
    assert "Nächster Schritt: Zeugnisse übersetzen lassen" in text


def test_the_caseload_shows_each_persons_next_plan_step(client_for, caseworker, person, amal_plan):
    text = page(client_for(caseworker), "/cases/")
    assert "Nächster Schritt im Integrationsplan" in text
    assert "Zeugnisse übersetzen lassen" in text  # the Agentur's (§ 69 SGB X)
    assert "Anmeldung beim Kursträger" not in text  # the Integrationsmanagement's
    listed = AuditEvent.objects.filter(action="plan.step_list", actor=caseworker).get()
    assert listed.persons == [str(person.pk)]


def test_the_start_page_shows_my_peoples_steps_this_week(
    client_for, agentur, person, amal_plan, add_step
):
    Case.objects.filter(person=person, office=agentur.office).update(responsible=agentur)
    add_step(agentur, amal_plan[0], text="Später", due_on=timezone.localdate() + timedelta(days=30))
    text = page(client_for(agentur), "/")
    assert "Nächste Schritte meiner Leute in dieser Woche" in text
    assert "Zeugnisse übersetzen lassen" in text
    assert "Später" not in text
    listed = AuditEvent.objects.filter(action="plan.step_list", actor=agentur).get()
    assert listed.persons == [str(person.pk)]
    assert listed.purpose_code == "start_page"


def test_the_printed_plan_is_german_and_the_persons_language_right_to_left(
    client_for, jobcenter, person, amal_plan
):
    response = client_for(jobcenter).get(plan_url(person, "web:plan_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="integrationsplan-de-ar.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    export = AuditEvent.objects.filter(event_type=EventType.EXPORT_CREATED).latest("pk")
    assert export.details["languages"] == ["de", "ar"]
    plan = plan_get(actor=jobcenter, person=person)
    german, arabic = _page("de", plan), _page("ar", plan)
    assert german["t"]["title"] == "Integrationsplan"
    assert arabic["dir"] == "rtl"
    assert arabic["t"]["title"] == "خطة الاندماج"
    assert arabic["goals"][0]["area"] == "الاعتراف بالمؤهلات"


@pytest.mark.parametrize("lang", ["en", "fa", "uk", "tr", "ti"])
def test_the_printed_plan_has_its_texts_in_every_document_language(jobcenter, person, lang):
    texts = _page(lang, plan_get(actor=jobcenter, person=person))["t"]
    german = _page("de", plan_get(actor=jobcenter, person=person))["t"]
    assert all(texts[key] for key in texts)
    if lang != "en":
        assert texts["title"] != german["title"]


def test_reads_of_the_plan_appear_in_the_persons_report(client_for, jobcenter, person, amal_plan):
    page(client_for(jobcenter), plan_url(person))
    lines = access_summary(person_ids=[str(person.pk)])
    plan_reads = [
        line for line in lines if line.office == jobcenter.office.name and "plan" in line.categories
    ]
    assert plan_reads
    assert any(line.kind == "read" for line in plan_reads)


def test_a_step_is_linked_to_the_persons_course_enrolment_and_the_plan_names_the_course(
    client_for, jobcenter, person, add_goal
):

    enrolment = seat(person, jobcenter)
    goal = add_goal(jobcenter, person, text="Deutsch B1")
    client = client_for(jobcenter)
    form = page(client, plan_url(person, "web:plan_step_new"), goal=goal.pk)
    assert "Kursanmeldung, die diesem Schritt dient (optional)" in form
    assert "VHS Tübingen" in form
    response = client.post(
        plan_url(person, "web:plan_step_new") + f"?goal={goal.pk}",
        {
            "goal": goal.pk,
            "text": "Kursbeginn begleiten",
            "due_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
            "responsible": jobcenter.office.pk,
            "enrolment": enrolment.pk,
        },
    )
    assert response.status_code == 302
    step = Step.objects.get(goal=goal)
    assert step.enrolment == enrolment
    text = page(client, plan_url(person))
    assert "Kurs: " in text
    assert "VHS Tübingen" in text
    assert reverse("web:enrolment_detail", args=[enrolment.pk]) in text
