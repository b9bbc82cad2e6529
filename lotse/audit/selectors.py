"""Searching the audit trail (data-protection officers)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lotse.access.policy import Action, authorize
from lotse.access.selectors import controller_offices
from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.organisations.models import User


@dataclass(frozen=True)
class AuditFilters:
    text: str = ""
    event_type: str = ""
    outcome: str = ""
    person_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
    # The records that `person_id` (as typed: a name in any spelling, a birth year, an
    # identifier or the record's id) found in the registry — people.selectors.person_ids_matching.
    # None: `person_id` is taken as the record's id.
    person_ids: tuple[str, ...] | None = None

    def as_details(self) -> dict[str, str]:
        return {
            k: str(v) for k, v in self.__dict__.items() if k != "person_ids" and v not in ("", None)
        }


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_event_search(*, actor: User, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Events of the actor's own data controller, newest first. The search itself is logged,
    because the trail names persons and staff."""
    authorize(actor, Action.VIEW_AUDIT_TRAIL, purpose=Purpose.DATA_PROTECTION_CONTROL)
    assert actor.office is not None  # authorized: a data-protection officer of an office
    events = AuditEvent.objects.filter(office__in=controller_offices(actor.office)).select_related(
        "office"
    )
    if filters.text:
        events = events.filter(
            Q(actor_label__icontains=filters.text)
            | Q(object_id=filters.text)
            | Q(reason__icontains=filters.text)
            | Q(purpose__icontains=filters.text)
        )
    if filters.event_type:
        events = events.filter(event_type=filters.event_type)
    if filters.outcome:
        events = events.filter(outcome=filters.outcome)
    # By person: their own events and the lists that showed them.
    if filters.person_ids is not None:
        events = events.about_persons(filters.person_ids)
    elif filters.person_id:
        events = events.about_person(filters.person_id)
    if filters.date_from:
        events = events.filter(occurred_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        events = events.filter(occurred_at__lt=_day_start(filters.date_to) + timedelta(days=1))
    audit_record(
        event_type=EventType.AUDIT_TRAIL_SEARCHED,
        actor=actor,
        purpose=Purpose.DATA_PROTECTION_CONTROL,
        details=filters.as_details(),
    )
    return events


def audit_event_get(*, actor: User, event_id: int) -> AuditEvent:
    event = get_object_or_404(AuditEvent.objects.select_related("office", "actor"), pk=event_id)
    authorize(actor, Action.VIEW_AUDIT_TRAIL, event, purpose=Purpose.DATA_PROTECTION_CONTROL)
    return event
