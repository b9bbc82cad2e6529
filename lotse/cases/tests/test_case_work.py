"""Case work: caseload, follow-ups, notes, concurrent edits and reassignment."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import english
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.cases.services import follow_up_add
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register


@pytest.fixture
def case(caseworker):
    return Case.objects.get(person=register(caseworker))


def test_caseload_puts_due_follow_ups_first(caseworker, case, client_for):
    other = Case.objects.get(
        person=register(caseworker, family_name="Rahimi", given_names="Ali", original=None)
    )
    follow_up_add(actor=caseworker, case=other, due_on=timezone.localdate(), title="call back")
    html = english(client_for(caseworker)).get("/cases/", {"due": "1"}).content.decode()
    assert "Rahimi" in html
    assert "Al-Hassan" not in html


def test_concurrent_edits_never_lose_an_update(caseworker, team_lead, case, client_for):
    first, second = english(client_for(caseworker)), english(client_for(team_lead))
    version = case.version
    first.post(
        f"/cases/{case.pk}/", {"version": version, "summary": "apply for SGB II", "responsible": ""}
    )
    response = second.post(
        f"/cases/{case.pk}/",
        {"version": version, "summary": "book a language course", "responsible": ""},
    )
    html = response.content.decode()
    assert "changed this case meanwhile" in html
    assert "apply for SGB II" in html  # the other person's version is shown
    assert "book a language course" in html  # and the own entry is kept in the form
    case.refresh_from_db()
    assert case.summary == "apply for SGB II"
    assert AuditEvent.objects.filter(event_type=EventType.CASE_EDIT_CONFLICT).exists()


def test_team_lead_reassigns_cases_in_bulk(caseworker, team_lead, case, client_for):
    colleague = UserFactory(username="colleague", office=caseworker.office, roles=[Role.CASEWORKER])
    response = client_for(team_lead).post(
        "/cases/reassign/", {"cases": [case.pk], "responsible": colleague.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.responsible == colleague
    assert client_for(caseworker).get("/cases/reassign/").status_code == 403


def test_follow_ups_and_notes_through_the_page(caseworker, case, client_for):
    client = english(client_for(caseworker))
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(f"/cases/{case.pk}/follow-ups/", {"due_on": due, "title": "check course start"})
    client.post(
        f"/cases/{case.pk}/notes/", {"text": "met with interpreter", "visibility": "office"}
    )
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "check course start" in html
    assert "met with interpreter" in html


def test_another_office_cannot_see_the_case(case, client_for):
    abh = UserFactory(
        username="abh", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )
    assert client_for(abh).get(f"/cases/{case.pk}/").status_code == 404
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=abh).exists()


def test_closing_needs_a_reason(caseworker, case, client_for):
    client = english(client_for(caseworker))
    client.post(f"/cases/{case.pk}/close/", {"reason": ""})
    case.refresh_from_db()
    assert case.status == "open"
    client.post(f"/cases/{case.pk}/close/", {"reason": "moved away"})
    case.refresh_from_db()
    assert case.status == "closed"


def test_closing_a_case_twice_from_older_pages_is_audited_once(caseworker, case):
    from django.core.exceptions import ValidationError

    from lotse.audit.models import AuditEvent, EventType
    from lotse.cases.models import Case
    from lotse.cases.services import case_close

    one, other = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    case_close(actor=caseworker, case=one, reason="moved away")
    with pytest.raises(ValidationError, match="closed already"):
        case_close(actor=caseworker, case=other, reason="moved away")
    closed = AuditEvent.objects.filter(event_type=EventType.CASE_CLOSED, object_id=str(case.pk))
    assert closed.count() == 1


def test_a_follow_up_done_twice_from_older_pages_is_audited_once(caseworker, case):
    from datetime import timedelta

    from django.utils import timezone

    from lotse.audit.models import AuditEvent, EventType
    from lotse.cases.models import FollowUp
    from lotse.cases.services import follow_up_add, follow_up_done

    added = follow_up_add(
        actor=caseworker, case=case, due_on=timezone.localdate() + timedelta(days=3), title="call"
    )
    one, other = FollowUp.objects.get(pk=added.pk), FollowUp.objects.get(pk=added.pk)
    follow_up_done(actor=caseworker, follow_up=one)
    follow_up_done(actor=caseworker, follow_up=other)
    assert AuditEvent.objects.filter(event_type=EventType.FOLLOW_UP_DONE).count() == 1
