from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.service_search, name="search"),
    path("nuovo/", views.service_create, name="service_create"),
    path("<int:service_id>/", views.service_detail, name="service"),
    path("<int:service_id>/modifica/", views.service_edit, name="service_edit"),
    path("<int:service_id>/proponi/", views.service_propose, name="service_propose"),
    path("<int:service_id>/verifica/", views.service_verify, name="service_verify"),
    path("<int:service_id>/disponibilita/", views.service_capacity, name="service_capacity"),
    path("<int:service_id>/orari/", views.service_schedules, name="service_schedules"),
    path("<int:service_id>/chiusure/", views.closure_add, name="closure_add"),
    path("<int:service_id>/sedi/", views.service_link_location, name="service_link_location"),
    path(
        "<int:service_id>/traduzioni/<str:language>/", views.service_translation, name="service_translation"
    ),
    path("orari/<int:schedule_id>/elimina/", views.schedule_remove, name="schedule_remove"),
    path("chiusure/<int:closure_id>/elimina/", views.closure_remove, name="closure_remove"),
    path("sedi/<int:link_id>/elimina/", views.service_unlink_location, name="service_unlink_location"),
    path("luoghi/", views.location_list, name="locations"),
    path("luoghi/nuovo/", views.location_create, name="location_create"),
    path("luoghi/<int:location_id>/", views.location_detail, name="location"),
    path("luoghi/<int:location_id>/modifica/", views.location_edit, name="location_edit"),
    path("luoghi/<int:location_id>/verifica/", views.location_verify, name="location_verify"),
    path("luoghi/<int:location_id>/attivita/", views.activity_create, name="activity_create"),
    path("luoghi/<int:location_id>/orari/", views.location_schedule_add, name="location_schedule_add"),
    path(
        "luoghi/<int:location_id>/traduzioni/<str:language>/",
        views.location_translation,
        name="location_translation",
    ),
    path("proposte/", views.proposal_list, name="proposals"),
    path("proposte/<int:proposal_id>/", views.proposal_review, name="proposal_review"),
    path("da-verificare/", views.to_verify, name="to_verify"),
    path("bisogni/", views.need_list, name="needs"),
    path("bisogni/nuovo/", views.need_form, name="need_create"),
    path("bisogni/<int:need_id>/", views.need_form, name="need_edit"),
]
