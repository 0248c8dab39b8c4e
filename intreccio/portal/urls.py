from django.conf import settings
from django.urls import path, register_converter

from . import views


class PortalLanguage:
    """The portal's languages in its URLs (/portale/ar/…)."""

    regex = "|".join(code for code, _name in settings.PORTAL_LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PortalLanguage, "portal_language")

app_name = "portal"

urlpatterns = [
    path("", views.portal_root, name="root"),
    path("operatori/richieste/", views.help_request_list, name="help_requests"),
    path("operatori/richieste/<int:help_request_id>/", views.help_request_detail, name="help_request"),
    path("operatori/riscontri/", views.feedback_list, name="feedback_list"),
    path("<portal_language:lang>/", views.home, name="home"),
    path("<portal_language:lang>/cerca/", views.search, name="search"),
    path("<portal_language:lang>/servizi/<int:service_id>/", views.service_page, name="service"),
    path(
        "<portal_language:lang>/servizi/<int:service_id>/scheda.pdf",
        views.service_sheet,
        name="service_sheet",
    ),
    path("<portal_language:lang>/luoghi/<int:location_id>/", views.place_page, name="place"),
    path(
        "<portal_language:lang>/microterritori/<int:micro_territory_id>/",
        views.micro_territory_page,
        name="micro_territory",
    ),
    path("<portal_language:lang>/mappa/", views.map_page, name="map"),
    path("<portal_language:lang>/mappa/punti.json", views.map_points, name="map_points"),
    path("<portal_language:lang>/mappa/confini.geojson", views.map_boundaries, name="map_boundaries"),
    path("<portal_language:lang>/questa-settimana/", views.this_week, name="this_week"),
    path("<portal_language:lang>/chiedi-aiuto/", views.ask_for_help, name="ask_for_help"),
    path("<portal_language:lang>/chiedi-aiuto/ricevuta/<str:token>/", views.receipt, name="receipt"),
    path("<portal_language:lang>/riscontro/", views.feedback, name="feedback"),
    path("<portal_language:lang>/accessibilita/", views.accessibility, name="accessibility"),
    path("<portal_language:lang>/privacy/", views.privacy, name="privacy"),
]
