from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("in-arrivo/", views.inbox, name="inbox"),
    path("inviati/", views.sent, name="sent"),
    path("nuovo/<int:case_id>/", views.send, name="send"),
    path("<int:referral_id>/", views.detail, name="detail"),
    path("<int:referral_id>/stato/", views.move, name="transition"),
    path("<int:referral_id>/assegna/", views.assign, name="assign"),
    path("<int:referral_id>/messaggi/", views.message, name="message"),
    path("allegati/<int:attachment_id>/", views.attachment, name="attachment"),
]
