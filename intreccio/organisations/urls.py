from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("nuovo/", views.organisation_create, name="create"),
    path("<int:organisation_id>/", views.organisation_detail, name="detail"),
    path("<int:organisation_id>/modifica/", views.organisation_edit, name="edit"),
    path("<int:organisation_id>/stato/", views.organisation_set_active, name="set_active"),
    path("<int:organisation_id>/sedi/nuova/", views.site_form, name="site_create"),
    path("<int:organisation_id>/sedi/<int:site_id>/", views.site_form, name="site_edit"),
]
