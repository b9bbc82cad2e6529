"""The policy's two answers never disagree: for one object (`decide`, `decide_category`) and for a
list (`scope`, `scope_category`).

Hypothesis generates small worlds — persons with open and closed cases at offices of two Kreise,
emergency accesses (running and expired), referrals between offices in every state with shared
categories, consents to offices for categories and purposes, correction requests between offices
— and for every persona, action and object checks that the object is in the scoped queryset
exactly when `decide` allows it (and the same per data category and owning office). Per
category also: a person fetched with what the policy reads (`prefetched_for_policy`: open
cases, running referrals, active consents) is decided as one read alone, and a list of one
candidate (`scope_category` on a page's persons) answers as the whole registry does.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.access.policy import (
    Action,
    Category,
    decide,
    decide_category,
    prefetched_for_policy,
    scope,
    scope_category,
)
from lotse.cases.models import BreakGlass, Case, CaseStatus, Referral, ReferralKind, ReferralState
from lotse.consent.models import Consent, GivenHow, WithdrawnHow
from lotse.organisations.tests.factories import reference_office
from lotse.organisations.tests.personas import (
    ABH_TUEBINGEN,
    JOBCENTER_LUDWIGSBURG,
    JOBCENTER_TUEBINGEN,
    PERSONAS,
    SOZIALAMT_TUEBINGEN,
    create_persona,
)
from lotse.people.models import Person
from lotse.subject_rights.models import CorrectionRequest, DataItem
from lotse.subject_rights.rules import REPORT_PURPOSE

pytestmark = pytest.mark.django_db(transaction=False)

IM_TUEBINGEN = "im-tubingen-08416"
OFFICES = [SOZIALAMT_TUEBINGEN, JOBCENTER_TUEBINGEN, ABH_TUEBINGEN, IM_TUEBINGEN]
OFFICES.append(JOBCENTER_LUDWIGSBURG)
CATEGORIES = [Category.IDENTITY, Category.STATUS, Category.BENEFITS, Category.HEALTH]
CONSENT_PURPOSES = ["integration_counselling", "job_placement", "benefit_application"]
STATES = list(ReferralState.values)
PERSON_QUESTIONS = [
    (Action.VIEW_PERSON, ""),
    (Action.EDIT_PERSON, ""),
    (Action.BREAK_GLASS, ""),
    (Action.VIEW_PERSON, REPORT_PURPOSE),
    (Action.VIEW_AUDIT_TRAIL, ""),
]

office_index = st.integers(0, len(OFFICES) - 1)
# The personas who may see persons at all (the others are refused by role, which every example
# checks anyway); the offices of the Sozialamt Tübingen's caseworkers come first, so that worlds
# where the policy has something to decide are frequent.
persona_key = st.sampled_from(["caseworker", "team_lead", "other_caseworker"])
person_world = st.fixed_dictionaries(
    {
        # office → open (True) or closed (False); one case per office at most
        "cases": st.dictionaries(office_index, st.booleans(), min_size=1, max_size=3),
        "break_glass": st.lists(st.tuples(persona_key, st.booleans()), max_size=3),
        "referrals": st.lists(
            st.tuples(
                office_index,
                office_index,
                st.sampled_from(STATES),
                st.sets(st.sampled_from(CATEGORIES[1:]), max_size=2),
            ),
            max_size=2,
        ),
        "consents": st.lists(
            st.tuples(
                st.sets(office_index, min_size=1, max_size=3),  # recipients
                st.sets(st.sampled_from(CATEGORIES[1:]), min_size=1, max_size=3),
                st.sets(st.sampled_from(CONSENT_PURPOSES), min_size=1, max_size=2),
                st.booleans(),  # explicit mark for special categories
                st.booleans(),  # withdrawn
            ),
            max_size=2,
        ),
        "corrections": st.lists(st.tuples(office_index, office_index), max_size=1),
    }
)
world = st.lists(person_world, min_size=1, max_size=3)


@pytest.fixture
def personas(db):
    return {key: create_persona(key) for key in PERSONAS}


def _build(persons_world, personas) -> list[Person]:
    offices = [reference_office(code) for code in OFFICES]
    now = timezone.now()
    persons = []
    for data in persons_world:
        person = Person.objects.create()
        persons.append(person)
        cases = {}
        for index, is_open in data["cases"].items():
            cases[index] = Case.objects.create(
                person=person,
                office=offices[index],
                opened_at=now,
                opened_reason="generated",
                status=CaseStatus.OPEN if is_open else CaseStatus.CLOSED,
            )
        for key, running in data["break_glass"]:
            BreakGlass.objects.create(
                user=personas[key],
                person=person,
                reason="generated",
                started_at=now - timedelta(hours=1),
                expires_at=now + timedelta(minutes=30 if running else -30),
            )
        for origin, target, state, shared in data["referrals"]:
            Referral.objects.create(
                person=person,
                kind=ReferralKind.SERVICE,
                from_case=cases.get(origin),
                from_office=offices[origin],
                to_office=offices[target],
                purpose="generated",
                shared={str(category): "consent" for category in shared},
                respond_by=timezone.localdate() + timedelta(days=14),
                state=state,
                requested_by=personas["caseworker"],
            )
        for recipients, categories, purposes, explicit, withdrawn in data["consents"]:
            consent = Consent.objects.create(
                person=person,
                categories=sorted(categories),
                purposes=sorted(purposes),
                explicit_special_categories=explicit,
                given_on=timezone.localdate() - timedelta(days=3),
                valid_until=timezone.localdate() + timedelta(days=300),
                given_how=GivenHow.SIGNED_FORM,
                recorded_by_office=offices[0],
                recorded_by=personas["caseworker"],
                recorded_at=now,
                **(_withdrawal(now) if withdrawn else {}),
            )
            consent.recipients.set([offices[index] for index in recipients])
        for received, requested in data["corrections"]:
            CorrectionRequest.objects.create(
                person=person,
                data_item=DataItem.values[0],
                requested_value="generated",
                received_on=timezone.localdate(),
                received_by_office=offices[received],
                requested_by_office=offices[requested],
                recorded_by=personas["caseworker"],
                recorded_at=now,
            )
    return persons


def _withdrawal(now) -> dict:
    return {
        "withdrawn_at": now - timedelta(days=1),
        "withdrawn_how": WithdrawnHow.IN_PERSON,
        "withdrawal_reason": "generated",
    }


def _agree(user, action, model, objects, *, purpose="") -> None:
    scoped = set(
        scope(user, action, model.objects.all(), purpose=purpose).values_list("pk", flat=True)
    )
    for obj in objects:
        allowed = bool(decide(user, action, obj, purpose=purpose))
        assert allowed == (obj.pk in scoped), (user.username, action, purpose, obj)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(persons_world=world)
def test_object_decisions_and_lists_agree(personas, persons_world):
    with transaction.atomic():
        persons = _build(persons_world, personas)
        cases = list(Case.objects.filter(person__in=persons))
        referrals = list(Referral.objects.filter(person__in=persons))
        corrections = list(CorrectionRequest.objects.filter(person__in=persons))
        for user in personas.values():
            for action, purpose in PERSON_QUESTIONS:
                _agree(user, action, Person, persons, purpose=purpose)
            for action in (Action.WORK_ON_CASE, Action.REASSIGN_CASES):
                _agree(user, action, Case, cases)
            _agree(user, Action.HANDLE_REFERRAL, Referral, referrals)
            for action in (Action.VIEW_PERSON, Action.EDIT_PERSON):
                _agree(user, action, CorrectionRequest, corrections)
        transaction.set_rollback(True)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(persons_world=world, purpose=st.sampled_from(["", *CONSENT_PURPOSES]))
def test_category_decisions_and_lists_agree(personas, persons_world, purpose):
    with transaction.atomic():
        persons = _build(persons_world, personas)
        offices = [reference_office(code) for code in OFFICES]
        ids = [person.pk for person in persons]
        for user in personas.values():
            if user.office is None:
                continue
            fetched = prefetched_for_policy(Person.objects.filter(pk__in=ids)).in_bulk(ids)
            for category in CATEGORIES:
                for owner in offices:
                    scoped = set(
                        scope_category(
                            user,
                            Person.objects.all(),
                            category,
                            owner_office=owner,
                            purpose=purpose,
                        ).values_list("pk", flat=True)
                    )
                    for person in persons:
                        allowed = bool(
                            decide_category(
                                user, person, category, owner_office=owner, purpose=purpose
                            )
                        )
                        asked = (user.username, category, owner.code, purpose)
                        assert allowed == (person.pk in scoped), asked
                        prefetched = decide_category(
                            user, fetched[person.pk], category, owner_office=owner, purpose=purpose
                        )
                        assert bool(prefetched) == allowed, asked
                        assert prefetched.basis == (
                            decide_category(
                                user, person, category, owner_office=owner, purpose=purpose
                            ).basis
                        ), asked
                        one = scope_category(
                            user,
                            Person.objects.filter(pk=person.pk),
                            category,
                            owner_office=owner,
                            purpose=purpose,
                        )
                        assert one.exists() == allowed, asked
        transaction.set_rollback(True)
