"""Corrections one office asks of another: the Jobcenter Tübingen finds the Dublin flag the
Ausländerbehörde Tübingen recorded wrong, asks, and the ABH corrects it or says why not."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from lotse.access.policy import Action, decide
from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.cases.services import case_open
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register
from lotse.status.models import EntryAction, StatusEvent
from lotse.status.services import status_event_record
from lotse.subject_rights.models import CorrectionRequest, CorrectionStatus, RequestOrigin
from lotse.subject_rights.selectors import (
    correction_requests_of_person,
    office_correction_choices,
    office_correction_get,
    office_corrections_waiting,
)
from lotse.subject_rights.services import (
    OfficeCorrectionInput,
    correction_request_resolve,
    office_correction_correct_status,
    office_correction_done,
    office_correction_refuse,
    office_correction_request,
)

pytestmark = pytest.mark.django_db

ASK = OfficeCorrectionInput(
    what_is_wrong="The BAMF decision of 14.04.2026 the family showed is no Dublin decision.",
    correct_value="Dublin: no",
)


def staff(username, office, role=Role.CASEWORKER):
    return UserFactory(username=username, office=reference_office(office), roles=[role])


@pytest.fixture
def abh():
    return staff("abh-tue", "abh-tubingen-08416")


@pytest.fixture
def jobcenter():
    return staff("jc-tue", "jc-tubingen-08416")


@pytest.fixture
def im():
    return staff("im-tue", "im-tubingen-08416")


@pytest.fixture
def amal(caseworker, abh, jobcenter, im):
    """Registered by the Sozialamt; the ABH, the Jobcenter and the IM hold open cases; the ABH
    records the BAMF decision with a Dublin flag that is wrong."""
    person = register(caseworker)
    for user in (abh, jobcenter, im):
        case_open(actor=user, person=person, reason="work")
    for kind, day, details in [
        ("entry", date(2025, 10, 12), {}),
        ("asylum_application", date(2025, 11, 16), {"kind": "first"}),
        ("decision", date(2026, 4, 14), {"outcome": "fluechtlingsschutz", "dublin": True}),
    ]:
        status_event_record(
            actor=abh, person=person, kind=kind, date=day, details=details, source="document"
        )
    return person


@pytest.fixture
def decision(amal):
    return StatusEvent.objects.get(person=amal, kind="decision")


@pytest.fixture
def asked(jobcenter, amal, decision):
    return office_correction_request(actor=jobcenter, person=amal, data=ASK, status_event=decision)


def test_the_jobcenter_asks_the_abh_and_the_request_waits_in_its_inbox(
    jobcenter, abh, amal, decision, asked
):
    assert asked.origin == RequestOrigin.OFFICE
    assert asked.received_by_office == abh.office  # the owning office answers
    assert asked.requested_by_office == jobcenter.office
    assert asked.recorded_by == jobcenter
    assert asked.status_event == decision
    assert "Dublin" in asked.requested_value
    assert "14.04.2026" in asked.current_value
    event = AuditEvent.objects.get(event_type=EventType.CORRECTION_ASKED)
    assert event.actor == jobcenter
    assert event.person_id == str(amal.pk)
    assert event.details["owner"] == abh.office.code
    waiting = office_corrections_waiting(actor=abh)
    assert waiting["count"] == 1
    assert waiting["requests"] == [asked]
    # the listed person is logged as read
    assert AuditEvent.objects.filter(
        event_type=EventType.PERSON_DATA_READ, actor=abh, action="correction.list"
    ).exists()
    assert office_corrections_waiting(actor=jobcenter)["count"] == 0


def test_the_abh_corrects_the_entry_a_new_entry_replaces_it(abh, jobcenter, amal, decision, asked):
    answered = office_correction_correct_status(
        actor=abh,
        request=asked,
        date=date(2026, 4, 14),
        details={"outcome": "fluechtlingsschutz", "dublin": False},
        source="document",
        reason="Dublin flag set by mistake",
    )
    assert answered.status == CorrectionStatus.DONE
    assert answered.resolved_by == abh
    correction = answered.correction_entry
    assert correction.action == EntryAction.CORRECT
    assert correction.target == decision  # the old entry stays, as replaced
    assert correction.details["dublin"] is False
    assert StatusEvent.objects.filter(pk=decision.pk).exists()
    corrected = AuditEvent.objects.get(event_type=EventType.STATUS_EVENT_CORRECTED)
    assert answered.change_events == [corrected.pk]
    resolved = AuditEvent.objects.get(event_type=EventType.CORRECTION_RESOLVED)
    assert resolved.actor == abh
    assert resolved.details["asked_by"] == jobcenter.office.code
    # the Jobcenter sees the answer; the tile is empty again
    seen = office_correction_get(actor=jobcenter, person=amal, request_id=asked.pk)
    assert seen.status == CorrectionStatus.DONE
    assert office_corrections_waiting(actor=abh)["count"] == 0
    with pytest.raises(ValidationError, match="answered already"):
        office_correction_refuse(actor=abh, request=asked, reason="too late")


def test_the_abh_refuses_with_a_reason(abh, amal, asked):
    with pytest.raises(ValidationError):
        office_correction_refuse(actor=abh, request=asked, reason="  ")
    answered = office_correction_refuse(
        actor=abh, request=asked, reason="The Dublin decision of 14.04.2026 is in our file."
    )
    assert answered.status == CorrectionStatus.REJECTED
    assert answered.supervisory_authority == ""  # no complaint of the person: an office asked
    assert StatusEvent.objects.filter(person=amal).count() == 3  # nothing changed


def test_only_the_owning_office_answers(jobcenter, caseworker, asked):
    for user in (jobcenter, caseworker):
        with pytest.raises(Http404):
            office_correction_refuse(actor=user, request=asked, reason="no")
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=jobcenter, outcome=Outcome.DENIED
    ).exists()
    assert CorrectionRequest.objects.get(pk=asked.pk).status == CorrectionStatus.OPEN


def test_the_person_route_does_not_answer_an_office_request(abh, asked):
    with pytest.raises(ValidationError, match="own page"):
        correction_request_resolve(
            actor=abh, request=asked, status=CorrectionStatus.REJECTED, rejection_reason="x"
        )


def test_an_office_that_may_not_see_the_entry_cannot_ask(im, amal, decision):
    """The Integrationsmanagement has no statutory flow for status data (no consent here)."""
    with pytest.raises(Http404):
        office_correction_request(actor=im, person=amal, data=ASK, status_event=decision)
    assert not CorrectionRequest.objects.exists()
    assert AuditEvent.objects.filter(
        event_type=EventType.ACCESS_DENIED, actor=im, outcome=Outcome.DENIED
    ).exists()
    assert office_correction_choices(actor=im, person=amal).entries == []


def test_another_kreis_sees_nothing(other_caseworker, amal, decision, asked):
    with pytest.raises(Http404):
        office_correction_request(
            actor=other_caseworker, person=amal, data=ASK, status_event=decision
        )
    with pytest.raises(Http404):
        office_correction_get(actor=other_caseworker, person=amal, request_id=asked.pk)
    assert not decide(other_caseworker, Action.VIEW_PERSON, asked)
    assert office_corrections_waiting(actor=other_caseworker)["count"] == 0


def test_the_request_is_the_two_offices_business(caseworker, jobcenter, abh, amal, asked):
    """The Sozialamt sees the person, but not the request between the Jobcenter and the ABH."""
    assert asked in correction_requests_of_person(actor=jobcenter, person=amal)
    assert asked in correction_requests_of_person(actor=abh, person=amal)
    assert asked not in correction_requests_of_person(actor=caseworker, person=amal)
    with pytest.raises(Http404):
        office_correction_get(actor=caseworker, person=amal, request_id=asked.pk)


def test_no_request_about_an_own_entry_nor_twice(abh, jobcenter, amal, decision, asked):
    with pytest.raises(ValidationError, match="your own office"):
        office_correction_request(actor=abh, person=amal, data=ASK, status_event=decision)
    with pytest.raises(ValidationError, match="asked for this already"):
        office_correction_request(actor=jobcenter, person=amal, data=ASK, status_event=decision)
    with pytest.raises(ValidationError) as missing:
        office_correction_request(
            actor=jobcenter, person=amal, data=OfficeCorrectionInput(), identity_field="sex"
        )
    assert set(missing.value.error_dict) == {"what_is_wrong", "correct_value"}


def test_a_field_of_the_identity_core_is_asked_of_the_registering_office(
    caseworker, jobcenter, amal
):
    item = office_correction_request(
        actor=jobcenter, person=amal, data=ASK, identity_field="birth_date"
    )
    assert item.received_by_office == caseworker.office  # the Sozialamt registered the person
    assert item.data_item == "birth"
    fields = {f["value"] for f in office_correction_choices(actor=jobcenter, person=amal).fields}
    assert "birth_date" in fields
    with pytest.raises(ValidationError, match="status entry"):
        office_correction_correct_status(
            actor=caseworker, request=item, date=date(2026, 1, 1), source="document", reason="x"
        )
    done = office_correction_done(
        actor=caseworker, request=item, change_made="Birth date 03.02.1990 as in the passport"
    )
    assert done.status == CorrectionStatus.DONE
    assert done.change_made.startswith("Birth date")


def test_the_persons_report_lists_only_the_persons_own_requests(jobcenter, amal, asked):
    from lotse.subject_rights.selectors import subject_report_data

    data = subject_report_data(actor=jobcenter, person=amal)
    assert asked.pk not in [row["id"] for row in data["corrections"]]
