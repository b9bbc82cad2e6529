"""The Bedarfsgemeinschaft of a person in the JSON API: the same selectors and services as the
person page, so the same policy and audit trail apply."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.schemas import BODY_ERRORS, Text, errors
from lotse.audit.vocabulary import Purpose
from lotse.organisations.models import User
from lotse.people.households import MemberInput, household_set
from lotse.people.models import Person
from lotse.people.selectors import household_page_data, person_get

router = Router(tags=["persons"])


class HouseholdMemberOut(Schema):
    person: UUID
    name: str | None  # None: a member the office holds no open case for
    role: str
    valid_from: date
    valid_to: date | None
    end_reason: str


class HouseholdOut(Schema):
    household: int | None
    members: list[HouseholdMemberOut]
    former: list[HouseholdMemberOut]


class HouseholdMemberIn(Schema):
    person: UUID
    role: Text(10)


class HouseholdIn(Schema):
    members: list[HouseholdMemberIn]
    reason: Text(200) = ""


def _member(row) -> dict:
    member = row["member"]
    return {
        "person": member.person_id,
        "name": str(member.person) if row["visible"] else None,
        "role": member.role,
        "valid_from": member.valid_from,
        "valid_to": member.valid_to,
        "end_reason": member.end_reason,
    }


def _household(actor: User, person) -> dict:
    data = household_page_data(actor=actor, person=person)
    return {
        "household": data["household"].pk if data["household"] else None,
        "members": [_member(r) for r in data["household_current"]],
        "former": [_member(r) for r in data["household_former"]],
    }


@router.get("/persons/{person_id}/household", response={200: HouseholdOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def household(request, person_id: UUID):
    """The person's current Bedarfsgemeinschaft and its former members."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.HOUSEHOLD)
    return _household(request.user, person)


@router.put(
    "/persons/{person_id}/household",
    response={200: HouseholdOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def household_replace(request, person_id: UUID, payload: HouseholdIn):
    """Make the person's Bedarfsgemeinschaft consist of `members` (the person among them, one
    applicant): members not listed leave today, new ones join today, a changed role is a leaving
    and a joining; an empty list: the person leaves. Only persons the office holds in an open
    case can be named (422 otherwise, without saying whether the record exists)."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.HOUSEHOLD, edit=True
    )
    found = {
        str(p.pk): p for p in Person.objects.filter(pk__in=[m.person for m in payload.members])
    }
    members = []
    for item in payload.members:
        member = found.get(str(item.person))
        if member is None:
            raise ValidationError(
                _(
                    "A family member can be added only if your office holds the record in an "
                    "open case. Register or link the person first."
                )
            )
        members.append(MemberInput(person=member, role=item.role))
    household_set(actor=request.user, person=person, members=members, reason=payload.reason)
    return _household(request.user, person)
