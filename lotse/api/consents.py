"""Consents in the JSON API: list, record and withdraw, on the same services and policy."""

from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.consent.selectors import consent_get, consent_list
from lotse.consent.services import ConsentInput, consent_record, consent_withdraw
from lotse.organisations.models import Office
from lotse.people.selectors import person_get

router = Router(tags=["consents"])


class ConsentOut(Schema):
    id: int
    person: UUID
    recipients: list[str]
    disclosing_offices: list[str]
    categories: list[str]
    explicit_special_categories: bool
    purposes: list[str]
    purpose_details: str
    given_on: date
    given_how: str
    explained_language: str
    valid_until: date
    withdrawn_at: datetime | None
    withdrawal_reason: str

    @staticmethod
    def resolve_person(obj) -> UUID:
        return obj.person_id

    @staticmethod
    def resolve_recipients(obj) -> list[str]:
        return [office.code for office in obj.recipients.all()]

    @staticmethod
    def resolve_disclosing_offices(obj) -> list[str]:
        return [office.code for office in obj.disclosing_offices.all()]


class ConsentIn(Schema):
    recipients: list[str]  # office codes
    categories: list[str]
    purposes: list[str]
    given_on: date
    given_how: str
    explained_language: str
    valid_until: date
    disclosing_offices: list[str] = []
    explicit_special_categories: bool = False
    purpose_details: str = ""
    form_reason: str = ""
    interpreter_name: str = ""
    interpreter_language: str = ""


class WithdrawIn(Schema):
    reason: str
    how: str = ""


def _offices(codes: list[str]) -> list[Office]:
    return [get_object_or_404(Office, code=code) for code in codes]


@router.get("/persons/{person_id}/consents", response=list[ConsentOut])
@requires(Action.VIEW_PERSON, person_data=True)
def consents(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose="consent")
    return list(consent_list(actor=request.user, person=person))


@router.post("/persons/{person_id}/consents", response={201: ConsentOut})
@requires(Action.EDIT_PERSON, person_data=True)
def consent_create(request, person_id: UUID, payload: ConsentIn):
    person = person_get(actor=request.user, person_id=person_id, purpose="consent", edit=True)
    fields = payload.dict()
    fields["recipients"] = _offices(fields["recipients"])
    fields["disclosing_offices"] = _offices(fields["disclosing_offices"])
    consent = consent_record(actor=request.user, person=person, data=ConsentInput(**fields))
    return 201, consent


@router.post("/persons/{person_id}/consents/{consent_id}/withdraw", response=ConsentOut)
@requires(Action.EDIT_PERSON, person_data=True)
def consent_withdrawal(request, person_id: UUID, consent_id: int, payload: WithdrawIn):
    person = person_get(actor=request.user, person_id=person_id, purpose="consent", edit=True)
    consent = consent_get(actor=request.user, person=person, consent_id=consent_id)
    return consent_withdraw(
        actor=request.user, consent=consent, reason=payload.reason, how=payload.how
    )
