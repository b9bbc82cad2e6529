# ruff: noqa: F811 - the plan fixtures (conftest.py) are imported as arguments
"""Case conferences on the shared plan: recorded by an office with the offices at the table, the
school only with the person's consent, corrections as new rows; read like the plan; the page and
the API with their messages."""

import json
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.plans.conferences import ConferenceInput, case_conference_record, case_conferences_of
from lotse.plans.models import CaseConference
from lotse.plans.tests.conftest import plan_consent

pytestmark = pytest.mark.django_db


def conference(actor, person, **overrides) -> CaseConference:
    values: dict[str, Any] = {
        "held_on": timezone.localdate(),
        "offices": [actor.office],
        "agreed": "VABO ab September, danach Einstiegsqualifizierung",
    }
    values.update(overrides)
    return case_conference_record(actor=actor, person=person, data=ConferenceInput(**values))


def test_an_office_records_a_conference_with_the_school_by_consent(person, agentur, jobcenter, im):
    row = conference(
        agentur,
        person,
        offices=[agentur.office, jobcenter.office, im.office],
        other_participants="Gewerbliche Schule Tübingen (Klassenlehrerin)",
        external_consent=True,
        person_present=True,
        interpreter_language="ti",
    )
    assert row.recorded_by == agentur.office
    assert set(row.offices.all()) == {agentur.office, jobcenter.office, im.office}
    assert row.external_consent
    event = AuditEvent.objects.filter(event_type=EventType.CASE_CONFERENCE_RECORDED).get()
    assert event.purpose == "case_conference"
    assert event.details["external_consent"] is True


def test_the_school_without_consent_is_refused(person, agentur):
    with pytest.raises(ValidationError) as exc:
        conference(agentur, person, other_participants="Gewerbliche Schule Tübingen")
    assert "external_consent" in exc.value.message_dict
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"offices": []}, "offices"),
        ({"agreed": ""}, "agreed"),
        ({"agreed": "x" * 2001}, "agreed"),
        ({"other_participants": "x" * 301, "external_consent": True}, "other_participants"),
        ({"held_on": timezone.localdate() + timedelta(days=1)}, "held_on"),
        ({"interpreter_language": "ti"}, "interpreter_language"),  # person not present
        ({"interpreter_language": "xx", "person_present": True}, "interpreter_language"),
    ],
)
def test_bad_input_is_named(person, agentur, overrides, field):
    with pytest.raises(ValidationError) as exc:
        conference(agentur, person, **overrides)
    assert field in exc.value.message_dict


def test_offices_of_another_kreis_are_refused(person, agentur):
    from lotse.organisations.tests.factories import reference_office

    with pytest.raises(ValidationError) as exc:
        conference(agentur, person, offices=[reference_office("jc-ludwigsburg-08118")])
    assert "offices" in exc.value.message_dict


def test_a_correction_is_a_new_row_and_only_the_recording_office_corrects(
    person, agentur, jobcenter
):
    first = conference(agentur, person)
    with pytest.raises(PermissionDenied):
        case_conference_record(
            actor=jobcenter,
            person=person,
            data=ConferenceInput(
                held_on=first.held_on, offices=[jobcenter.office], agreed="anders"
            ),
            replaces=first,
        )
    second = case_conference_record(
        actor=agentur,
        person=person,
        data=ConferenceInput(held_on=first.held_on, offices=[agentur.office], agreed="korrigiert"),
        replaces=first,
    )
    first.refresh_from_db()
    assert first.replaced_by == second
    assert first.agreed.startswith("VABO")
    read = case_conferences_of(actor=agentur, person=person)
    assert [v.conference for v in read.current] == [second]
    assert read.current[0].earlier == [first]


def test_readers_of_the_plan_see_them_the_im_only_with_consent(person, agentur, jobcenter, im):
    conference(agentur, person)
    assert len(case_conferences_of(actor=jobcenter, person=person).current) == 1  # by statute
    hidden = case_conferences_of(actor=im, person=person)
    assert hidden.current == []
    assert hidden.hidden_offices == [agentur.office.name]
    plan_consent(im, person, im.office, "integration_counselling")
    seen = case_conferences_of(actor=im, person=person)  # purpose: case conference
    assert len(seen.current) == 1


# --- the page ---------------------------------------------------------------------------------


def url(person, name="web:plan_conference_new"):
    return reverse(name, kwargs={"person_id": person.pk})


def test_the_form_asks_for_consent_without_a_ticked_box(client_for, person, agentur):
    response = client_for(agentur).get(url(person))
    assert response.status_code == 200
    text = unescape(response.content.decode())
    assert "external_consent" in text
    box = text[
        text.index('name="external_consent"') - 200 : text.index('name="external_consent"') + 80
    ]
    assert "checked" not in box


def test_recording_from_the_page_and_the_plan_lists_it(client_for, person, agentur, jobcenter):
    client = client_for(agentur)
    bad = client.post(
        url(person),
        {
            "held_on": timezone.localdate().isoformat(),
            "offices": [agentur.office.pk, jobcenter.office.pk],
            "other_participants": "Gewerbliche Schule Tübingen",
            "agreed": "VABO ab September",
        },
    )
    assert bad.status_code == 422
    assert "consent" in bad.content.decode()
    assert not CaseConference.objects.exists()
    good = client.post(
        url(person),
        {
            "held_on": timezone.localdate().isoformat(),
            "offices": [agentur.office.pk, jobcenter.office.pk],
            "other_participants": "Gewerbliche Schule Tübingen",
            "external_consent": "on",
            "person_present": "on",
            "interpreter_language": "ti",
            "agreed": "VABO ab September",
        },
    )
    assert good.status_code == 302
    plan = unescape(client_for(jobcenter).get(url(person, "web:plan")).content.decode())
    assert "VABO ab September" in plan
    assert "Gewerbliche Schule Tübingen" in plan
    assert "Tigrinya" in plan


# --- the API ----------------------------------------------------------------------------------


def api_url(person):
    return f"/api/v1/persons/{person.pk}/plan/conferences"


def test_the_api_lists_and_creates_with_messages(client_for, person, agentur, jobcenter):
    client = client_for(agentur)
    payload = {
        "held_on": timezone.localdate().isoformat(),
        "offices": [agentur.office.code, jobcenter.office.code],
        "other_participants": "Gewerbliche Schule Tübingen",
        "agreed": "VABO ab September",
    }
    refused = client.post(api_url(person), json.dumps(payload), content_type="application/json")
    assert refused.status_code == 422
    assert "external_consent" in refused.content.decode()
    payload["external_consent"] = True
    made = client.post(api_url(person), json.dumps(payload), content_type="application/json")
    assert made.status_code == 201, made.content
    listed = client_for(jobcenter).get(api_url(person)).json()
    assert [c["agreed"] for c in listed["conferences"]] == ["VABO ab September"]
    too_long = {**payload, "agreed": "x" * 2001}
    answer = client.post(api_url(person), json.dumps(too_long), content_type="application/json")
    assert answer.status_code == 422
