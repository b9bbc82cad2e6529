"""Case work: caseload, follow-ups, notes, concurrent edits and reassignment."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import english
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.cases.services import EditConflict, case_update, follow_up_add
from lotse.cases.tests.factories import CaseFactory
from lotse.organisations.models import Role, User
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


def _service_case(caseworker):
    return Case.objects.get(person=register(caseworker))


def _factory_case(caseworker):
    return CaseFactory(responsible=caseworker)


@pytest.mark.parametrize("make", [_service_case, _factory_case], ids=["service", "factory"])
@pytest.mark.parametrize("history", [True, False], ids=["with-history", "without-history"])
def test_an_edit_conflict_shows_the_conflict_page_for_every_case(
    caseworker, team_lead, client_for, make, history
):
    # Cases loaded in bulk have no row of field history; the conflict page must not need one.
    case = make(caseworker)
    if not history:
        case.history.all().delete()
    stale = case.version
    case_update(actor=caseworker, case=case, expected_version=stale, summary="first")
    if not history:
        case.history.all().delete()
    response = english(client_for(team_lead)).post(
        f"/cases/{case.pk}/", {"version": stale, "summary": "second", "responsible": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "changed this case meanwhile" in html
    assert ("Carla Casewerk" if history else "Someone") in html
    assert "second" in html  # the own entry is kept in the form
    case.refresh_from_db()
    assert case.summary == "first"


def test_the_service_refuses_a_stale_edit_of_a_case_without_history(caseworker):
    case = CaseFactory(responsible=caseworker, history=False)
    case_update(actor=caseworker, case=case, expected_version=case.version, summary="first")
    case.history.all().delete()
    with pytest.raises(EditConflict) as conflict:
        case_update(actor=caseworker, case=case, expected_version=1, summary="second")
    assert conflict.value.current.summary == "first"


def test_a_follow_up_title_longer_than_the_field_is_refused_not_cut(caseworker, case):
    with pytest.raises(ValidationError):
        follow_up_add(actor=caseworker, case=case, due_on=timezone.localdate(), title="x" * 201)
    assert not case.follow_ups.exists()


def test_an_inactive_colleague_cannot_be_made_responsible(caseworker, case):
    gone = UserFactory(username="gone", office=caseworker.office, roles=[Role.CASEWORKER])
    User.objects.filter(pk=gone.pk).update(is_active=False)
    gone.refresh_from_db()
    with pytest.raises(ValidationError):
        case_update(
            actor=caseworker,
            case=case,
            expected_version=case.version,
            summary="",
            responsible=gone,
        )


def test_a_page_entry_over_the_upload_limit_answers_413_with_a_message(
    caseworker, case, client_for
):
    response = english(client_for(caseworker)).post(
        f"/cases/{case.pk}/notes/", {"text": "x" * 3_000_000, "visibility": "office"}
    )
    assert response.status_code == 413
    assert "larger than 2.5 MB and was not saved" in response.content.decode()
    assert not case.notes.exists()


def test_a_page_note_with_bytes_that_are_no_text_is_refused_with_a_message(
    caseworker, case, client_for
):
    # %ED%A0%80 is a lone surrogate half, as a form would send "\ud800": Django reads it as
    # U+FFFD, which would silently change the entry.
    response = english(client_for(caseworker)).post(
        f"/cases/{case.pk}/notes/",
        "text=call+%ED%A0%80+back&visibility=office",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 422
    assert "cannot be stored" in response.content.decode()
    assert not case.notes.exists()
