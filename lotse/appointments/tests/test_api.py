"""The appointments API: a joint appointment with an interpreter made by JSON, the refusal as
422 with the field, my week, the attendance."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.appointments.models import Appointment
from lotse.appointments.tests.conftest import working_day
from lotse.cases.models import FollowUp

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_joint_appointment_by_the_api(client_for, jobcenter, im, amal, arabic):
    client = client_for(jobcenter)
    start = working_day()
    url = f"/api/v1/persons/{amal.pk}/appointments"
    response = post(
        client,
        url,
        {
            "kind": "counselling",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "place": "Jobcenter Tübingen",
            "offices": [im.office.code],
            "interpreter_language": "ar",
            "interpreter": arabic.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["offices"] == [im.office.code]
    assert body["interpreter"] == {"language": "ar", "interpreter": arabic.pk, "status": "booked"}
    listed = client_for(im).get(url).json()
    assert [row["id"] for row in listed] == [body["id"]]
    week = client.get(f"/api/v1/appointments?week={start.date().isoformat()}").json()
    assert week["count"] == 1


def test_a_holiday_is_refused_with_the_field(client_for, jobcenter, amal):
    year = timezone.localdate().year + 1
    response = post(
        client_for(jobcenter),
        f"/api/v1/persons/{amal.pk}/appointments",
        {
            "starts_at": f"{year}-12-25T10:00:00+01:00",
            "ends_at": f"{year}-12-25T11:00:00+01:00",
            "place": "Raum 1",
        },
    )
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", "starts_at"]
    assert "Feiertag in Baden-Württemberg" in item["msg"]


def test_attendance_by_the_api(client_for, jobcenter, amal):
    past = timezone.now() - timedelta(hours=2)
    row = Appointment.objects.create(
        person=amal,
        kind="counselling",
        starts_at=past,
        ends_at=past + timedelta(hours=1),
        place="Raum 1",
        office=jobcenter.office,
        organiser=jobcenter,
    )
    response = post(
        client_for(jobcenter), f"/api/v1/appointments/{row.pk}/attendance", {"attended": False}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "missed"
    assert FollowUp.objects.filter(case__person=amal).exists()
