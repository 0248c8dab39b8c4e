from django.urls import path

from . import views

app_name = "plans"

P = "<int:case_id>/progetto/"

urlpatterns = [
    path(P, views.plan_detail, name="detail"),
    path(P + "crea/", views.plan_create, name="create"),
    path(P + "modifica/", views.plan_update, name="update"),
    path(P + "obiettivi/", views.goal_add, name="goal_add"),
    path(P + "obiettivi/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path(P + "obiettivi/<int:goal_id>/togli/", views.goal_remove, name="goal_remove"),
    path(P + "azioni/", views.action_add, name="action_add"),
    path(P + "azioni/<int:action_id>/", views.action_edit, name="action_edit"),
    path(P + "azioni/<int:action_id>/togli/", views.action_remove, name="action_remove"),
    path(P + "azioni/<int:action_id>/stato/", views.action_progress, name="action_progress"),
    path(P + "condividi/", views.plan_agree, name="agree"),
    path(P + "nuova-versione/", views.plan_freeze, name="freeze"),
    path(P + "verifiche/", views.review_schedule, name="review_schedule"),
    path(P + "verifiche/<int:review_id>/svolgi/", views.review_hold, name="review_hold"),
    path(P + "verifiche/<int:review_id>/annulla/", views.review_cancel, name="review_cancel"),
    path(P + "versioni/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
]
