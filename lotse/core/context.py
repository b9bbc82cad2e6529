"""Per-request metadata (client address, request id) for the audit trail.

Set by RequestContextMiddleware; services read it so that their signatures need not carry the
request. Outside a request (commands, the task worker) it is empty.

`client_ip(request)` is the one place that says where a request comes from: the audit trail,
the sign-in lockout (axes, AXES_CLIENT_IP_CALLABLE) and allauth's rate limits (the account
adapter's get_client_ip) all ask it.
"""

import ipaddress
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# A request id from the client (a load balancer, a calling system) is kept only when it is one
# token of letters, digits, ".", "_" and "-" that fits the audit trail's column (a UUID does).
REQUEST_ID_MAX_LENGTH = 36
_REQUEST_ID = re.compile(rf"[A-Za-z0-9._-]{{1,{REQUEST_ID_MAX_LENGTH}}}")


@dataclass(frozen=True)
class RequestMeta:
    ip_address: str | None = None
    request_id: str = ""


_current: ContextVar[RequestMeta] = ContextVar("lotse_request_meta", default=RequestMeta())  # noqa: B039 - frozen


def current_request_meta() -> RequestMeta:
    return _current.get()


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind LOTSE_PROXY_COUNT reverse proxies the
    address the outermost of them saw, which it appended to X-Forwarded-For.

    Each proxy appends the address it was connected from, so with N proxies the client is the
    N-th entry from the right; whatever stands further left was sent by the client itself and
    is not trusted. Without proxies configured, X-Forwarded-For is ignored (anyone can send
    it). A header shorter than the configured depth, or an entry that is no address, means
    the request did not come through the proxies as configured: REMOTE_ADDR is used.
    """
    remote = _address(request.META.get("REMOTE_ADDR"))
    depth = settings.LOTSE_PROXY_COUNT
    if not depth:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < depth:
        return remote
    return _address(hops[-depth]) or remote


def request_id_of(request: HttpRequest) -> str:
    """The client's X-Request-ID if well-formed, else a new one (never the client's text)."""
    sent: str = request.headers.get("X-Request-ID", "")
    if _REQUEST_ID.fullmatch(sent):
        return sent
    return str(uuid.uuid4())


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = RequestMeta(ip_address=client_ip(request), request_id=request_id_of(request))
        request.request_id = meta.request_id  # type: ignore[attr-defined]
        token = _current.set(meta)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = meta.request_id
        return response
