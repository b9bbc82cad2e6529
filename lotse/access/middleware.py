"""Staff who can reach person data must have a second factor before they do anything else."""

from allauth.mfa.models import Authenticator
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in user without a second factor may still use: setting one up, signing out,
# switching the language, and static files.
_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/health/")


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not has_second_factor(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "A second factor (TOTP) must be set up before using the API."},
                    status=403,
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class StaffLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user, except the API, which answers 401 itself."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
