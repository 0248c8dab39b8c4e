"""URL wiring: each app owns its URLs; the API lives under /api/v1/."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from intreccio.api.hsds import hsds_api
from intreccio.api.main import api

urlpatterns = [
    path("", include("intreccio.accounts.urls")),
    path("", include("intreccio.core.urls")),
    path("lingua/", login_not_required(set_language), name="set_language"),
    path("enti/", include("intreccio.organisations.urls")),
    path("territorio/", include("intreccio.territory.urls")),
    path("privacy/allerte/", include("intreccio.audit.urls")),
    path("api/v1/", api.urls),
    path("hsds/", hsds_api.urls),
    path("servizi/", include("intreccio.directory.urls")),
    path("portale/", include("intreccio.portal.urls")),
    path("persone/", include("intreccio.people.urls")),
    path("prese-in-carico/", include("intreccio.cases.urls")),
    path("risposte/", include("intreccio.responses.urls")),
    path("invii/", include("intreccio.referrals.urls")),
    path("notifiche/", include("intreccio.notifications.urls")),
    path("persone/", include("intreccio.timeline.urls")),
    path("prese-in-carico/", include("intreccio.plans.urls")),
    path("", include("intreccio.intake.urls")),
]
