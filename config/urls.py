from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from lotse.api.api import api

admin.site.site_header = "lotse – Verwaltung"
admin.site.site_title = "lotse"

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    # The language switch is on the sign-in page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("audit/", include("lotse.web.audit_urls")),
    path("", include("lotse.web.urls")),
]

handler400 = "lotse.web.views.error_400"
handler403 = "lotse.web.views.error_403"
handler404 = "lotse.web.views.error_404"
handler500 = "lotse.web.views.error_500"
