from datetime import date

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.dateparse import parse_date

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.audit.models import EventType, Outcome
from lotse.audit.selectors import AuditFilters, audit_event_get, audit_event_search
from lotse.core.params import search_text


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


@requires(Action.VIEW_AUDIT_TRAIL)
def search(request):
    errors: list[str] = []
    params = request.GET
    filters = AuditFilters(
        text=search_text(request),
        event_type=params.get("event_type", "")
        if params.get("event_type") in EventType.values
        else "",
        outcome=params.get("outcome", "") if params.get("outcome") in Outcome.values else "",
        person_id=search_text(request, "person", limit=64),
        date_from=_date(params.get("from", ""), errors, "from"),
        date_to=_date(params.get("to", ""), errors, "to"),
    )
    page = Paginator(audit_event_search(actor=request.user, filters=filters), 50).get_page(
        params.get("page")
    )
    return render(
        request,
        "audit/search.html",
        {
            "page": page,
            "filters": filters,
            "date_errors": errors,
            "event_types": EventType.choices,
            "outcomes": Outcome.choices,
        },
    )


@requires(Action.VIEW_AUDIT_TRAIL)
def detail(request, event_id: int):
    event = audit_event_get(actor=request.user, event_id=event_id)
    return render(request, "audit/detail.html", {"event": event})
