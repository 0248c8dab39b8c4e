from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("cerca/", views.search, name="search"),
    path("nuova/", views.register, name="register"),
    path("<int:person_id>/", views.person_page, name="person"),
    path("<int:person_id>/modifica/", views.edit, name="edit"),
    path("<int:person_id>/documenti/", views.documents, name="documents"),
    path("<int:person_id>/nomi/<int:name_id>/elimina/", views.name_remove, name="name_remove"),
    path("<int:person_id>/nucleo/", views.network, name="network"),
    path("<int:person_id>/nucleo/<int:membership_id>/uscita/", views.membership_end, name="membership_end"),
    path("<int:person_id>/condivisione/", views.sharing, name="sharing"),
    path("<int:person_id>/condivisione/revoca/", views.sharing_withdraw, name="sharing_withdraw"),
    path("<int:person_id>/informativa/", views.notice, name="notice"),
    path("<int:person_id>/informativa/pdf/", views.notice_pdf, name="notice_pdf"),
    path("<int:person_id>/accessi/", views.access_report, name="access_report"),
    path("<int:person_id>/accessi/pdf/", views.access_report_pdf, name="access_report_pdf"),
]
