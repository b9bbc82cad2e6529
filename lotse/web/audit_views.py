"""The data-protection officer's audit trail: the search (a person found by any spelling of a
name, a birth year or an identifier, as the registry search finds them) and one event."""

from datetime import date

from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.models import EventType, Outcome
from lotse.audit.selectors import AuditFilters, audit_event_get, audit_event_search
from lotse.core.params import search_text
from lotse.people.selectors import person_ids_matching
from lotse.web.audit_display import action_label, category_labels, detail_rows, object_label
from lotse.web.listing import Sort, paginate


def _date(value: str, errors: list[str], label: str) -> date | None:
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.append(label)
    return parsed


@require_safe
@requires(Action.VIEW_AUDIT_TRAIL)
def search(request):
    errors: list[str] = []
    params = request.GET
    person = search_text(request, "person", limit=100)
    filters = AuditFilters(
        text=search_text(request),
        event_type=params.get("event_type", "")
        if params.get("event_type") in EventType.values
        else "",
        outcome=params.get("outcome", "") if params.get("outcome") in Outcome.values else "",
        person_id=person,
        person_ids=person_ids_matching(actor=request.user, query=person) if person else None,
        date_from=_date(params.get("from", ""), errors, "from"),
        date_to=_date(params.get("to", ""), errors, "to"),
    )
    listing = paginate(
        request,
        audit_event_search(actor=request.user, filters=filters),
        sorts={
            "time": Sort(_("Time"), ("occurred_at",)),
            "event": Sort(_("Event"), ("event_type",)),
            "user": Sort(_("User"), ("actor_label",)),
        },
        default="-time",
        per_page=50,
        label=_("Pages of the audit trail"),
    )
    return render(
        request,
        "audit/search.html",
        {
            "page": listing.page,
            "rows": [(event, object_label(event)) for event in listing.page],
            "listing": listing,
            "filters": filters,
            "date_errors": errors,
            "event_types": EventType.choices,
            "outcomes": Outcome.choices,
        },
    )


@require_safe
@requires(Action.VIEW_AUDIT_TRAIL)
def detail(request, event_id: int):
    event = audit_event_get(actor=request.user, event_id=event_id)
    return render(
        request,
        "audit/detail.html",
        {
            "event": event,
            "action": action_label(event.action),
            "object": object_label(event),
            "categories": category_labels(event),
            "details": detail_rows(event),
        },
    )
