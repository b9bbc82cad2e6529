"""Signals of third-party packages (allauth MFA, axes) forwarded to the audit service.

Receivers only translate the signal into one audit_record call; they hold no logic.
"""

from typing import Any

from allauth.mfa.signals import authenticator_added, authenticator_removed
from axes.signals import user_locked_out
from django.dispatch import receiver
from django.http import HttpRequest

from lotse.audit.models import EventType, Outcome
from lotse.audit.services import audit_record
from lotse.organisations.models import User


@receiver(authenticator_added)
def _authenticator_added(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    audit_record(event_type=EventType.MFA_ENABLED, actor=user, details={"type": authenticator.type})


@receiver(authenticator_removed)
def _authenticator_removed(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any
) -> None:
    audit_record(
        event_type=EventType.MFA_DISABLED, actor=user, details={"type": authenticator.type}
    )


@receiver(user_locked_out)
def _locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    audit_record(
        event_type=EventType.LOGIN_LOCKED_OUT,
        outcome=Outcome.DENIED,
        details={"login": str(username or "")[:150]},
    )
