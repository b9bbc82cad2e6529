"""Writing the audit trail. Every service that changes or reads person data calls audit_record
inside its own transaction, so that the event and the change commit or fail together."""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.core.context import current_request_meta


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    return str(actor)


def audit_record(
    *,
    event_type: EventType,
    actor=None,
    outcome: Outcome = Outcome.ALLOWED,
    action: str = "",
    purpose: str = "",
    basis: str = "",
    reason: str = "",
    obj: models.Model | None = None,
    person_id: str | int | None = None,
    categories: Iterable[str] = (),
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    meta = current_request_meta()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        return AuditEvent.objects.create(
            occurred_at=timezone.now(),
            event_type=event_type,
            outcome=outcome,
            actor=actor if authenticated else None,
            actor_label=_actor_label(actor if authenticated else None),
            office=getattr(actor, "office", None) if authenticated else None,
            action=str(action),
            purpose=purpose[:200],
            basis=basis[:200],
            reason=reason,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            person_id=str(person_id) if person_id is not None else "",
            categories=sorted(str(c) for c in categories),
            details=details or {},
            ip_address=meta.ip_address,
            request_id=meta.request_id,
        )
