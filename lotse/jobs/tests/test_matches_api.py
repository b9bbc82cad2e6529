"""Suggested matches in the API: a person's vacancies and a vacancy's candidates with score,
reasons and work-access mark; a decision recorded (201) or refused with the field and the
message (422), nothing stored half."""

import json

import pytest

from lotse.courses.tests.factories import place
from lotse.jobs.match_models import MatchDecision
from lotse.jobs.tests.factories import employer, employer_staff, vacancy
from lotse.jobs.tests.match_factories import DULDUNG_NO_WORK, electrician, record_status
from lotse.organisations.tests.personas import LUDWIGSBURG

pytestmark = pytest.mark.django_db
CHOOSE = "Choose whether the vacancy was proposed or set aside."
DESCRIBE = "Describe the other reason in the note."
ONLY_SET_ASIDE = "A reason is given only when the suggestion is set aside."


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def jc():
    return employer_staff()


def test_a_persons_matches(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    answer = client_for(jc).get(f"/api/v1/persons/{person.pk}/matches")
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["problem"] == ""
    assert data["count"] == 1
    result = data["results"][0]
    assert result["vacancy"] == job.pk
    assert result["access"]["answer"] == "free"
    assert result["access"]["paragraphs"]
    assert {"occupation", "experience", "distance"} <= {r["code"] for r in result["reasons"]}
    assert round(sum(r["points"] for r in result["reasons"]), 1) == pytest.approx(
        result["score"], abs=0.15
    )


def test_nothing_for_a_person_who_may_not_work(jc, client_for):
    vacancy(jc)
    person = electrician(jc, status=None)
    record_status(person, DULDUNG_NO_WORK)
    data = client_for(jc).get(f"/api/v1/persons/{person.pk}/matches").json()
    assert data["results"] == []


def test_a_vacancys_candidates_only_for_the_office_that_places(jc, caseworker, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    data = client_for(jc).get(f"/api/v1/vacancies/{job.pk}/candidates").json()
    assert [r["person"] for r in data["results"]] == [str(person.pk)]
    assert client_for(caseworker).get(f"/api/v1/vacancies/{job.pk}/candidates").status_code == 403


def test_record_and_replace_a_decision(jc, client_for):
    job = vacancy(jc)
    person = electrician(jc)
    client = client_for(jc)
    url = f"/api/v1/persons/{person.pk}/matches/decisions"
    first = _post(client, url, {"vacancy": job.pk, "decision": "proposed"})
    assert first.status_code == 201, first.content
    assert first.json()["decision_label"] == "der Person vorgeschlagen"
    second = _post(client, url, {"vacancy": job.pk, "decision": "set_aside", "reason": "taken"})
    assert second.status_code == 201
    assert MatchDecision.objects.get(pk=first.json()["id"]).replaced_by_id == second.json()["id"]
    data = client.get(f"/api/v1/persons/{person.pk}/matches").json()
    assert data["results"][0]["decision"]["reason"] == "taken"
    assert [d["decision"] for d in data["results"][0]["earlier_decisions"]] == ["proposed"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"decision": "maybe"},
            "decision",
            "Choose whether the vacancy was proposed or set aside.",
        ),
        ({"decision": "set_aside"}, "reason", "Say why the suggestion is set aside."),
        ({"decision": "set_aside", "reason": "weather"}, "reason", "Unknown reason."),
        (
            {"decision": "set_aside", "reason": "other"},
            "note",
            "Describe the other reason in the note.",
        ),
        (
            {"decision": "proposed", "reason": "hours"},
            "reason",
            "A reason is given only when the suggestion is set aside.",
        ),
        (
            {"decision": "set_aside", "reason": "other", "note": "x" * 501},
            "note",
            "At most 500 characters (now 501).",
        ),
    ],
)
def test_bad_input_is_refused_with_field_and_message(jc, client_for, body, field, message):
    job = vacancy(jc)
    person = electrician(jc)
    client = client_for(jc)
    client.cookies["django_language"] = "en"
    answer = _post(
        client, f"/api/v1/persons/{person.pk}/matches/decisions", {"vacancy": job.pk, **body}
    )
    assert answer.status_code == 422, answer.content
    items = answer.json()["detail"]
    assert {"loc": ["body", field], "msg": message, "type": "refused"} in items
    assert not MatchDecision.objects.exists()


def test_a_vacancy_of_another_kreis_is_refused(jc, client_for):
    person = electrician(jc)
    other = employer_staff("jc-ludwigsburg-08118")

    far = vacancy(
        other,
        of=employer(other, name="Fernbetrieb", gemeinde=place(LUDWIGSBURG, "Ludwigsburg")),
        gemeinde=place(LUDWIGSBURG, "Ludwigsburg"),
    )
    answer = _post(
        client_for(jc),
        f"/api/v1/persons/{person.pk}/matches/decisions",
        {"vacancy": far.pk, "decision": "set_aside", "reason": "distance"},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "vacancy"]
    assert not MatchDecision.objects.exists()
