from django.urls import path

from . import views

app_name = "territory"

urlpatterns = [
    path("", views.territory_map, name="map"),
    path("confini.geojson", views.boundaries, name="boundaries"),
    path("microterritori/nuovo/", views.micro_territory_form, name="micro_territory_create"),
    path("microterritori/<int:micro_territory_id>/", views.micro_territory_detail, name="micro_territory"),
    path(
        "microterritori/<int:micro_territory_id>/modifica/",
        views.micro_territory_form,
        name="micro_territory_edit",
    ),
]
