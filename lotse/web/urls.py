from django.urls import path

from lotse.web import views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("kreise/", views.kreis_index, name="kreis_list"),
    path("kreise/<str:code>/", views.kreis_detail, name="kreis_detail"),
    path("offices/", views.office_index, name="office_list"),
    path("offices/<slug:code>/", views.office_detail, name="office_detail"),
    path("account/", views.account, name="account"),
    path("health/", views.health, name="health"),
]
