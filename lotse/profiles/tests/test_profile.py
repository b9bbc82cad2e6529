"""The profile: entries recorded by one office, read by the others as the access model says,
every change a new entry with the old one kept as history, every read and write audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.consent.services import ConsentInput, consent_record
from lotse.organisations.tests.factories import reference_office
from lotse.people.models import PersonLanguage
from lotse.profiles.models import EntryKind, ProfileEntry, Schooling
from lotse.profiles.selectors import current_language_levels, profile_get
from lotse.profiles.tests.conftest import IM
from lotse.profiles.tests.factories import record_entry, record_language

pytestmark = pytest.mark.django_db


def consent(actor, person, categories=("profile",), health=False):
    today = timezone.localdate()
    return consent_record(
        actor=actor,
        person=person,
        data=ConsentInput(
            recipients=[reference_office(IM)],
            categories=list(categories),
            purposes=["integration_counselling"],
            given_on=today,
            given_how="signed_form",
            explained_language="ar",
            valid_until=today + timedelta(days=365),
            explicit_special_categories=health,
        ),
    )


def test_an_entry_records_who_when_and_from_what_source(agentur, person):
    entry = record_entry(agentur, person, source="document")
    assert entry.recorded_by == agentur.office
    assert entry.recorded_by_user == agentur
    assert entry.source == "document"
    event = AuditEvent.objects.get(event_type=EventType.PROFILE_RECORDED)
    assert event.person_id == str(person.pk)
    assert event.categories == ["profile"]


def test_an_entry_without_a_source_is_refused_and_nothing_is_stored(agentur, person):
    with pytest.raises(ValidationError) as refused:
        record_entry(agentur, person, source="")
    assert "source" in refused.value.message_dict
    assert not ProfileEntry.objects.exists()


def test_bad_values_are_refused_with_the_field(agentur, person):
    with pytest.raises(ValidationError) as refused:
        record_entry(
            agentur, person, highest_certificate="bachelor", country="XYZ", latin_literacy=""
        )
    errors = refused.value.message_dict
    assert {"highest_certificate", "country", "latin_literacy"} <= set(errors)
    assert not ProfileEntry.objects.exists()


def test_a_decision_before_the_application_is_refused(agentur, person):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        record_entry(
            agentur,
            person,
            EntryKind.QUALIFICATION,
            recognition_status="partial",
            applied_on=today,
            decided_on=today - timedelta(days=3),
        )
    errors = refused.value.message_dict
    assert "decided_on" in errors
    assert "adaptation_measure" in errors


def test_a_new_schooling_replaces_the_old_which_stays_as_history(agentur, jobcenter, person):
    first = record_entry(agentur, person, years=8)
    second = record_entry(jobcenter, person, years=10, source="document")
    first.refresh_from_db()
    assert first.replaced_by_id == second.pk
    assert first.replaced_at is not None
    profile = profile_get(actor=jobcenter, person=person)
    [view] = profile.sections[EntryKind.SCHOOLING]
    assert isinstance(view.entry, Schooling)
    assert view.entry.years == 10
    assert [old.years for old in view.history] == [8]
    assert AuditEvent.objects.filter(event_type=EventType.PROFILE_REPLACED).count() == 1


def test_an_entry_replaced_already_cannot_be_replaced_again(agentur, person):
    first = record_entry(agentur, person, EntryKind.WORK)
    record_entry(agentur, person, EntryKind.WORK, replaces=first, years=6)
    first.refresh_from_db()
    with pytest.raises(ValidationError):
        record_entry(agentur, person, EntryKind.WORK, replaces=first, years=7)


def test_the_jobcenter_sees_what_the_agentur_recorded_during_the_procedure(
    agentur, jobcenter, person
):
    """§ 69 Abs. 1 Nr. 1 SGB X between benefit bodies: no retyping after the switch."""
    record_entry(agentur, person, EntryKind.WORK)
    record_language(agentur, person, listening="B1")
    profile = profile_get(actor=jobcenter, person=person)
    [work] = profile.current(EntryKind.WORK)
    assert work.recorded_by == agentur.office
    assert profile.languages[0].levels["listening"].level == "B1"
    assert profile.hidden == []
    event = AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ).latest("pk")
    assert event.details["owner_offices"] == [agentur.office.code]
    assert event.legal_bases
    assert event.legal_bases[0]["code"] == "sgb_x_69"


def test_the_integrationsmanagement_sees_others_entries_only_with_consent(agentur, im, person):
    record_entry(agentur, person, EntryKind.WORK)
    profile = profile_get(actor=im, person=person)
    assert profile.current(EntryKind.WORK) == []
    assert [(h.office, h.category) for h in profile.hidden] == [(agentur.office, "profile")]
    consent(im, person)
    profile = profile_get(actor=im, person=person)
    assert len(profile.current(EntryKind.WORK)) == 1
    assert profile.hidden == []


def test_health_needs_explicit_consent_even_between_benefit_bodies(agentur, jobcenter, im, person):
    record_entry(agentur, person, EntryKind.HEALTH)
    profile = profile_get(actor=jobcenter, person=person)
    assert profile.current(EntryKind.HEALTH) == []
    assert [h.category for h in profile.hidden] == ["health"]
    consent(im, person, categories=("profile", "health"), health=True)
    assert len(profile_get(actor=im, person=person).current(EntryKind.HEALTH)) == 1


def test_the_auslaenderbehoerde_sees_no_profile_of_the_benefit_bodies(agentur, abh, person):
    record_entry(agentur, person)
    profile = profile_get(actor=abh, person=person)
    assert profile.current(EntryKind.SCHOOLING) == []
    assert profile.hidden[0].office == agentur.office


def test_another_kreis_does_not_even_learn_the_person_exists(agentur, elsewhere, person):
    record_entry(agentur, person)
    with pytest.raises(Http404):
        profile_get(actor=elsewhere, person=person)
    with pytest.raises(Http404):
        record_entry(elsewhere, person)


def test_an_office_without_a_case_may_not_record(person, make_persona):
    planner = make_persona("planner")
    with pytest.raises((PermissionDenied, Http404)):
        record_entry(planner, person)
    assert not ProfileEntry.objects.exists()


def test_a_level_without_a_source_is_refused(agentur, person):
    with pytest.raises(ValidationError) as refused:
        record_language(agentur, person, source="")
    assert "without a source" in refused.value.message_dict["source"][0]
    assert not PersonLanguage.objects.exists()


def test_the_current_level_per_skill_is_the_newest_that_rated_it(agentur, jobcenter, person):
    today = timezone.localdate()
    record_language(
        agentur, person, listening="A1", writing="A1", assessed_on=today - timedelta(days=90)
    )
    record_language(jobcenter, person, listening="B1", writing="", source="dtz", assessed_on=today)
    levels = current_language_levels(actor=jobcenter, person=person)["de"]
    assert levels["listening"].level == "B1"
    assert levels["listening"].office == jobcenter.office
    assert levels["writing"].level == "A1"  # the newer assessment did not rate writing


def test_a_replaced_assessment_no_longer_counts(agentur, person):
    wrong = record_language(agentur, person, listening="C1")
    record_language(agentur, person, replaces=wrong, listening="A2")
    levels = current_language_levels(actor=agentur, person=person)["de"]
    assert levels["listening"].level == "A2"
    wrong.refresh_from_db()
    assert wrong.replaced_at is not None
