from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("accesso/", views.login_view, name="login"),
    path("accesso/verifica/", views.two_factor_verify, name="two_factor_verify"),
    path("accesso/autenticazione-a-due-fattori/", views.two_factor_enrol, name="two_factor_enrol"),
    path("uscita/", views.logout_view, name="logout"),
    path("password/recupero/", views.password_reset, name="password_reset"),
    path("password/recupero/inviata/", views.password_reset_done, name="password_reset_done"),
    path("password/nuova/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/nuova/completata/", views.password_reset_complete, name="password_reset_complete"),
    path("password/modifica/", views.password_change, name="password_change"),
    path("password/modifica/fatto/", views.password_change_done, name="password_change_done"),
    path("ente-attivo/", views.switch_organisation, name="switch_organisation"),
    path("operatori/", views.operator_list, name="operator_list"),
    path("operatori/nuovo/", views.operator_create, name="operator_create"),
    path("operatori/sessioni/", views.session_list, name="session_list"),
    path("operatori/<int:operator_id>/", views.operator_detail, name="operator_detail"),
    path("operatori/<int:operator_id>/modifica/", views.operator_edit, name="operator_edit"),
    path("operatori/<int:operator_id>/stato/", views.operator_set_active, name="operator_set_active"),
    path("equipe/", views.team_list, name="team_list"),
    path("equipe/nuova/", views.team_create, name="team_create"),
    path("equipe/<int:team_id>/modifica/", views.team_edit, name="team_edit"),
    path("profilo/", views.profile, name="profile"),
    path("profilo/sicurezza/", views.security, name="security"),
    path("profilo/sicurezza/conferma/", views.reauthenticate, name="reauthenticate"),
    path("profilo/sicurezza/codici/", views.recovery_codes_regenerate, name="recovery_codes_regenerate"),
    path("sessioni/<int:session_id>/chiudi/", views.session_end, name="session_end"),
    path("profilo/token/", views.api_token_create, name="api_token_create"),
    path("profilo/token/<int:token_id>/revoca/", views.api_token_revoke, name="api_token_revoke"),
]
