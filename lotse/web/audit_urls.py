from django.urls import path

from lotse.web import audit_views as views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:event_id>/", views.detail, name="detail"),
]
