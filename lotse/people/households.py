"""The Bedarfsgemeinschaft (BG): who lives and is provided for together.

A household's members come and go with dates; a member who leaves keeps the row with its
`valid_to`, so the history stays. A person belongs to one household at a time. Every write asks
the policy for each person it touches (the office must hold the person in an open case: records
held only elsewhere are never reached through a household) and writes a `person.changed` audit
event for each of them.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.organisations.models import User
from lotse.people.models import Household, HouseholdMember, HouseholdRole, Person

PURPOSE = "household"

# At most this many of a role in one household.
_SINGLE_ROLES = {HouseholdRole.APPLICANT: 1, HouseholdRole.PARTNER: 1}


@dataclass(frozen=True)
class MemberInput:
    person: Person
    role: str


def current_membership(person: Person) -> HouseholdMember | None:
    """The person's current membership (the one without an end), or None."""
    return (
        HouseholdMember.objects.filter(person=person, valid_to__isnull=True)
        .select_related("household")
        .first()
    )


def current_members(household: Household) -> list[HouseholdMember]:
    return list(
        household.members.filter(valid_to__isnull=True)
        .select_related("person")
        .prefetch_related("person__names")
        .order_by("valid_from", "pk")
    )


def _may_edit(actor: User, person: Person) -> None:
    """The policy decides (refusals are audited); a person the office cannot see is refused in
    plain words without saying whether or where the record exists."""
    try:
        authorize(
            actor, Action.EDIT_PERSON, person, purpose=PURPOSE, categories=[Category.IDENTITY]
        )
    except Http404:
        raise ValidationError(
            _(
                "A family member can be added only if your office holds the record in an open "
                "case. Register or link the person first."
            )
        ) from None


def _check_role(role: str) -> None:
    if role not in HouseholdRole.values:
        raise ValidationError({"role": _("Choose the member's role in the Bedarfsgemeinschaft.")})


def _check_day(day: date) -> None:
    if day > timezone.localdate():
        raise ValidationError({"valid_from": _("The date lies in the future.")})


def _check_roles(roles: list[str]) -> None:
    for role, most in _SINGLE_ROLES.items():
        if roles.count(role) > most:
            raise ValidationError(
                {
                    "role": _("A Bedarfsgemeinschaft has only one %(role)s.")
                    % {"role": HouseholdRole(role).label}
                }
            )


def _not_elsewhere(person: Person, household: Household | None = None) -> None:
    membership = HouseholdMember.objects.filter(person=person, valid_to__isnull=True).first()
    if membership is not None and membership.household_id != getattr(household, "pk", None):
        raise ValidationError(
            _(
                "%(person)s belongs to another Bedarfsgemeinschaft. End that membership first "
                "(a person belongs to one at a time)."
            )
            % {"person": person}
        )
    if membership is not None:
        raise ValidationError(
            _("%(person)s belongs to this Bedarfsgemeinschaft already.") % {"person": person}
        )


def _audit(actor: User, member: HouseholdMember, change: str, reason: str = "") -> None:
    audit_record(
        event_type=EventType.PERSON_CHANGED,
        actor=actor,
        obj=member.household,
        person_id=member.person_id,
        purpose=PURPOSE,
        reason=reason,
        categories=[Category.IDENTITY],
        details={
            "changed": "household",
            "change": change,
            "household": str(member.household_id),
            "role": member.role,
            "from": member.valid_from.isoformat(),
            "until": member.valid_to.isoformat() if member.valid_to else "",
        },
    )


def _join(actor: User, household: Household, member: MemberInput, day: date) -> HouseholdMember:
    joined = HouseholdMember.objects.create(
        household=household,
        person=member.person,
        role=member.role,
        valid_from=day,
        recorded_by=actor.office,
    )
    _audit(actor, joined, "joined")
    return joined


@atomic_service
def household_create(
    *, actor: User, members: list[MemberInput], valid_from: date | None = None
) -> Household:
    """A new Bedarfsgemeinschaft of `members` (one of them the applicant) from `valid_from`."""
    day = valid_from or timezone.localdate()
    _check_day(day)
    if not members:
        raise ValidationError(_("A Bedarfsgemeinschaft needs at least one member."))
    for member in members:
        _check_role(member.role)
        _may_edit(actor, member.person)
    roles = [m.role for m in members]
    if roles.count(HouseholdRole.APPLICANT) != 1:
        raise ValidationError({"role": _("Name exactly one applicant.")})
    _check_roles(roles)
    if len({m.person.pk for m in members}) != len(members):
        raise ValidationError(_("The same person is named twice."))
    for member in members:
        _not_elsewhere(member.person)
    household = Household.objects.create(created_by_office=actor.office)
    for member in members:
        _join(actor, household, member, day)
    return household


@atomic_service
def household_member_add(
    *, actor: User, household: Household, person: Person, role: str, valid_from: date | None = None
) -> HouseholdMember:
    """`person` joins `household`. The actor's office must hold the person and a current
    member of the household in open cases."""
    day = valid_from or timezone.localdate()
    _check_day(day)
    _check_role(role)
    members = current_members(household)
    if not members:
        raise ValidationError(_("This Bedarfsgemeinschaft has no current members."))
    _may_edit(actor, members[0].person)
    _may_edit(actor, person)
    _check_roles([*(m.role for m in members), role])
    _not_elsewhere(person, household)
    return _join(actor, household, MemberInput(person=person, role=role), day)


@atomic_service
def household_join(*, actor: User, person: Person, member: Person, role: str) -> HouseholdMember:
    """`member` joins `person`'s Bedarfsgemeinschaft; without one, it is started with `person`
    as the applicant."""
    membership = current_membership(person)
    if membership is None:
        household = household_create(
            actor=actor,
            members=[
                MemberInput(person=person, role=HouseholdRole.APPLICANT),
                MemberInput(person=member, role=role),
            ],
        )
        return household.members.get(person=member)
    return household_member_add(
        actor=actor, household=membership.household, person=member, role=role
    )


REASON_MAX_LENGTH = 200  # HouseholdMember.end_reason


def _check_reason(reason: str) -> None:
    if len(reason.strip()) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("At most %(count)s characters.") % {"count": REASON_MAX_LENGTH}}
        )


@atomic_service
def household_member_remove(
    *, actor: User, member: HouseholdMember, reason: str, valid_to: date | None = None
) -> HouseholdMember:
    """The member leaves on `valid_to` (today by default); the row stays as history."""
    member = HouseholdMember.objects.select_for_update().get(pk=member.pk)
    _may_edit(actor, member.person)
    if member.valid_to is not None:
        raise ValidationError(_("This member has left the Bedarfsgemeinschaft already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the member leaves.")})
    _check_reason(reason)
    day = valid_to or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"valid_to": _("The date lies in the future.")})
    if day < member.valid_from:
        raise ValidationError(
            {"valid_to": _("The date lies before the member joined the Bedarfsgemeinschaft.")}
        )
    member.valid_to = day
    member.end_reason = reason.strip()
    member.save(update_fields=["valid_to", "end_reason", "updated_at"])
    _audit(actor, member, "left", reason)
    return member


@atomic_service
def household_set(
    *, actor: User, person: Person, members: list[MemberInput], reason: str = ""
) -> Household | None:
    """Make `person`'s current Bedarfsgemeinschaft consist of `members` (the API's PUT): new
    members join, missing ones leave, a changed role is a leaving and a joining. `person` must
    be among the members, or the list empty (then `person` leaves)."""
    _may_edit(actor, person)
    _check_reason(reason)
    wanted = {str(m.person.pk): m for m in members}
    if len(wanted) != len(members):
        raise ValidationError(_("The same person is named twice."))
    if members and str(person.pk) not in wanted:
        raise ValidationError(_("The person must be a member of their own Bedarfsgemeinschaft."))
    for member in members:
        _check_role(member.role)
    membership = current_membership(person)
    if membership is None:
        return household_create(actor=actor, members=members) if members else None
    household = membership.household
    reason = reason.strip() or _("Bedarfsgemeinschaft changed")
    if not members:
        household_member_remove(actor=actor, member=membership, reason=reason)
        return None
    _replace_members(actor, household, wanted, reason)
    return household


def _replace_members(actor: User, household: Household, wanted: dict, reason: str) -> None:
    current = {str(m.person_id): m for m in current_members(household)}
    for pid, row in current.items():
        if pid not in wanted or wanted[pid].role != row.role:
            household_member_remove(actor=actor, member=row, reason=reason)
    roles = [m.role for m in wanted.values()]
    if roles.count(HouseholdRole.APPLICANT) != 1:
        raise ValidationError({"role": _("Name exactly one applicant.")})
    _check_roles(roles)
    for pid, member in wanted.items():
        if pid not in current or current[pid].role != member.role:
            _may_edit(actor, member.person)
            _not_elsewhere(member.person, household)
            _join(actor, household, member, timezone.localdate())


def household_of(person: Person) -> dict | None:
    """The person's current Bedarfsgemeinschaft and its history, for a page or the API (the
    caller has authorised the read of `person`)."""
    membership = current_membership(person)
    if membership is None:
        return None
    household = membership.household
    rows = list(
        household.members.select_related("person")
        .prefetch_related("person__names")
        .order_by("valid_from", "pk")
    )
    return {
        "household": household,
        "current": [m for m in rows if m.valid_to is None],
        "former": [m for m in rows if m.valid_to is not None],
    }
