from datetime import date, datetime

from ninja import Schema


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
    reason: str
    object_type: str
    object_id: str
    person_id: str
    categories: list[str]

    @staticmethod
    def resolve_office(obj) -> str | None:
        return obj.office.code if obj.office_id else None


class ErrorOut(Schema):
    detail: str
