# ruff: noqa: F811 - the plan fixtures (lotse/plans/tests/conftest.py) are imported as arguments
"""The integration plan through the JSON API: the same services, policy and messages as the
pages."""

import json
from datetime import timedelta

from django.utils import timezone

from lotse.plans.models import Goal, Step, StepStatus
from lotse.plans.tests.conftest import (  # noqa: F401 - fixtures
    abh,
    add_goal,
    add_step,
    agentur,
    im,
    jobcenter,
    person,
)


def _send(client, method: str, url: str, body: dict):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def _fields(response) -> dict[str, str]:
    """{field: message} of a 422 answer (the last part of each item's loc)."""
    return {item["loc"][-1]: item["msg"] for item in response.json()["detail"] if item["loc"]}


def test_get_the_plan_as_far_as_the_office_may_see_it(
    client_for, jobcenter, agentur, im, person, add_goal, add_step
):
    goal = add_goal(agentur, person, text="Anerkennung als PTA", area="recognition")
    add_step(agentur, goal, text="Zeugnisse übersetzen")
    add_goal(im, person, text="Deutsch B1")
    response = client_for(jobcenter).get(f"/api/v1/persons/{person.pk}/plan")
    assert response.status_code == 200
    plan = response.json()
    assert [g["text"] for g in plan["goals"]] == ["Anerkennung als PTA"]
    assert plan["goals"][0]["owner"] == agentur.office.code
    assert [s["text"] for s in plan["goals"][0]["steps"]] == ["Zeugnisse übersetzen"]
    assert plan["hidden_offices"] == [im.office.name]
    assert "Deutsch B1" not in response.content.decode()
    assert plan["changes"][0]["office"] == agentur.office.code


def test_another_kreis_gets_not_found(client_for, other_caseworker, person):
    response = client_for(other_caseworker).get(f"/api/v1/persons/{person.pk}/plan")
    assert response.status_code == 404


def test_post_a_goal_and_a_step_and_mark_it_done(client_for, im, person):
    client = client_for(im)
    created = _send(
        client,
        "POST",
        f"/api/v1/persons/{person.pk}/plan/goals",
        {"text": "Deutsch B1", "area": "language", "owner": im.office.code},
    )
    assert created.status_code == 201, created.content
    goal = created.json()
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    step = _send(
        client,
        "POST",
        f"/api/v1/persons/{person.pk}/plan/steps",
        {"goal": goal["id"], "text": "Kurs suchen", "due_on": due, "responsible": im.office.code},
    )
    assert step.status_code == 201, step.content
    done = _send(
        client,
        "PATCH",
        f"/api/v1/persons/{person.pk}/plan/steps/{step.json()['id']}",
        {"status": "done"},
    )
    assert done.status_code == 200
    assert done.json()["status"] == "done"
    assert Step.objects.get().status == StepStatus.DONE


def test_a_goal_without_an_owner_is_refused_with_the_field_and_its_message(client_for, im, person):
    response = _send(
        client_for(im),
        "POST",
        f"/api/v1/persons/{person.pk}/plan/goals",
        {"text": "Deutsch B1", "area": "language"},
    )
    assert response.status_code == 422
    assert "Ein Ziel braucht eine zuständige Stelle" in _fields(response)["owner"]
    assert not Goal.objects.exists()


def test_a_text_too_long_and_a_malformed_due_date_are_refused(client_for, im, person, add_goal):
    client = client_for(im)
    too_long = _send(
        client,
        "POST",
        f"/api/v1/persons/{person.pk}/plan/goals",
        {"text": "x" * 301, "area": "language", "owner": im.office.code},
    )
    assert too_long.status_code == 422
    assert "text" in _fields(too_long)
    goal = add_goal(im, person)
    malformed = _send(
        client,
        "POST",
        f"/api/v1/persons/{person.pk}/plan/steps",
        {"goal": goal.pk, "text": "Kurs", "due_on": "31.12.2026", "responsible": im.office.code},
    )
    assert malformed.status_code == 422
    assert "due_on" in _fields(malformed)
    past = _send(
        client,
        "POST",
        f"/api/v1/persons/{person.pk}/plan/steps",
        {
            "goal": goal.pk,
            "text": "Kurs",
            "due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert past.status_code == 422
    assert "Das Fälligkeitsdatum liegt in der Vergangenheit" in _fields(past)["due_on"]
    assert "Wählen Sie die Stelle, die für den Schritt" in _fields(past)["responsible"]
    assert not Step.objects.exists()


def test_a_step_of_a_goal_the_office_may_not_see_is_refused(
    client_for, im, jobcenter, person, add_goal
):
    goal = add_goal(jobcenter, person)
    response = _send(
        client_for(im),
        "POST",
        f"/api/v1/persons/{person.pk}/plan/steps",
        {
            "goal": goal.pk,
            "text": "Kurs",
            "due_on": timezone.localdate().isoformat(),
            "responsible": im.office.code,
        },
    )
    assert response.status_code == 422
    assert "goal" in _fields(response)


def test_only_the_responsible_or_recording_office_sets_a_steps_status(
    client_for, caseworker, agentur, person, add_goal, add_step
):
    step = add_step(agentur, add_goal(agentur, person))
    response = _send(
        client_for(caseworker),
        "PATCH",
        f"/api/v1/persons/{person.pk}/plan/steps/{step.pk}",
        {"status": "done"},
    )
    assert response.status_code == 403
    assert Step.objects.get().status == StepStatus.OPEN


def test_a_step_names_its_course_enrolment_and_another_persons_is_refused(
    client_for, caseworker, jobcenter, im, person, add_goal
):
    from lotse.people.tests.factories import register
    from lotse.plans.tests.test_step_enrolments import seat

    goal = add_goal(jobcenter, person)
    url = f"/api/v1/persons/{person.pk}/plan/steps"
    body = {
        "goal": goal.pk,
        "text": "Kursbeginn begleiten",
        "due_on": timezone.localdate().isoformat(),
        "responsible": jobcenter.office.code,
    }
    client = client_for(jobcenter)
    enrolment = seat(person, jobcenter)
    created = _send(client, "POST", url, {**body, "enrolment": enrolment.pk})
    assert created.status_code == 201, created.content
    assert created.json()["enrolment"] == enrolment.pk
    other = seat(register(caseworker, family_name="Andere"), jobcenter)
    refused = _send(client, "POST", url, {**body, "enrolment": other.pk})
    assert refused.status_code == 422
    assert "enrolment" in _fields(refused)
    hidden = _send(client, "POST", url, {**body, "enrolment": seat(person, im).pk})
    assert hidden.status_code == 422
    assert "enrolment" in _fields(hidden)
    assert Step.objects.filter(goal=goal).count() == 1
