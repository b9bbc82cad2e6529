"""The admin signs in and out through allauth like every other page.

Django's admin has a sign-in form of its own that knows only the password: it would open a
session without the second factor and without a sign-in event. Its login page therefore sends
to the staff sign-in (password, then TOTP, audited by the account adapter), and its logout
signs out through the same adapter, which records it. Changing one's own password goes to
allauth's page as well, which asks for the current password, records the change and ends the
other sessions.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


class StaffAdminSite(admin.AdminSite):
    @method_decorator(never_cache)
    @login_not_required
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Imported here: this module is loaded with the app registry, before the models.
        from django.contrib.auth.views import redirect_to_login

        index = reverse("admin:index", current_app=self.name)
        wanted = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            wanted = index
        if not request.user.is_authenticated:
            # Whatever was posted here is not looked at: no password is checked by the admin.
            return redirect_to_login(wanted, reverse("account_login"))
        if self.has_permission(request):
            return HttpResponseRedirect(wanted)
        # Signed in, but not an administrator: sending to the sign-in would only come back.
        raise PermissionDenied

    def logout(  # type: ignore[override]  # allauth signs out, not a template
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        from allauth.account.adapter import get_adapter

        get_adapter(request).logout(request)
        return redirect("account_login")

    def password_change(  # type: ignore[override]  # allauth changes it
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return redirect("account_change_password")

    def password_change_done(  # type: ignore[override]
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return redirect("account_change_password")


class StaffAdminConfig(AdminConfig):
    default_site = "lotse.access.admin_site.StaffAdminSite"
