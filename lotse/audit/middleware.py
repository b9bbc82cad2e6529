"""One write of the audit trail per request for its reads (lotse.audit.services.audit_batch)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lotse.audit.services import audit_batch


class AuditBatchMiddleware:
    """The events of the request's reads are written in one transaction before the response
    leaves; the events of changes are written inside the services' own transactions, as ever.
    A streamed response's body is produced after this returns: what it records is written at
    once, each event on its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with audit_batch():
            return self.get_response(request)
