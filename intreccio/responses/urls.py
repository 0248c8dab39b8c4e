from django.urls import path

from . import views

app_name = "responses"

urlpatterns = [
    path("", views.response_list, name="list"),
    path("nuova/", views.record, name="record"),
    path("verifica/", views.check, name="check"),
    path("<int:response_id>/annulla/", views.cancel, name="cancel"),
    path("sovrapposizioni/", views.alert_list, name="alerts"),
    path("sovrapposizioni/<int:alert_id>/valuta/", views.decide, name="decide"),
    path("tipi/", views.type_list, name="types"),
    path("tipi/nuovo/", views.type_form, name="type_create"),
    path("tipi/<int:type_id>/", views.type_form, name="type_edit"),
    path("tipi/<int:type_id>/in-uso/", views.type_active, name="type_active"),
]
