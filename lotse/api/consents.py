"""Consents in the JSON API: list, record and withdraw, on the same services and policy."""

from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.schemas import BODY_ERRORS, Text, errors
from lotse.audit.vocabulary import Purpose
from lotse.consent.models import Consent
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


def _length(field: str) -> int:
    return Consent._meta.get_field(field).max_length


OfficeCode = Text(Office._meta.get_field("code").max_length)


class ConsentIn(Schema):
    recipients: list[OfficeCode]  # office codes
    categories: list[Text(20)]
    purposes: list[Text(40)]
    given_on: date
    given_how: Text(_length("given_how"))
    explained_language: Text(_length("explained_language"))
    valid_until: date
    disclosing_offices: list[OfficeCode] = []
    explicit_special_categories: bool = False
    purpose_details: Text() = ""
    form_reason: Text(_length("form_reason")) = ""
    interpreter_name: Text(_length("interpreter_name")) = ""
    interpreter_language: Text(_length("interpreter_language")) = ""


class WithdrawIn(Schema):
    reason: Text(500)  # as on the page
    how: Text(_length("withdrawn_how")) = ""


def _offices(codes: list[str]) -> list[Office]:
    return [get_object_or_404(Office, code=code) for code in codes]


@router.get("/persons/{person_id}/consents", response={200: list[ConsentOut], **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def consents(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CONSENT)
    return list(consent_list(actor=request.user, person=person))


@router.post(
    "/persons/{person_id}/consents", response={201: ConsentOut, **errors(404, *BODY_ERRORS)}
)
@requires(Action.EDIT_PERSON, person_data=True)
def consent_create(request, person_id: UUID, payload: ConsentIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CONSENT, edit=True)
    fields = payload.dict()
    fields["recipients"] = _offices(fields["recipients"])
    fields["disclosing_offices"] = _offices(fields["disclosing_offices"])
    consent = consent_record(actor=request.user, person=person, data=ConsentInput(**fields))
    return Status(201, consent)


@router.post(
    "/persons/{person_id}/consents/{consent_id}/withdraw",
    response={200: ConsentOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def consent_withdrawal(request, person_id: UUID, consent_id: int, payload: WithdrawIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.CONSENT, edit=True)
    consent = consent_get(actor=request.user, person=person, consent_id=consent_id)
    return consent_withdraw(
        actor=request.user, consent=consent, reason=payload.reason, how=payload.how
    )
