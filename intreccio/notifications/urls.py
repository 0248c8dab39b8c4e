from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/apri/", views.notification_open, name="open"),
    path("<int:notification_id>/letta/", views.notification_mark_read, name="mark_read"),
    path("segna-tutte/", views.notification_mark_all_read, name="mark_all_read"),
    path("preferenze/", views.email_preference, name="preferences"),
]
