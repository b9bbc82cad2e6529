"""allauth integration: no self-service sign-up, and sign-in events in the audit trail."""

from allauth.account.adapter import DefaultAccountAdapter

from lotse.audit.models import EventType, Outcome
from lotse.audit.services import audit_record


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Staff accounts are created by administrators (docs/administration.md).
        return False

    def login(self, request, user) -> None:
        super().login(request, user)
        audit_record(event_type=EventType.LOGIN_SUCCEEDED, actor=user)

    def logout(self, request) -> None:
        user = request.user
        if user.is_authenticated:
            audit_record(event_type=EventType.LOGOUT, actor=user)
        super().logout(request)

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        audit_record(
            event_type=EventType.LOGIN_FAILED,
            outcome=Outcome.DENIED,
            # The name typed in, not a user: it may not exist, and must not be linked to one.
            details={
                "login": str(credentials.get("username") or credentials.get("login") or "")[:150]
            },
        )


def axes_username(request, credentials: dict | None = None) -> str | None:
    """The name a sign-in attempt is made for, as axes counts failures and locks out by it.

    The sign-in form posts it as "login"; allauth passes it to the backends as "username".
    """
    if credentials:
        return credentials.get("username") or credentials.get("login")
    data = getattr(request, "data", request.POST)
    return data.get("login") or data.get("username")
