"""consent_record and consent_withdraw: what makes a consent valid, who may record it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.consent.models import Consent
from lotse.consent.services import consent_record, consent_withdraw
from lotse.consent.tests.conftest import consent_input


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"recipients": []}, "recipients"),
        ({"categories": []}, "categories"),
        ({"categories": ["everything"]}, "categories"),
        ({"purposes": []}, "purposes"),
        ({"purposes": ["as necessary"]}, "purposes"),
        ({"valid_until": None}, "valid_until"),
        ({"valid_until": "yesterday"}, "valid_until"),
        ({"given_on": "tomorrow"}, "given_on"),
        ({"categories": ["health"]}, "explicit_special_categories"),
        ({"given_how": "oral_interpreter"}, "form_reason"),
        ({"interpreter_name": ""}, "interpreter_name"),
        ({"explained_language": ""}, "explained_language"),
    ],
)
def test_a_vague_or_incomplete_consent_is_refused(overrides, field, person, im_caseworker):
    today = timezone.localdate()
    days = {"yesterday": today - timedelta(days=1), "tomorrow": today + timedelta(days=1)}
    overrides = {
        key: days[value] if isinstance(value, str) and value in days else value
        for key, value in overrides.items()
    }
    with pytest.raises(ValidationError) as refused:
        consent_record(actor=im_caseworker, person=person, data=consent_input(**overrides))
    assert field in refused.value.error_dict
    assert not Consent.objects.exists()


def test_all_missing_parts_are_named_at_once(person, im_caseworker):
    with pytest.raises(ValidationError) as refused:
        consent_record(
            actor=im_caseworker,
            person=person,
            data=consent_input(recipients=[], categories=[], purposes=[], valid_until=None),
        )
    assert {"recipients", "categories", "purposes", "valid_until"} <= set(refused.value.error_dict)


def test_only_an_office_with_an_open_case_records_or_withdraws(
    person, im_caseworker, other_caseworker, abh_caseworker, record
):
    for user in (other_caseworker, abh_caseworker):
        with pytest.raises(Http404):
            consent_record(actor=user, person=person, data=consent_input())
    consent = record(im_caseworker, person)
    with pytest.raises(Http404):
        consent_withdraw(actor=abh_caseworker, consent=consent, reason="x")
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=abh_caseworker
    ).exists()


def test_a_planner_cannot_record_a_consent(person, planner):
    from django.core.exceptions import PermissionDenied

    with pytest.raises((PermissionDenied, Http404)):
        consent_record(actor=planner, person=person, data=consent_input())


def test_withdrawal_is_recorded_once_with_its_reason(person, im_caseworker, record):
    consent = record(im_caseworker, person)
    with pytest.raises(ValidationError):
        consent_withdraw(actor=im_caseworker, consent=consent, reason="  ")
    consent_withdraw(actor=im_caseworker, consent=consent, reason="per Brief", how="written")
    consent.refresh_from_db()
    assert consent.withdrawn_how == "written"
    assert consent.withdrawal_reason == "per Brief"
    assert not Consent.objects.active().exists()
    with pytest.raises(ValidationError):
        consent_withdraw(actor=im_caseworker, consent=consent, reason="again")
    assert AuditEvent.objects.filter(event_type=EventType.CONSENT_WITHDRAWN).count() == 1
