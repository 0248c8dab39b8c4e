from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/stato/", views.case_status, name="status"),
    path("<int:case_id>/passaggio/", views.handover_propose, name="handover_propose"),
    path("<int:case_id>/equipe/", views.member_add, name="member_add"),
    path("<int:case_id>/equipe/<int:user_id>/rimuovi/", views.member_remove, name="member_remove"),
    path("<int:case_id>/diario/", views.note_write, name="note_write"),
    path("passaggi/", views.handover_list, name="handovers"),
    path("passaggi/<int:handover_id>/accetta/", views.handover_accept, name="handover_accept"),
    path("passaggi/<int:handover_id>/rifiuta/", views.handover_decline, name="handover_decline"),
    path("passaggi/<int:handover_id>/annulla/", views.handover_cancel, name="handover_cancel"),
]
