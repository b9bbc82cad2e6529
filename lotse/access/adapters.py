"""allauth integration: no self-service sign-up, one form of user names, the client's address
from lotse.core.context, and sign-in events in the audit trail."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from lotse.audit.models import EventType, Outcome
from lotse.audit.services import audit_record
from lotse.core.context import client_ip
from lotse.organisations.models import User


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff accounts are created by administrators (docs/administration.md).
        return False

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        # Every backend (axes' lockout among them) sees the name in its one form.
        if isinstance(credentials.get("username"), str):
            credentials["username"] = User.normalize_username(credentials["username"])
        return super().authenticate(request, **credentials)

    def get_client_ip(self, request: HttpRequest) -> str:
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def login(self, request: HttpRequest, user: User) -> None:
        super().login(request, user)
        audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=user)

    def logout(self, request: HttpRequest) -> None:
        user = request.user
        if user.is_authenticated:
            audit_record(event_type=EventType.LOGOUT, actor=user)
        super().logout(request)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        super().authentication_failed(request, **credentials)
        audit_record(
            event_type=EventType.LOGIN_FAILED,
            outcome=Outcome.DENIED,
            # The name typed in, not a user: it may not exist, and must not be linked to one.
            details={
                "login": str(credentials.get("username") or credentials.get("login") or "")[:150]
            },
        )


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The name a sign-in attempt is made for, as axes counts failures and locks out by it:
    in its one form (User.normalize_username), so that another spelling is the same account.

    The sign-in form posts it as "login"; allauth passes it to the backends as "username".
    """
    if credentials:
        name = credentials.get("username") or credentials.get("login")
    else:
        data = getattr(request, "data", request.POST)
        name = data.get("login") or data.get("username")
    return User.normalize_username(name) if isinstance(name, str) else name
