"""A closed case is read, not changed (no forms; a POST answers 409 and changes nothing), and an
office that handed a person over is told so on the person's page instead of "not found"."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case, CaseStatus, FollowUp, Note
from lotse.cases.referrals import referral_accept, referral_close, referral_request
from lotse.cases.services import case_close, follow_up_add
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobcenter():
    return UserFactory(
        username="jc-tue", office=reference_office("jc-tubingen-08416"), roles=[Role.CASEWORKER]
    )


@pytest.fixture
def amal(caseworker):
    return register(caseworker)


@pytest.fixture
def closed(caseworker, amal):
    case = Case.objects.get(person=amal, office=caseworker.office)
    follow_up_add(actor=caseworker, case=case, due_on=timezone.localdate(), title="Anruf")
    return case_close(actor=caseworker, case=case, reason="weggezogen")


def test_a_closed_case_shows_no_editing_forms(caseworker, closed, client_for):
    page = client_for(caseworker).get(f"/cases/{closed.pk}/").content.decode()
    assert "Dieser Fall ist abgeschlossen" in page
    for action in ("notes/", "follow-ups/", "close/", "referrals/new/", "/done/"):
        assert f"/cases/{closed.pk}/{action}" not in page
    assert 'name="summary"' not in page
    assert 'name="text"' not in page


def test_a_post_to_a_closed_case_answers_409_and_changes_nothing(caseworker, closed, client_for):
    client = client_for(caseworker)
    follow_up = FollowUp.objects.get(case=closed)
    before = AuditEvent.objects.filter(event_type=EventType.CASE_CHANGED).count()
    posts = {
        f"/cases/{closed.pk}/": {"version": closed.version, "summary": "neu"},
        f"/cases/{closed.pk}/notes/": {"text": "noch etwas", "visibility": "office"},
        f"/cases/{closed.pk}/follow-ups/": {"due_on": "2027-01-01", "title": "wieder"},
        f"/cases/{closed.pk}/follow-ups/{follow_up.pk}/done/": {},
        f"/cases/{closed.pk}/close/": {"reason": "nochmals"},
        f"/cases/{closed.pk}/referrals/new/": {"purpose": "x"},
    }
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 409, url
        assert "Dieser Fall ist abgeschlossen" in response.content.decode()
        assert "Es kann nichts mehr geändert oder ergänzt werden" in response.content.decode()
    closed.refresh_from_db()
    assert closed.summary == ""
    assert closed.closed_reason == "weggezogen"
    assert not Note.objects.filter(case=closed).exists()
    assert FollowUp.objects.filter(case=closed).count() == 1
    assert FollowUp.objects.get(pk=follow_up.pk).done_at is None
    assert AuditEvent.objects.filter(event_type=EventType.CASE_CHANGED).count() == before


def hand_over(sender, receiver, person):
    case = Case.objects.get(person=person, office=sender.office, status=CaseStatus.OPEN)
    referral = referral_request(
        actor=sender,
        case=case,
        to_office=receiver.office,
        kind="transfer",
        purpose="Rechtskreiswechsel",
        categories=[],
        respond_by=timezone.localdate() + timedelta(days=7),
    )
    referral_accept(actor=receiver, referral=referral)
    return referral_close(actor=receiver, referral=referral, outcome="übernommen")


def test_the_office_that_handed_over_is_told_so(caseworker, jobcenter, amal, client_for):
    referral = hand_over(caseworker, jobcenter, amal)
    response = client_for(caseworker).get(f"/persons/{amal.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    day = timezone.localtime(referral.from_case.closed_at).date()
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
    months += ["September", "Oktober", "November", "Dezember"]
    office = jobcenter.office.name  # "Jobcenter Landkreis Tübingen"
    expected = f"An das {office} übergeben am {day.day}. {months[day.month - 1]} {day.year}"
    assert expected in page
    assert "Ihr Fall ist abgeschlossen." in page
    assert f"/cases/{referral.from_case_id}/" in page
    # nothing of the person's current record: no forms, no identifiers, no status
    assert "<form" not in page.split("<main", 1)[-1].split("</main>", 1)[0]
    # the refusal and the page are both in the audit trail
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=caseworker, object_id=str(amal.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ,
        actor=caseworker,
        person_id=str(amal.pk),
        purpose="hand-over completed",
    ).exists()
    # the closed case says it too
    case_page = client_for(caseworker).get(f"/cases/{referral.from_case_id}/").content.decode()
    assert "Ihr Fall ist abgeschlossen." in case_page


def test_a_record_never_held_still_answers_404(
    caseworker, other_caseworker, jobcenter, amal, client_for
):
    hand_over(caseworker, jobcenter, amal)
    assert client_for(other_caseworker).get(f"/persons/{amal.pk}/").status_code == 404
    stranger = register(jobcenter)
    assert client_for(caseworker).get(f"/persons/{stranger.pk}/").status_code == 404


def test_the_api_answers_409_for_a_closed_case(caseworker, closed, client_for):
    client = client_for(caseworker)
    calls = [
        ("patch", f"/api/v1/cases/{closed.pk}", {"version": closed.version, "summary": "neu"}),
        ("post", f"/api/v1/cases/{closed.pk}/notes", {"text": "x", "visibility": "office"}),
        ("post", f"/api/v1/cases/{closed.pk}/follow-ups", {"due_on": "2027-01-01", "title": "x"}),
    ]
    for method, url, body in calls:
        response = getattr(client, method)(
            url, data=json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 409, (url, response.content)
        assert "abgeschlossen" in response.json()["detail"]
    assert not Note.objects.filter(case=closed).exists()
    assert FollowUp.objects.filter(case=closed).count() == 1
