from django.urls import path

from lotse.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:event_id>/", views.detail, name="detail"),
]
