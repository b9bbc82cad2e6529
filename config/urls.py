from django.contrib import admin
from django.urls import include, path

from lotse.api.api import api

admin.site.site_header = "lotse – Verwaltung"
admin.site.site_title = "lotse"

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("audit/", include("lotse.audit.urls")),
    path("", include("lotse.web.urls")),
]

handler403 = "lotse.web.views.error_403"
handler404 = "lotse.web.views.error_404"
handler500 = "lotse.web.views.error_500"
