"""Per-request metadata (client address, request id) for the audit trail.

Set by RequestContextMiddleware; services read it so that their signatures need not carry the
request. Outside a request (commands, the task worker) it is empty.
"""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestMeta:
    ip_address: str | None = None
    request_id: str = ""


_current: ContextVar[RequestMeta] = ContextVar("lotse_request_meta", default=RequestMeta())  # noqa: B039 - frozen


def current_request_meta() -> RequestMeta:
    return _current.get()


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = RequestMeta(
            ip_address=request.META.get("REMOTE_ADDR") or None,
            request_id=request.headers.get("X-Request-ID", "")[:36] or str(uuid.uuid4()),
        )
        request.request_id = meta.request_id
        token = _current.set(meta)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = meta.request_id
        return response
