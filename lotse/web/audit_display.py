"""An audit event as a data-protection officer reads it: labelled fields in the reader's
language instead of codes, model names and a JSON dump."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import Action
from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.audit.vocabulary import ListRead
from lotse.cases.models import NoteVisibility, ReferralKind, ReferralState
from lotse.organisations.models import Office, Role
from lotse.subject_rights.models import CorrectionStatus, DataItem
from lotse.web.case_forms import CATEGORY_LABELS

ACTION_LABELS = {
    Action.VIEW_START: _("open the start page"),
    Action.VIEW_DIRECTORY: _("view the directory of Kreise and offices"),
    Action.VIEW_OFFICE_STAFF: _("view the staff of an office"),
    Action.MANAGE_USERS: _("manage users"),
    Action.MANAGE_REFERENCE_DATA: _("manage reference data"),
    Action.APPROVE_ROLE_GRANT: _("approve a role"),
    Action.APPROVE_REFERENCE_CHANGE: _("approve a reference-data change"),
    Action.VIEW_AUDIT_TRAIL: _("view the audit trail"),
    Action.VIEW_AGGREGATES: _("view statistics"),
    Action.EDIT_PERSON_REGISTRY: _("search and register persons"),
    Action.VIEW_PERSON: _("view person data"),
    Action.EDIT_PERSON: _("change person data"),
    Action.BREAK_GLASS: _("open emergency access"),
    Action.REASSIGN_CASES: _("reassign cases"),
    Action.REVIEW_DUPLICATES: _("review possible duplicates"),
    Action.WORK_ON_CASE: _("work on a case"),
    Action.HANDLE_REFERRAL: _("handle a referral"),
    # the reads of lists (audit_reads)
    **{read: read.label for read in ListRead},
}

# Keys of an event's details → label. Unknown keys are shown as recorded.
DETAIL_LABELS = {
    "fields": _("changed fields"),
    "changed": _("changed"),
    "changes": _("changes"),
    "text": _("searched text"),
    "event_type": _("event"),
    "outcome": _("outcome"),
    "person_id": _("person"),
    "date_from": _("from"),
    "date_to": _("to"),
    "state": _("state"),
    "to": _("to"),
    "from": _("from"),
    "office": _("office"),
    "requesting_office": _("requesting office"),
    "owner": _("office holding the data"),
    "owner_office": _("office holding the data"),
    "role": _("role"),
    "request": _("request no."),
    "requested_by": _("requested by (user no.)"),
    "username": _("user name"),
    "login": _("user name entered"),
    "type": _("kind"),
    "kind": _("kind"),
    "decision": _("decision"),
    "kept": _("record kept"),
    "merged": _("record merged into it"),
    "a": _("first record"),
    "b": _("second record"),
    "likely": _("likely matches"),
    "due_on": _("due on"),
    "until": _("until"),
    "date": _("date"),
    "visibility": _("visibility"),
    "referral": _("referral no."),
    "reminder": _("reminder"),
    "switch": _("Rechtskreiswechsel no."),
    "imported": _("records imported"),
    "data_item": _("data item"),
    "received_on": _("received on"),
    "status": _("status"),
    "change_events": _("audit events of the change"),
    "languages": _("languages"),
    "target": _("changed object"),
    "object": _("object no."),
    "file": _("file"),
    "created": _("created"),
    "demo": _("demo"),
}
_FIELD_LISTS = {"fields", "changed"}
# Keys whose values are codes of a choice: shown by the choice's label.
_VALUE_CHOICES = {
    "state": ReferralState,
    "visibility": NoteVisibility,
    "role": Role,
    "status": CorrectionStatus,
    "data_item": DataItem,
    "event_type": EventType,
    "outcome": Outcome,
}
_DECISIONS = {"rejected": _("not the same person"), "confirmed": _("the same person")}
# Keys whose values are offices' codes: shown by the office's name.
_OFFICE_KEYS = {"to", "office", "requesting_office", "owner", "owner_office"}


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    values: tuple[str, ...] = ()


def _model(label: str):
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def object_label(event: AuditEvent) -> str:
    """ "Person 1f2e…" rather than "people.Person 1f2e…"."""
    model = _model(event.object_type)
    name = str(model._meta.verbose_name) if model is not None else event.object_type
    return f"{name[:1].upper()}{name[1:]} {event.object_id}".strip()


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    if label is None:
        try:
            label = ACTION_LABELS.get(Action(action))
        except ValueError:
            label = None
    return str(label) if label is not None else action


def _field_label(model, name: str) -> str:
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            pass
    return name


def _value(value) -> str:
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_value(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value)
    return str(value)


def _coded_value(key: str, value, offices: dict[str, str]) -> str:
    choices = _VALUE_CHOICES.get(key)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    if key == "decision" and value in _DECISIONS:
        return str(_DECISIONS[value])
    if key == "kind" and value in ReferralKind.values:
        return str(ReferralKind(value).label)
    if key in _OFFICE_KEYS and isinstance(value, str):
        return offices.get(value, value)
    return _value(value)


def detail_rows(event: AuditEvent) -> list[Row]:
    """The event's details, each under its label; codes by their labels, offices by their
    names, changed fields by their labels."""
    model = _model(event.object_type)
    details = event.details or {}
    codes = [v for k, v in details.items() if k in _OFFICE_KEYS and isinstance(v, str)]
    offices = dict(Office.objects.filter(code__in=codes).values_list("code", "name"))
    rows = []
    for key, value in details.items():
        label = str(DETAIL_LABELS.get(key, key))
        if key in _FIELD_LISTS:
            names = value if isinstance(value, list) else [value]
            rows.append(Row(label, "", tuple(_field_label(model, str(name)) for name in names)))
        else:
            rows.append(Row(label, _coded_value(key, value, offices)))
    return rows


def category_labels(event: AuditEvent) -> list[str]:
    return [str(CATEGORY_LABELS.get(category, category)) for category in event.categories or []]
