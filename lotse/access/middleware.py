"""Sign-in required everywhere, the second factor passed in this very session, and no copy of
a signed-in page in any cache."""

from collections.abc import Callable
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from lotse.organisations.models import User

# What a signed-in session that has not passed the second factor may still reach: signing out,
# switching the language, the health check and static files; and either setting a second factor
# up (who has none yet) or entering its code (who has one).
_ALWAYS_OPEN = ("account_logout", "set_language", "web:health")
_OPEN_FOR_SETUP = ("mfa_activate_totp", "account_reauthenticate")
_OPEN_FOR_CODE = ("mfa_reauthenticate",)


def has_second_factor(user: User) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


def passed_second_factor(request: HttpRequest, user: User) -> bool:
    """Did this session pass the second factor? allauth records every authentication step of
    the session (password, "mfa" for a TOTP or recovery code at sign-in or re-entered later),
    for this user only; a session opened any other way has no "mfa" step."""
    return any(step.get("method") == "mfa" for step in get_authentication_records(request, user))


def _is_open(path: str, url_names: tuple[str, ...]) -> bool:
    if path.startswith(settings.STATIC_URL):
        return True
    return any(path == reverse(name) for name in (*_ALWAYS_OPEN, *url_names))


class SecondFactorRequiredMiddleware:
    """Every signed-in session must have passed the second factor before it reaches anything.

    It is not enough that the user has one: a session opened by a sign-in that skipped it
    (a forgotten sign-in path, a future token) is sent to enter the code first. Who has no
    second factor yet is sent to set one up (and then asked for its code once).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or passed_second_factor(request, user):
            return self.get_response(request)
        enrolled = has_second_factor(user)
        if _is_open(request.path, _OPEN_FOR_CODE if enrolled else _OPEN_FOR_SETUP):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            detail = (
                "This session has not passed the second factor (TOTP): sign in again."
                if enrolled
                else "A second factor (TOTP) must be set up before using the API."
            )
            return JsonResponse({"detail": detail}, status=403)
        if not enrolled:
            return redirect(reverse("mfa_activate_totp"))
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")


class StaffLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user, except the API, which answers 401 itself."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class NoStoreMiddleware:
    """Nothing a signed-in session is shown may be kept by a browser or proxy cache: pages,
    API answers and documents carry person data (`Cache-Control: no-store`). Static files are
    served by WhiteNoise before this and keep their own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
        return response
