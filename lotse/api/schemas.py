"""Schemas shared by the API's routers: output of the directory and the audit trail, the one
error schema, and the text types every input field uses."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator

from lotse.core.text import is_storable_text, unstorable_text_message


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


def Text(max_length: int | None = None):
    """A text input field, at most `max_length` characters (the model field's length)."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_storable)]


class ErrorItem(Schema):
    loc: list[str | int] = []
    msg: str
    type: str = ""


class ErrorOut(Schema):
    """Every error answer: a sentence, or (422) one item per field that was refused."""

    detail: str | list[ErrorItem]


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """The error answers an operation documents, besides those every operation has (401: not
    signed in, 403: no second factor, role or CSRF token, 422: a parameter is invalid)."""
    return {code: ErrorOut for code in sorted({401, 403, 422, *codes})}


# Answers of operations that take a JSON body: a body that is no JSON is 400, one over
# DATA_UPLOAD_MAX_MEMORY_SIZE is 413.
BODY_ERRORS = (400, 413)


class KreisOut(Schema):
    code: str
    ags: str
    name: str
    kind: str
    regierungsbezirk: str
    valid_from: date
    valid_to: date | None


class OfficeOut(Schema):
    code: str
    name: str
    kind: str
    jobcenter_form: str
    kreis: str | None
    valid_from: date
    valid_to: date | None

    @staticmethod
    def resolve_kreis(obj) -> str | None:
        return obj.kreis.code if obj.kreis_id else None


class MeOut(Schema):
    username: str
    full_name: str
    office: OfficeOut | None
    team: str | None
    roles: list[str]


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime
    event_type: str
    outcome: str
    actor_label: str
    office: str | None
    action: str
    purpose: str
    basis: str
    # The codes (lotse/audit/vocabulary.py); null for events recorded before them.
    purpose_code: str | None
    legal_bases: list[dict] | None
    reason: str
    object_type: str
    object_id: str
    person_id: str
    # The read of a list page: the ids of all persons it showed (person_id empty); else null.
    persons: list[str] | None
    categories: list[str]

    @staticmethod
    def resolve_office(obj) -> str | None:
        return obj.office.code if obj.office_id else None
