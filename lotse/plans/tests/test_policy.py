"""Who sees which goals and steps: between benefit bodies by statute (§ 69 SGB X), the
Integrationsmanagement with the person's consent, the Ausländerbehörde not, another Kreis
nothing. Hidden entries are announced by office, never described."""

import pytest
from django.http import Http404

from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.plans.selectors import next_steps, plan_get
from lotse.plans.tests.conftest import plan_consent


def texts(plan) -> set[str]:
    return {view.goal.text for view in plan.goals}


@pytest.fixture
def goals(person, agentur, im, add_goal, add_step):
    recognition = add_goal(agentur, person, text="Anerkennung als PTA", area="recognition")
    german = add_goal(im, person, text="Deutsch B1 bis 06/2027")
    add_step(agentur, recognition, text="Unterlagen übersetzen lassen")
    add_step(im, german, text="Kursträger anrufen")
    return recognition, german


def test_the_jobcenter_sees_the_agenturs_goals_but_not_the_integrationsmanagements(
    person, jobcenter, agentur, im, goals
):
    plan = plan_get(actor=jobcenter, person=person)
    assert texts(plan) == {"Anerkennung als PTA"}
    assert plan.hidden_offices == [im.office.name]
    assert [v.step.text for v in plan.goals[0].steps] == ["Unterlagen übersetzen lassen"]
    read = AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, actor=jobcenter, categories=["plan"]
    ).latest("pk")
    assert read.legal_bases == [{"code": "sgb_x_69"}]
    refusal = AuditEvent.objects.filter(outcome=Outcome.DENIED, actor=jobcenter).latest("pk")
    assert refusal.details == {"owner": im.office.code}


def test_the_integrationsmanagement_sees_the_agenturs_goals_only_with_consent(
    person, im, agentur, goals
):
    assert texts(plan_get(actor=im, person=person)) == {"Deutsch B1 bis 06/2027"}
    consent = plan_consent(im, person, im.office, "integration_counselling")
    plan = plan_get(actor=im, person=person)
    assert texts(plan) == {"Deutsch B1 bis 06/2027", "Anerkennung als PTA"}
    assert plan.hidden_offices == []
    read = AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, actor=im, categories=["plan"]
    ).latest("pk")
    assert {"code": "consent", "consent": consent.pk, "given_on": str(consent.given_on)} in (
        read.legal_bases
    )


def test_the_auslaenderbehoerde_sees_no_other_offices_goals(person, abh, agentur, im, goals):
    plan = plan_get(actor=abh, person=person)
    assert plan.goals == []
    assert plan.hidden_offices == sorted([agentur.office.name, im.office.name])
    assert next_steps(actor=abh, persons=[person]) == {}


def test_another_kreis_sees_nothing_not_even_that_the_person_exists(
    person, other_caseworker, goals
):
    with pytest.raises(Http404):
        plan_get(actor=other_caseworker, person=person)
    assert next_steps(actor=other_caseworker, persons=[person]) == {}


def test_next_steps_gives_each_persons_next_visible_step(
    person, caseworker, jobcenter, agentur, im, goals, add_goal, add_step
):
    from datetime import timedelta

    from django.utils import timezone

    sooner = add_step(im, goals[1], text="Früher, aber verborgen", due_on=timezone.localdate())
    steps = next_steps(actor=jobcenter, persons=[person])
    assert steps[str(person.pk)].text == "Unterlagen übersetzen lassen"
    assert next_steps(actor=im, persons=[person])[str(person.pk)] == sooner
    later = timezone.localdate() + timedelta(days=1)
    own = add_step(jobcenter, goals[0], text="Eigener Schritt", due_on=later)
    assert next_steps(actor=jobcenter, persons=[person])[str(person.pk)] == own
    listed = AuditEvent.objects.filter(action="plan.step_list", actor=jobcenter).latest("pk")
    assert listed.persons == [str(person.pk)]
