"""The Bedarfsgemeinschaft through its services: created with the family, members joining and
leaving with their history kept, and the records an office may not reach."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.cases.services import FamilyMemberInput, family_register
from lotse.identity.registry import duplicate_check
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.households import (
    MemberInput,
    current_membership,
    household_create,
    household_member_add,
    household_member_remove,
    household_of,
)
from lotse.people.models import HouseholdMember, HouseholdRole, PersonAddress
from lotse.people.tests.factories import person_input, register


def _family(actor):
    head = person_input()
    members = [
        FamilyMemberInput(
            role=HouseholdRole.PARTNER,
            data=person_input(
                "Al-Hassan", "Karim", original=None, birth=(1986, 3, 4), placeholder=False, sex="m"
            ),
        ),
        FamilyMemberInput(
            role=HouseholdRole.CHILD,
            data=person_input(
                "Al-Hassan", "Lina", original=None, birth=(2011, 6, 2), placeholder=False
            ),
        ),
        FamilyMemberInput(
            role=HouseholdRole.CHILD,
            data=person_input(
                "Al-Hassan", "Omar", original=None, birth=(2014, 9, 9), placeholder=False, sex="m"
            ),
        ),
    ]
    return family_register(actor=actor, data=head, candidates=[], decision="new", members=members)


def test_a_family_of_four_is_one_bedarfsgemeinschaft_with_the_address_entered_once(caseworker):
    case = _family(caseworker)
    household = current_membership(case.person).household
    members = household.members.all()
    assert sorted(m.role for m in members) == ["applicant", "child", "child", "partner"]
    assert {m.person_id for m in members if m.role == "applicant"} == {case.person_id}
    # each has the shared address and an open case at the office
    addresses = PersonAddress.objects.filter(person__in=[m.person for m in members])
    assert {(a.street, a.postcode, a.city) for a in addresses} == {
        ("Hauptstr. 1", "72070", "Tübingen")
    }
    assert addresses.count() == 4
    for member in members:
        assert member.person.cases.get().office == caseworker.office
    audited = AuditEvent.objects.filter(
        event_type=EventType.PERSON_CHANGED, details__changed="household"
    )
    assert audited.count() == 4


def test_a_member_joins_and_leaves_and_the_history_stays(caseworker):
    case = _family(caseworker)
    household = current_membership(case.person).household
    grandmother = register(
        caseworker,
        family_name="Hassan",
        given_names="Fatima",
        birth=(1950, None, None),
        placeholder=False,
    )
    joined = household_member_add(
        actor=caseworker, household=household, person=grandmother, role=HouseholdRole.OTHER
    )
    assert len(household_of(case.person)["current"]) == 5
    left = household_member_remove(actor=caseworker, member=joined, reason="moved out")
    view = household_of(case.person)
    assert len(view["current"]) == 4
    assert [m.person for m in view["former"]] == [grandmother]
    assert left.valid_to == timezone.localdate()
    assert HouseholdMember.objects.filter(person=grandmother).count() == 1  # kept, ended
    assert current_membership(grandmother) is None
    assert set(
        AuditEvent.objects.filter(
            person_id=str(grandmother.pk), details__changed="household"
        ).values_list("details__change", flat=True)
    ) == {"joined", "left"}


def test_one_household_at_a_time(caseworker):
    case = _family(caseworker)
    partner = next(
        m.person for m in household_of(case.person)["current"] if m.role == HouseholdRole.PARTNER
    )
    other = register(caseworker, family_name="Yilmaz", given_names="Ayse", original=None)
    with pytest.raises(ValidationError, match="belongs to another Bedarfsgemeinschaft"):
        household_create(
            actor=caseworker,
            members=[
                MemberInput(person=other, role=HouseholdRole.APPLICANT),
                MemberInput(person=partner, role=HouseholdRole.PARTNER),
            ],
        )


def test_only_one_applicant_and_one_partner(caseworker):
    case = _family(caseworker)
    household = current_membership(case.person).household
    other = register(caseworker, family_name="Yilmaz", given_names="Ayse", original=None)
    with pytest.raises(ValidationError, match="only one spouse or partner"):
        household_member_add(
            actor=caseworker, household=household, person=other, role=HouseholdRole.PARTNER
        )


def test_leaving_needs_a_reason_and_a_date_not_before_joining(caseworker):
    case = _family(caseworker)
    member = current_membership(case.person)
    with pytest.raises(ValidationError, match="Say why"):
        household_member_remove(actor=caseworker, member=member, reason=" ")
    with pytest.raises(ValidationError, match="before the member joined"):
        household_member_remove(
            actor=caseworker, member=member, reason="x", valid_to=date(2000, 1, 1)
        )
    with pytest.raises(ValidationError, match="future"):
        household_member_remove(
            actor=caseworker,
            member=member,
            reason="x",
            valid_to=timezone.localdate() + timedelta(days=1),
        )


def test_a_person_the_office_cannot_see_is_not_added(caseworker, other_caseworker):
    """A record held only by an office of another Kreis (Ludwigsburg) cannot join a Tübingen
    household: refused in plain words, the refusal audited, nothing stored."""
    case = _family(caseworker)
    household = current_membership(case.person).household
    elsewhere = register(other_caseworker, family_name="Haile", given_names="Semhar", original=None)
    with pytest.raises(ValidationError, match="holds the record in an open case"):
        household_member_add(
            actor=caseworker, household=household, person=elsewhere, role=HouseholdRole.OTHER
        )
    assert current_membership(elsewhere) is None
    assert AuditEvent.objects.filter(
        object_id=str(elsewhere.pk), outcome=Outcome.DENIED, actor=caseworker
    ).exists()


def test_a_household_of_another_office_is_not_changed(caseworker, other_caseworker):
    case = _family(caseworker)
    household = current_membership(case.person).household
    own = register(other_caseworker, family_name="Haile", given_names="Semhar", original=None)
    with pytest.raises(ValidationError, match="holds the record in an open case"):
        household_member_add(
            actor=other_caseworker, household=household, person=own, role=HouseholdRole.OTHER
        )
    with pytest.raises(ValidationError, match="holds the record in an open case"):
        household_member_remove(
            actor=other_caseworker, member=current_membership(case.person), reason="x"
        )


def test_a_family_member_held_in_another_kreis_is_never_linked(caseworker, other_caseworker):
    """The registry's rule holds for every member: a record held only in another Kreis is
    refused as a link, and the whole family stays unregistered."""
    elsewhere = register(
        other_caseworker,
        family_name="Al-Hassan",
        given_names="Lina",
        original=None,
        birth=(2011, 6, 2),
        placeholder=False,
    )
    data = person_input("Al-Hassan", "Lina", original=None, birth=(2011, 6, 2), placeholder=False)
    candidates = duplicate_check(actor=caseworker, data=data)
    with pytest.raises(ValidationError, match="Family member 1 .*another Kreis"):
        family_register(
            actor=caseworker,
            data=person_input(),
            candidates=[],
            decision="new",
            members=[
                FamilyMemberInput(
                    role=HouseholdRole.CHILD,
                    data=data,
                    candidates=candidates,
                    decision=f"link:{elsewhere.pk}",
                )
            ],
        )
    assert current_membership(elsewhere) is None
    assert not elsewhere.cases.filter(office=caseworker.office).exists()


def test_a_family_member_with_a_decisive_identifier_is_not_registered_twice(caseworker):
    twin = register(
        caseworker,
        family_name="Al-Hassan",
        given_names="Lina",
        original=None,
        identifiers=(("azr", "111122223333"),),
    )
    data = person_input("Al-Hassan", "Lina", original=None, identifiers=(("azr", "111122223333"),))
    candidates = duplicate_check(actor=caseworker, data=data)
    with pytest.raises(ValidationError, match="same identifier exists"):
        family_register(
            actor=caseworker,
            data=person_input("Al-Hassan", "Amal", identifiers=(("azr", "999988887777"),)),
            candidates=[],
            decision="new",
            members=[FamilyMemberInput(role="child", data=data, candidates=candidates)],
        )
    # linking the proposed record works, and it joins the family
    case = family_register(
        actor=caseworker,
        data=person_input("Al-Hassan", "Amal", identifiers=(("azr", "999988887777"),)),
        candidates=[],
        decision="new",
        members=[
            FamilyMemberInput(
                role="child", data=data, candidates=candidates, decision=f"link:{twin.pk}"
            )
        ],
    )
    assert current_membership(twin).household == current_membership(case.person).household


@pytest.fixture
def jobcenter_caseworker(db):
    return UserFactory(
        username="jc-fk", office=reference_office("jc-tubingen-08416"), roles=[Role.CASEWORKER]
    )
