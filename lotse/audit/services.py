"""Writing the audit trail. Every service that changes or reads person data calls audit_record
inside its own transaction, so that the event and the change commit or fail together.

A read outside any transaction, during a request, is written with the request's other reads in
one transaction before the response leaves (`audit_batch`, which AuditBatchMiddleware opens
around every request): a person's page that reads six sections writes its six events in one
INSERT and one COMMIT, not six. The response waits for that COMMIT; if it fails, the request
fails and the page is not sent."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import connection, models, transaction
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.audit.vocabulary import (
    PURPOSE_TEXTS,
    Purpose,
    bases_text,
    legal_bases,
    purpose_of_text,
)
from lotse.core.context import current_request_meta

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from lotse.organisations.models import Office, User

# A basis: a LegalBasis (lotse.audit.vocabulary), several, or a text (older callers).
BasisValue = str | Iterable[str] | None


def _purpose_fields(purpose: str | None) -> dict[str, Any]:
    code = purpose_of_text(purpose) if purpose else None
    text = PURPOSE_TEXT.get(code, str(purpose)) if code else str(purpose or "")
    return {"purpose": text[:200], "purpose_code": str(code) if code else None}


# The text a coded purpose is stored as beside its code (the text the trail always held).
PURPOSE_TEXT: dict[Purpose, str] = {code: text for text, code in PURPOSE_TEXTS.items()}


def _basis_fields(basis: BasisValue) -> dict[str, Any]:
    bases = legal_bases(basis)
    return {
        "basis": bases_text(basis)[:200],
        "legal_bases": [item.as_json() for item in bases] if bases else None,
    }


def _actor_label(actor: "User | AnonymousUser | None") -> str:
    if actor is None:
        return "system"
    return str(actor)


def audit_record(
    *,
    event_type: EventType,
    actor: "User | AnonymousUser | None" = None,
    outcome: Outcome = Outcome.ALLOWED,
    action: str = "",
    purpose: str = "",
    basis: BasisValue = "",
    reason: str = "",
    obj: models.Model | None = None,
    person_id: str | int | UUID | None = None,
    categories: Iterable[str] = (),
    details: dict[str, Any] | None = None,
    office: "Office | None" = None,
) -> AuditEvent:
    """`office`: the office whose data controller the event concerns, if not the actor's — an
    attempt on a record held by another office is recorded for that office, so that its
    data-protection officer finds it.
    `purpose`: a Purpose or its text; `basis`: a LegalBasis, several, or a text — stored as
    codes where they are known ones (lotse.audit.vocabulary), and as text beside them."""
    meta = current_request_meta()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return _write(
        AuditEvent(
            occurred_at=timezone.now(),
            event_type=event_type,
            outcome=outcome,
            actor=actor if authenticated else None,  # type: ignore[misc]  # then a User
            actor_label=_actor_label(actor if authenticated else None),
            office=office or (getattr(actor, "office", None) if authenticated else None),
            action=str(action),
            **_purpose_fields(purpose),
            **_basis_fields(basis),
            reason=reason,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            person_id=str(person_id) if person_id is not None else "",
            categories=sorted(str(c) for c in categories),
            details=details or {},
            ip_address=meta.ip_address,
            request_id=meta.request_id,
        )
    )


# The events of the running request's reads, not yet written (audit_batch); None outside one.
_batch: ContextVar[list[AuditEvent] | None] = ContextVar("lotse_audit_batch", default=None)


def _write(event: AuditEvent) -> AuditEvent:
    """Inside a transaction (a service's): written now, to commit or roll back with it. Outside
    one, in a request: kept for the request's one write (audit_batch). Else written now."""
    batch = _batch.get()
    if batch is not None and not _in_transaction():
        batch.append(event)
        return event
    event.save(force_insert=True)  # one INSERT: atomic by itself, and no savepoint needed
    return event


def _in_transaction() -> bool:
    """In a transaction of the code's own. The transaction a test wraps around itself (Django's
    TestCase, pytest-django) does not count, so that the suite's requests batch their reads as
    production's do — Django's own `atomic(durable=True)` makes the same exception."""
    blocks = connection.atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


@contextmanager
def audit_batch() -> Iterator[None]:
    """The reads recorded inside are written together, in one transaction, when it ends —
    also when it ends by an exception, so that a refusal before an error stays recorded. If
    that write fails, its exception leaves the block: what was read is not handed out."""
    token = _batch.set([])
    try:
        yield
    finally:
        events = _batch.get() or []
        _batch.reset(token)
        if events:
            AuditEvent.objects.bulk_create(events)  # one INSERT, in a transaction of its own


def audit_reads(
    *,
    actor: "User",
    objects: Iterable[models.Model],
    person_of: Callable[[Any], object],
    purpose: str,
    basis: BasisValue,
    action: str,
) -> AuditEvent | None:
    """The read of a list page: ONE PERSON_DATA_READ event for all the persons it showed, their
    ids in `persons` (in the order shown, each once), `person_id` empty. A caseload page of 200
    cases is one event, not 200; the search by person (AuditEventQuerySet.about_person) finds it
    for each of them. Nothing is written for a list that showed nobody. (Before December 2026
    each listed object had an event of its own; the trail keeps those as they are.)"""
    objects = list(objects)
    persons = list(dict.fromkeys(str(person_of(obj)) for obj in objects))
    if not persons:
        return None
    types = {obj._meta.label for obj in objects}
    meta = current_request_meta()
    return _write(
        AuditEvent(
            occurred_at=timezone.now(),
            event_type=EventType.PERSON_DATA_READ,
            outcome=Outcome.ALLOWED,
            actor=actor,
            actor_label=_actor_label(actor),
            office=actor.office,
            action=action,
            **_purpose_fields(purpose),
            **_basis_fields(basis),
            object_type=types.pop() if len(types) == 1 else "",
            persons=persons,
            categories=["identity"],
            ip_address=meta.ip_address,
            request_id=meta.request_id,
        )
    )


# Refusals recorded inside a service's transaction: the refusal raises, the transaction rolls
# back — and with it the record of the refusal. atomic_service writes them again afterwards.
_refusals: ContextVar[list[dict] | None] = ContextVar("lotse_refusals", default=None)


def audit_refusal(**fields: Any) -> AuditEvent:
    """Record a refused access (called by the access policy), so that it survives the rollback
    of the service that was refused."""
    event = audit_record(event_type=EventType.ACCESS_DENIED, outcome=Outcome.DENIED, **fields)
    pending = _refusals.get()
    if pending is not None and connection.in_atomic_block:
        pending.append(fields)
    return event


def atomic_service[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """transaction.atomic for services, but a refusal recorded inside stays recorded."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        outermost = _refusals.get() is None
        token = _refusals.set([]) if outermost else None
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except Exception:
            if outermost:
                for fields in _refusals.get() or []:
                    audit_record(
                        event_type=EventType.ACCESS_DENIED, outcome=Outcome.DENIED, **fields
                    )
            raise
        finally:
            if token is not None:
                _refusals.reset(token)

    return wrapper
