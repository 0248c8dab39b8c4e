from django.urls import path

from . import views

app_name = "timeline"

urlpatterns = [
    path("<int:person_id>/storia/", views.person_timeline, name="person"),
]
