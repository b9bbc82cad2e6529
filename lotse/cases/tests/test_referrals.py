"""Hand-overs between offices: what travels, on which basis, and what does not."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from conftest import english
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case, Referral, ReferralState
from lotse.cases.referrals import (
    ReferralConflict,
    referral_accept,
    referral_close,
    referral_decline,
    referral_give_back,
    referral_request,
)
from lotse.cases.services import note_add
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import PersonLanguage
from lotse.people.tests.factories import register

SOON = timezone.localdate() + timedelta(days=7)


def _staff(code: str, username: str, role=Role.CASEWORKER):
    return UserFactory(username=username, office=reference_office(code), roles=[role])


@pytest.fixture
def jobcenter(db):
    return _staff("jc-tubingen-08416", "jc-sb")


@pytest.fixture
def integration_manager(db):
    return _staff("im-tubingen-08416", "im-sb")


@pytest.fixture
def amal(caseworker):
    person = register(caseworker)
    PersonLanguage.objects.create(
        person=person,
        language="en",
        reading="B1",
        speaking="B1",
        source="self",
        recorded_by=caseworker.office,
    )
    return person


def _case(person, user):
    return Case.objects.get(person=person, office=user.office, status="open")


def test_full_hand_over_through_the_pages(caseworker, jobcenter, amal, client_for):
    sender, receiver = english(client_for(caseworker)), english(client_for(jobcenter))
    case = _case(amal, caseworker)
    sender.post(
        f"/cases/{case.pk}/notes/", {"text": "BAMF decision received", "visibility": "shared"}
    )
    sender.post(f"/cases/{case.pk}/notes/", {"text": "internal remark", "visibility": "office"})
    response = sender.post(
        f"/cases/{case.pk}/referrals/new/",
        {
            "to_office": jobcenter.office.pk,
            "kind": "transfer",
            "purpose": "Rechtskreiswechsel",
            "categories": ["profile", "notes"],
            "respond_by": SOON.isoformat(),
        },
    )
    referral_url = response["Location"]
    assert receiver.get(f"/cases/{case.pk}/").status_code == 404  # not the receiver's case
    assert "Accept" in receiver.get(referral_url).content.decode()
    receiver.post(referral_url, {"step": "accept", "text": ""})
    own = _case(amal, jobcenter)
    page = receiver.get(f"/cases/{own.pk}/").content.decode()
    assert "BAMF decision received" in page  # shared with the referral
    assert "internal remark" not in page  # the office's own note stays there
    assert "§ 69 Abs. 1 Nr. 1 SGB X" in page  # the basis is named
    receiver.post(referral_url, {"step": "close", "text": "taken over on 1 May"})
    case.refresh_from_db()
    assert case.status == "closed"
    outcome = sender.get(referral_url).content.decode()
    assert "taken over on 1 May" in outcome
    assert "closed" in outcome


def test_the_receiver_sees_nothing_before_accepting(caseworker, jobcenter, amal, client_for):
    referral_request(
        actor=caseworker,
        case=_case(amal, caseworker),
        to_office=jobcenter.office,
        kind="service",
        purpose="competence check",
        categories=["profile"],
        respond_by=SOON,
    )
    assert client_for(jobcenter).get(f"/persons/{amal.pk}/").status_code == 404


def test_a_category_without_basis_or_consent_is_refused(integration_manager, jobcenter, caseworker):
    person = register(integration_manager)
    with pytest.raises(ValidationError, match="No legal basis"):
        referral_request(
            actor=integration_manager,
            case=_case(person, integration_manager),
            to_office=jobcenter.office,
            kind="service",
            purpose="placement",
            categories=["profile"],
            respond_by=SOON,
        )


def test_health_data_never_go_to_the_auslaenderbehoerde(caseworker, amal):
    with pytest.raises(ValidationError, match="§ 88 AufenthG"):
        referral_request(
            actor=caseworker,
            case=_case(amal, caseworker),
            to_office=reference_office("abh-tubingen-08416"),
            kind="service",
            purpose="residence",
            categories=["health"],
            respond_by=SOON,
        )


def test_shared_data_end_with_the_referral(caseworker, jobcenter, amal, client_for):
    case = _case(amal, caseworker)
    note_add(actor=caseworker, case=case, text="shared remark", visibility="shared")
    referral = referral_request(
        actor=caseworker,
        case=case,
        to_office=jobcenter.office,
        kind="service",
        purpose="competence check",
        categories=["notes"],
        respond_by=SOON,
    )
    referral_accept(actor=jobcenter, referral=referral)
    own = _case(amal, jobcenter)
    assert "shared remark" in client_for(jobcenter).get(f"/cases/{own.pk}/").content.decode()
    referral_give_back(actor=jobcenter, referral=referral, outcome="done")
    referral_close(actor=caseworker, referral=referral, outcome="thanks")
    assert "shared remark" not in client_for(jobcenter).get(f"/cases/{own.pk}/").content.decode()


def test_declining_needs_a_reason_and_steps_follow_the_states(caseworker, jobcenter, amal):
    referral = referral_request(
        actor=caseworker,
        case=_case(amal, caseworker),
        to_office=jobcenter.office,
        kind="service",
        purpose="x",
        categories=[],
        respond_by=SOON,
    )
    with pytest.raises(ValidationError):
        referral_decline(actor=jobcenter, referral=referral, reason="")
    with pytest.raises(ValidationError, match="receiving office"):
        referral_accept(actor=caseworker, referral=referral)
    referral_decline(actor=jobcenter, referral=referral, reason="not our task")
    with pytest.raises(ValidationError, match="not possible"):
        referral_accept(actor=jobcenter, referral=referral)
    assert referral.state == ReferralState.DECLINED
    assert (
        AuditEvent.objects.filter(
            event_type=EventType.REFERRAL_CHANGED, object_id=str(referral.pk)
        ).count()
        == 2
    )


def test_another_kreis_cannot_open_a_referral(
    caseworker, jobcenter, other_caseworker, amal, client_for
):
    referral = referral_request(
        actor=caseworker,
        case=_case(amal, caseworker),
        to_office=jobcenter.office,
        kind="service",
        purpose="x",
        categories=[],
        respond_by=SOON,
    )
    response = client_for(other_caseworker).get(f"/referrals/{referral.pk}/")
    assert response.status_code == 404
    assert "Al-Hassan" not in response.content.decode()


def test_a_deadline_in_the_past_is_refused(caseworker, jobcenter, amal):
    with pytest.raises(ValidationError):
        referral_request(
            actor=caseworker,
            case=_case(amal, caseworker),
            to_office=jobcenter.office,
            kind="service",
            purpose="x",
            categories=[],
            respond_by=timezone.localdate() - timedelta(days=1),
        )


def test_overdue_referrals_remind_the_sender_once(caseworker, jobcenter, amal):
    from django.core.management import call_command

    from lotse.cases.models import FollowUp

    case = _case(amal, caseworker)
    referral_request(
        actor=caseworker,
        case=case,
        to_office=jobcenter.office,
        kind="service",
        purpose="competence check",
        categories=[],
        respond_by=timezone.localdate(),
    )
    later = timezone.localdate() + timedelta(days=2)
    from lotse.cases.referrals import referral_reminders_create

    assert referral_reminders_create(today=later) == 1
    assert referral_reminders_create(today=later) == 0  # not twice
    assert FollowUp.objects.filter(case=case, title__contains="overdue").count() == 1
    call_command("remind_referrals", verbosity=0)  # today: nothing overdue yet


def test_a_referral_cannot_go_to_an_office_outside_the_kreis(caseworker, amal):
    # The page offers only offices serving the own Kreis; the service refuses any other, so
    # that the API (or any other caller) cannot send a person's data elsewhere.
    with pytest.raises(ValidationError) as refused:
        referral_request(
            actor=caseworker,
            case=_case(amal, caseworker),
            to_office=reference_office("jc-ludwigsburg-08118"),
            kind="transfer",
            purpose="Rechtskreiswechsel",
            categories=[],
            respond_by=SOON,
        )
    assert "to_office" in refused.value.error_dict
    assert not amal.referrals.exists()


def _requested(caseworker, jobcenter, amal):
    return referral_request(
        actor=caseworker,
        case=_case(amal, caseworker),
        to_office=jobcenter.office,
        kind="service",
        purpose="check",
        categories=[],
        respond_by=SOON,
    )


def test_a_second_accept_is_a_conflict_and_changes_nothing(caseworker, jobcenter, amal):
    referral = _requested(caseworker, jobcenter, amal)
    stale = Referral.objects.get(pk=referral.pk)  # loaded before the first accept
    referral_accept(actor=jobcenter, referral=referral)
    with pytest.raises(ReferralConflict):
        referral_accept(actor=jobcenter, referral=stale)
    assert referral.events.filter(state=ReferralState.ACCEPTED).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises all writes")
@pytest.mark.django_db(transaction=True)
def test_parallel_accepts_give_one_accept_and_conflicts(caseworker, jobcenter, amal):
    referral = _requested(caseworker, jobcenter, amal)
    barrier = threading.Barrier(6)

    def accept() -> str:
        stale = Referral.objects.get(pk=referral.pk)
        barrier.wait()
        try:
            referral_accept(actor=jobcenter, referral=stale)
            return "accepted"
        except ReferralConflict:
            return "conflict"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = sorted(pool.map(lambda _: accept(), range(6)))
    assert outcomes == ["accepted"] + ["conflict"] * 5
    assert Case.objects.filter(person=amal, office=jobcenter.office).count() == 1


def test_a_step_is_not_taken_without_the_reason_that_could_not_be_read(
    caseworker, jobcenter, amal, client_for
):
    referral = _requested(caseworker, jobcenter, amal)
    response = english(client_for(jobcenter)).post(
        f"/referrals/{referral.pk}/",
        "step=decline&text=%ED%A0%80",
        content_type="application/x-www-form-urlencoded",
        follow=True,
    )
    assert "cannot be stored" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == ReferralState.REQUESTED


def test_the_shared_data_and_their_basis_read_in_german(caseworker, jobcenter, amal, client_for):
    """The bases are kept in English in the referral; the pages show them, and each category by
    its name, in the reader's language."""
    case = _case(amal, caseworker)
    note_add(actor=caseworker, case=case, text="Sprachkurs B1", visibility="shared")
    referral = referral_request(
        actor=caseworker,
        case=case,
        to_office=jobcenter.office,
        kind="transfer",
        purpose="Rechtskreiswechsel",
        categories=["status", "profile", "notes"],
        respond_by=SOON,
    )
    assert referral.shared["profile"].startswith("§ 69 Abs. 1 Nr. 1 SGB X (as far as")
    page = client_for(jobcenter).get(f"/referrals/{referral.pk}/").content.decode()
    assert "§ 69 Abs. 1 Nr. 1 SGB X (soweit für die gesetzliche Aufgabe erforderlich)" in page
    assert "Profil" in page
    assert "as far as necessary" not in page
    assert "<br>profile" not in page
    in_english = english(client_for(jobcenter)).get(f"/referrals/{referral.pk}/").content.decode()
    assert "(as far as necessary for the statutory task)" in in_english
    client_for(jobcenter).post(f"/referrals/{referral.pk}/", {"step": "accept", "text": ""})
    own = _case(amal, jobcenter)
    page = client_for(jobcenter).get(f"/cases/{own.pk}/").content.decode()
    assert "Sprachkurs B1" in page
    assert "soweit für die gesetzliche Aufgabe erforderlich" in page
    assert f"übermittelt mit der Weiterleitung Nr. {referral.pk}" in page
    assert "as far as necessary" not in page
    assert "referral #" not in page


def test_the_refusal_of_health_data_reads_in_german(caseworker, amal):
    from django.utils import translation

    with translation.override("de"), pytest.raises(ValidationError) as refused:
        referral_request(
            actor=caseworker,
            case=_case(amal, caseworker),
            to_office=reference_office("abh-tubingen-08416"),
            kind="service",
            purpose="residence",
            categories=["health"],
            respond_by=SOON,
        )
    assert "Gesundheitsdaten gehen nicht an die Ausländerbehörde" in " ".join(
        refused.value.messages
    )
