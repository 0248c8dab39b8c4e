from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("accessibilita/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("healthz", views.health, name="health"),
]
