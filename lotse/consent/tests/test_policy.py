"""The consent rule in the policy's layer 4: every forbidden path denied and logged, every
allowed read logged with the consent as its basis.

The person page is the reader: it shows the language levels the Sozialamt recorded (profile
data) to another office only when `decide_category` allows it.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.access.policy import Category, decide_category
from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.consent.models import Consent
from lotse.consent.rules import OFFICE_TASK, purpose_of
from lotse.consent.services import consent_withdraw
from lotse.consent.tests.conftest import ABH_TUEBINGEN, JC_TUEBINGEN, SOZIALAMT_TUEBINGEN
from lotse.organisations.models import OfficeKind
from lotse.organisations.tests.factories import reference_office

LEVELS = "listening B1, reading A2"


def page(client_for, user, person) -> str:
    response = client_for(user).get(f"/persons/{person.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def profile_events(user, person, event_type):
    return AuditEvent.objects.filter(
        actor=user,
        person_id=str(person.pk),
        event_type=event_type,
        categories=[Category.PROFILE],
    )


def profile(user, person, *, purpose=""):
    sozialamt = reference_office(SOZIALAMT_TUEBINGEN)
    return decide_category(user, person, Category.PROFILE, owner_office=sozialamt, purpose=purpose)


def assert_refused_and_logged(client_for, user, person):
    before = profile_events(user, person, EventType.ACCESS_DENIED).count()
    assert LEVELS not in page(client_for, user, person)
    denied = profile_events(user, person, EventType.ACCESS_DENIED)
    assert denied.count() == before + 1
    event = denied.first()
    assert event.outcome == Outcome.DENIED
    assert event.details["owner_office"] == SOZIALAMT_TUEBINGEN
    assert event.reason


# --- allowed ---------------------------------------------------------------------------------
def test_integrationsmanagement_sees_the_sozialamt_languages_only_with_consent(
    person, im_caseworker, client_for, record
):
    assert not profile(im_caseworker, person)
    assert_refused_and_logged(client_for, im_caseworker, person)

    consent = record(im_caseworker, person)
    decision = profile(im_caseworker, person)
    assert decision.allowed
    assert decision.basis == f"consent #{consent.pk} of {consent.given_on.isoformat()}"

    html = page(client_for, im_caseworker, person)
    assert LEVELS in html
    assert consent.basis in html
    # the consent section's read of the languages (the profile section logs its own read)
    read = profile_events(im_caseworker, person, EventType.PERSON_DATA_READ).get(
        details__data="languages"
    )
    assert read.basis == consent.basis
    assert read.legal_bases == [
        {"code": "consent", "consent": consent.pk, "given_on": consent.given_on.isoformat()}
    ]
    assert read.purpose == "integration_counselling"
    assert read.details["owner_office"] == SOZIALAMT_TUEBINGEN


def refer(sender, person, to_office: str, purpose="Vermittlung", categories=("profile",)):
    """The sending office refers the person and shares `categories` (cases.referrals)."""
    from lotse.cases.models import Case
    from lotse.cases.referrals import referral_request

    case = Case.objects.get(person=person, office=sender.office, status="open")
    return referral_request(
        actor=sender,
        case=case,
        to_office=reference_office(to_office),
        kind="service",
        purpose=purpose,
        categories=list(categories),
        respond_by=timezone.localdate() + timedelta(days=14),
    )


def test_the_jobcenter_sees_them_under_paragraph_69_when_the_sozialamt_shares_them(
    person, caseworker, jc_caseworker, client_for
):
    from lotse.cases.referrals import referral_accept

    # Between benefit bodies the profile travels under § 69 SGB X with an open case
    # (lotse/profiles/access.py: collected once, not asked again), and with a referral too.
    assert profile(jc_caseworker, person).basis.startswith("§ 69 Abs. 1 Nr. 1 SGB X")
    referral_accept(actor=jc_caseworker, referral=refer(caseworker, person, JC_TUEBINGEN))
    decision = profile(jc_caseworker, person)
    assert decision.allowed
    assert decision.basis.startswith("§ 69 Abs. 1 Nr. 1 SGB X")
    assert LEVELS in page(client_for, jc_caseworker, person)
    # the consent section's read of the languages (the profile section logs its own read)
    read = profile_events(jc_caseworker, person, EventType.PERSON_DATA_READ).get(
        details__data="languages"
    )
    assert read.basis.startswith("§ 69")


def test_a_referral_made_on_a_consent_ends_with_the_consent(
    person, caseworker, im_caseworker, record
):
    from lotse.cases.referrals import referral_accept

    consent = record(im_caseworker, person)
    referral = refer(caseworker, person, "im-tubingen-08416", purpose="Beratung")
    assert referral.shared["profile"] == consent.basis
    referral_accept(actor=im_caseworker, referral=referral)
    consent_withdraw(actor=caseworker, consent=consent, reason="widerrufen")
    assert not profile(im_caseworker, person)


def test_the_own_office_needs_no_consent(person, caseworker, client_for):
    assert profile(caseworker, person).allowed
    # the own office's languages are in the page's own section, not in the shared one
    assert "Languages recorded by other offices" not in page(client_for, caseworker, person)


# --- forbidden paths ---------------------------------------------------------------------------
def test_withdrawal_ends_access_at_the_very_next_request(
    person, im_caseworker, caseworker, client_for, record
):
    consent = record(im_caseworker, person)
    client = client_for(im_caseworker)
    assert LEVELS in client.get(f"/persons/{person.pk}/").content.decode()

    # The person withdraws at the Sozialamt; the Integrationsmanagement's page is still open.
    consent_withdraw(actor=caseworker, consent=consent, reason="Frau A. widerruft heute.")

    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert LEVELS not in html
    assert not profile(im_caseworker, person)
    assert profile_events(im_caseworker, person, EventType.ACCESS_DENIED).exists()
    assert Consent.objects.filter(pk=consent.pk).exists()  # nothing is deleted


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"categories": ["plan", "notes"]}, id="another-category"),
        pytest.param({"purposes": ["job_placement"]}, id="another-purpose"),
        pytest.param({"recipients": "jobcenter"}, id="another-office"),
        pytest.param({"disclosing_offices": "jobcenter"}, id="another-disclosing-office"),
    ],
)
def test_a_consent_that_does_not_cover_the_read_is_no_basis(
    overrides, person, im_caseworker, client_for, record
):
    if overrides.get("recipients") == "jobcenter":
        overrides["recipients"] = [reference_office(JC_TUEBINGEN)]
    if overrides.get("disclosing_offices") == "jobcenter":
        overrides["disclosing_offices"] = [reference_office(JC_TUEBINGEN)]
    record(im_caseworker, person, **overrides)
    assert not profile(im_caseworker, person)
    assert_refused_and_logged(client_for, im_caseworker, person)


def test_an_expired_consent_is_no_basis(person, im_caseworker, client_for, record):
    consent = record(im_caseworker, person)
    # A year passes: the consent ended yesterday (written directly, as time cannot be recorded).
    yesterday = timezone.localdate() - timedelta(days=1)
    Consent.objects.filter(pk=consent.pk).update(
        given_on=yesterday - timedelta(days=365), valid_until=yesterday
    )
    assert not profile(im_caseworker, person)
    assert_refused_and_logged(client_for, im_caseworker, person)


def test_health_data_need_the_explicit_mark(person, im_caseworker, record):
    sozialamt = reference_office(SOZIALAMT_TUEBINGEN)

    def health():
        return decide_category(
            im_caseworker, person, Category.HEALTH, owner_office=sozialamt, purpose=""
        )

    consent = record(
        im_caseworker, person, categories=["health", "profile"], explicit_special_categories=True
    )
    assert health().basis == consent.basis
    # A row without the mark (as an older import might leave one) opens no health data.
    Consent.objects.filter(pk=consent.pk).update(explicit_special_categories=False)
    assert not health()
    assert profile(im_caseworker, person).allowed  # the rest of the consent still holds


def test_a_purpose_named_by_the_read_is_matched_as_it_is(person, im_caseworker, record):
    record(im_caseworker, person, purposes=["language_course"])
    assert not profile(im_caseworker, person)  # the office's own task is counselling
    assert not profile(im_caseworker, person, purpose="case work")  # free text: the own task
    assert profile(im_caseworker, person, purpose="language_course").allowed


def test_every_kind_of_office_has_a_task(db):
    # The Land administration keeps no person data: no task, so no consent covers its reads.
    assert set(OFFICE_TASK) == set(OfficeKind.values) - {OfficeKind.LAND}
    assert purpose_of(reference_office("land-bw"), "") == ""
    im = reference_office("im-tubingen-08416")
    assert purpose_of(im, "") == "integration_counselling"
    assert purpose_of(im, "recognition") == "recognition"


def test_no_consent_opens_health_data_to_the_auslaenderbehoerde(
    person, abh_caseworker, im_caseworker, record
):
    from lotse.cases.services import case_open

    case_open(actor=abh_caseworker, person=person, reason="Aufenthalt")
    record(
        im_caseworker,
        person,
        recipients=[reference_office(ABH_TUEBINGEN)],
        categories=["health"],
        explicit_special_categories=True,
        purposes=["residence"],
    )
    decision = decide_category(
        abh_caseworker,
        person,
        Category.HEALTH,
        owner_office=reference_office(SOZIALAMT_TUEBINGEN),
    )
    assert not decision
    assert "§ 88 AufenthG" in decision.reason


def test_a_consent_opens_nothing_without_an_open_case(
    person, other_caseworker, im_caseworker, record
):
    # Even naming an office of another Kreis as recipient does not open the person to it.
    record(im_caseworker, person, recipients=[other_caseworker.office])
    assert not profile(other_caseworker, person)
