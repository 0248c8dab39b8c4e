from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("accessi/nuovo/", views.intake_create, name="create"),
    path("segnalazioni/nuova/", views.concern_create, name="report"),
    path("accessi/coda/", views.team_queue, name="queue"),
    path("accessi/in-arrivo/", views.inbox, name="inbox"),
    path("accessi/<int:intake_id>/", views.intake_detail, name="detail"),
    path("accessi/<int:intake_id>/presa-in-carico/", views.intake_take, name="take"),
    path("accessi/<int:intake_id>/conferma/", views.intake_acknowledge, name="acknowledge"),
    path("accessi/<int:intake_id>/indirizza/", views.intake_reroute, name="reroute"),
    path("accessi/<int:intake_id>/chiudi/", views.intake_close, name="close"),
    path("accessi/regole/", views.rule_list, name="rules"),
    path("accessi/regole/nuova/", views.rule_form, name="rule_create"),
    path("accessi/regole/<int:rule_id>/", views.rule_form, name="rule_edit"),
    path("accessi/regole/<int:rule_id>/disattiva/", views.rule_deactivate, name="rule_deactivate"),
    path("accessi/termini/", views.deadline_update, name="deadline_update"),
]
