"""Courses and enrolments in the API: the same services, the same refusals (422 with the field
and the message)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.courses.models import Enrolment
from lotse.courses.services import enrolment_create
from lotse.courses.tests.factories import CourseFactory, course_type, departed, place, refugee
from lotse.organisations.tests.personas import LUDWIGSBURG
from lotse.people.models import PersonLanguage

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_catalogue_with_filters(caseworker, client_for):
    CourseFactory(provider="VHS Tübingen", childcare=True)
    CourseFactory(provider="Sprachwerk", course_type=course_type("perf"))
    CourseFactory(provider="Fernschule", gemeinde=place(LUDWIGSBURG, "Ludwigsburg"))
    client = client_for(caseworker)
    items = client.get("/api/v1/courses").json()["items"]
    assert sorted(i["provider"] for i in items) == ["Sprachwerk", "VHS Tübingen"]
    items = client.get("/api/v1/courses?childcare=true").json()["items"]
    assert [i["provider"] for i in items] == ["VHS Tübingen"]
    assert items[0]["teaching_units"] == 700
    assert items[0]["admission_question"] == "integration_course"
    items = client.get("/api/v1/courses?type=perf").json()["items"]
    assert [i["provider"] for i in items] == ["Sprachwerk"]
    assert client.get("/api/v1/courses?type=nonsense").json()["items"] == []


def test_enrol_refused_by_the_rules_is_422_with_the_reason(caseworker, client_for):
    course = CourseFactory()
    person = departed(caseworker)
    response = _post(
        client_for(caseworker),
        "/api/v1/enrolments",
        {"person": str(person.pk), "course": course.pk},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["body", "person"]
    assert "do not admit" in detail[0]["msg"] or "nicht zugelassen" in detail[0]["msg"]
    assert not Enrolment.objects.exists()


def test_enrol_attendance_exam_and_the_persons_list(caseworker, client_for):
    course = CourseFactory(starts_on=TODAY - timedelta(days=30), ends_on=TODAY + timedelta(days=90))
    person = refugee(caseworker, title_on=TODAY - timedelta(days=100))
    client = client_for(caseworker)
    response = _post(client, "/api/v1/enrolments", {"person": str(person.pk), "course": course.pk})
    assert response.status_code == 201, response.content
    enrolment = response.json()
    assert enrolment["state"] == "enrolled"
    assert enrolment["admission"] == "entitled"
    assert enrolment["entitled_since_from_rules"] is True
    assert enrolment["reasons"]
    url = f"/api/v1/enrolments/{enrolment['id']}"
    bad = _post(
        client,
        url + "/attendance",
        {"week": TODAY.isoformat(), "units_planned": 10, "units_attended": 12},
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "units_attended"]
    week = (TODAY - timedelta(days=7)).isoformat()
    ok = _post(
        client, url + "/attendance", {"week": week, "units_planned": 20, "units_attended": 18}
    )
    assert ok.status_code == 201
    exam = _post(
        client, url + "/exam-results", {"exam": "dtz", "taken_on": TODAY.isoformat(), "level": "B1"}
    )
    assert exam.status_code == 201
    assert PersonLanguage.objects.get(person=person).source == "dtz"
    detail = client.get(url).json()
    assert detail["attendance_weeks"][0]["units_attended"] == 18
    assert detail["exam_results"][0]["level"] == "B1"
    listed = client.get(f"/api/v1/persons/{person.pk}/enrolments").json()
    assert [e["id"] for e in listed] == [enrolment["id"]]


def test_another_kreis_gets_404(caseworker, other_caseworker, client_for):
    course = CourseFactory()
    enrolment = enrolment_create(actor=caseworker, person=refugee(caseworker), course=course)
    client = client_for(other_caseworker)
    assert client.get(f"/api/v1/courses/{course.pk}").status_code == 404
    assert client.get(f"/api/v1/enrolments/{enrolment.pk}").status_code == 404
    response = _post(
        client,
        f"/api/v1/enrolments/{enrolment.pk}/attendance",
        {"week": TODAY.isoformat(), "units_planned": 1, "units_attended": 1},
    )
    assert response.status_code == 404


def test_planners_may_not_enrol(planner, caseworker, client_for):
    course = CourseFactory()
    person = refugee(caseworker)
    response = _post(
        client_for(planner), "/api/v1/enrolments", {"person": str(person.pk), "course": course.pk}
    )
    assert response.status_code == 403
