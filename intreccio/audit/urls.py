from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("<int:alert_id>/", views.alert_detail, name="alert_detail"),
]
