"""Transfer requests (Übernahmeersuchen): an office of another Kreis asks the office holding a
person's record to let it take the person over; only the holding office's acceptance opens the
requesting office's case."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case, FollowUp, Referral, ReferralKind, ReferralState
from lotse.cases.referrals import (
    referral_accept,
    referral_close,
    referral_decline,
    referral_reminders_create,
    referral_request,
    referral_start,
    referral_withdraw,
    transfer_request,
)
from lotse.cases.services import case_close, person_link_existing
from lotse.identity.registry import duplicate_check
from lotse.people.tests.factories import person_input, register

TUEBINGEN_SOZIALAMT = "sozialamt-tubingen-08416"
REASON = "Moved to Ludwigsburg on 1 December, now lives in Anschlussunterbringung there"


@pytest.fixture
def amal(caseworker):
    return register(caseworker, identifiers=(("azr", "123456789012"),))


def _request(actor, person, **kwargs):
    data = person_input(original=None, identifiers=(("azr", "123456789012"),))
    fields = {
        "to_office_code": TUEBINGEN_SOZIALAMT,
        "reason": REASON,
        "entered_name": "Amal Al-Hassan",
        "candidates": duplicate_check(actor=actor, data=data),
        **kwargs,
    }
    return transfer_request(actor=actor, person_id=str(person.pk), **fields)


def test_the_check_marks_the_record_as_held_in_another_kreis(amal, other_caseworker):
    data = person_input(original=None, identifiers=(("azr", "123456789012"),))
    [candidate] = duplicate_check(actor=other_caseworker, data=data)
    assert candidate.other_kreis
    assert not candidate.visible
    assert candidate.reasons == []
    assert [o.code for o in candidate.holding] == [TUEBINGEN_SOZIALAMT]


def test_linking_directly_is_refused_and_logged_for_the_holding_office(amal, other_caseworker):
    data = person_input(original=None)
    candidates = duplicate_check(actor=other_caseworker, data=data)
    with pytest.raises(ValidationError, match="another Kreis"):
        person_link_existing(
            actor=other_caseworker, person_id=str(amal.pk), data=data, candidates=candidates
        )
    assert not Case.objects.filter(office=other_caseworker.office).exists()
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED,
        person_id=str(amal.pk),
        office__code=TUEBINGEN_SOZIALAMT,
        actor=other_caseworker,
    ).exists()


def test_accepting_opens_the_requesting_offices_case_and_only_then(
    amal, caseworker, other_caseworker
):
    referral = _request(other_caseworker, amal)
    assert referral.kind == ReferralKind.TAKEOVER
    assert referral.from_case is None
    assert referral.to_case == Case.objects.get(office=caseworker.office, person=amal)
    assert not Case.objects.filter(office=other_caseworker.office).exists()
    # The holding office's controller has the request in its audit trail.
    assert AuditEvent.objects.filter(
        event_type=EventType.REFERRAL_CHANGED,
        office__code=TUEBINGEN_SOZIALAMT,
        actor=other_caseworker,
        reason=REASON,
    ).exists()

    with pytest.raises(ValidationError):  # the requester cannot answer its own request
        referral_accept(actor=other_caseworker, referral=referral)
    referral_accept(actor=caseworker, referral=referral, note="agreed by phone")
    referral.refresh_from_db()
    assert referral.state == ReferralState.CLOSED
    case = Case.objects.get(office=other_caseworker.office, person=amal, status="open")
    assert referral.from_case == case
    assert case.responsible == other_caseworker
    # The case opening is in the requesting office's trail.
    assert AuditEvent.objects.filter(
        event_type=EventType.CASE_OPENED, office=other_caseworker.office, object_id=str(case.pk)
    ).exists()


def test_refusal_needs_a_reason_and_leaves_nothing(amal, caseworker, other_caseworker):
    referral = _request(other_caseworker, amal)
    with pytest.raises(ValidationError):
        referral_decline(actor=caseworker, referral=referral, reason=" ")
    referral_decline(actor=caseworker, referral=referral, reason="Still lives in Tübingen")
    referral.refresh_from_db()
    assert referral.state == ReferralState.DECLINED
    assert not Case.objects.filter(office=other_caseworker.office).exists()
    with pytest.raises(ValidationError):
        referral_accept(actor=caseworker, referral=referral)


def test_the_requester_may_withdraw_and_ask_once_at_a_time(amal, caseworker, other_caseworker):
    referral = _request(other_caseworker, amal)
    with pytest.raises(ValidationError, match="waiting for an answer"):
        _request(other_caseworker, amal)
    referral_withdraw(actor=other_caseworker, referral=referral, reason="wrong person")
    assert _request(other_caseworker, amal).state == ReferralState.REQUESTED


def test_a_transfer_request_is_only_accepted_or_refused(amal, caseworker, other_caseworker):
    referral = _request(other_caseworker, amal)
    for step in (referral_start, referral_close):
        with pytest.raises(ValidationError):
            step(actor=caseworker, referral=referral)
    assert Referral.objects.get().state == ReferralState.REQUESTED


def test_only_a_proposed_record_and_only_its_holding_office(amal, caseworker, other_caseworker):
    with pytest.raises(ValidationError, match="not proposed"):
        _request(other_caseworker, amal, candidates=[])
    with pytest.raises(ValidationError, match="holding the record"):
        _request(other_caseworker, amal, to_office_code="jc-tubingen-08416")
    with pytest.raises(ValidationError, match="a sentence"):
        _request(other_caseworker, amal, reason="moved")
    # Within the own Kreis there is nothing to request: the record is linked.
    with pytest.raises(ValidationError, match="held in your Kreis"):
        _request(caseworker, amal)
    assert not Referral.objects.exists()


def test_a_record_without_an_open_case_is_held_by_its_last_office(
    amal, caseworker, other_caseworker
):
    case_close(actor=caseworker, case=Case.objects.get(person=amal), reason="moved away")
    data = person_input(original=None)
    candidates = duplicate_check(actor=other_caseworker, data=data)
    with pytest.raises(ValidationError, match="another Kreis"):
        person_link_existing(
            actor=other_caseworker, person_id=str(amal.pk), data=data, candidates=candidates
        )
    referral = _request(other_caseworker, amal)
    assert referral.to_case is None
    referral_accept(actor=caseworker, referral=referral)
    assert Case.objects.filter(office=other_caseworker.office, person=amal).exists()


def test_a_sent_referral_cannot_pose_as_a_transfer_request(amal, caseworker, other_caseworker):
    with pytest.raises(ValidationError):
        referral_request(
            actor=caseworker,
            case=Case.objects.get(person=amal),
            to_office=other_caseworker.office,
            kind=ReferralKind.TAKEOVER,
            purpose="x",
            categories=[],
            respond_by=timezone.localdate(),
        )


def test_an_overdue_transfer_request_reminds_nobody_and_breaks_nothing(amal, other_caseworker):
    _request(other_caseworker, amal)
    later = timezone.localdate() + timedelta(days=30)
    assert referral_reminders_create(today=later) == 0
    assert not FollowUp.objects.exists()


def test_through_the_api_the_requester_sees_no_name_and_the_holder_accepts(
    amal, caseworker, other_caseworker, client_for
):
    referral = _request(other_caseworker, amal)
    seen = client_for(other_caseworker).get(f"/api/v1/referrals/{referral.pk}")
    assert seen.status_code == 200
    assert "Al-Hassan" not in seen.content.decode()
    listed = client_for(other_caseworker).get("/api/v1/referrals").content.decode()
    assert "Al-Hassan" not in listed
    assert "الحسن" not in listed
    refused = client_for(other_caseworker).post(
        f"/api/v1/referrals/{referral.pk}/accept", json.dumps({}), content_type="application/json"
    )
    assert refused.status_code == 422
    accepted = client_for(caseworker).post(
        f"/api/v1/referrals/{referral.pk}/accept", json.dumps({}), content_type="application/json"
    )
    assert accepted.json()["state"] == "closed"
    assert Case.objects.filter(office=other_caseworker.office, person=amal).exists()


def test_a_record_held_by_nobody_is_linked_by_nobody(amal, caseworker):
    """Fail closed: a record without any case and without a registering office is in no Kreis."""
    Case.objects.filter(person=amal).delete()
    type(amal).objects.filter(pk=amal.pk).update(created_by_office=None)
    data = person_input(original=None)
    candidates = duplicate_check(actor=caseworker, data=data)
    [candidate] = candidates
    assert candidate.other_kreis
    assert candidate.holding == []
    with pytest.raises(ValidationError, match="another Kreis"):
        person_link_existing(
            actor=caseworker, person_id=str(amal.pk), data=data, candidates=candidates
        )
    assert not Case.objects.exists()
