"""Notifications: written with the change they announce, read and marked by their recipient only."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from intreccio.core.exceptions import ApplicationError, NotFound, PermissionDenied
from intreccio.notifications import actions, queries
from intreccio.notifications.models import EmailPreference, Notification

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def notify_ana(network, title="Presa in carico n. 7", **kwargs):
    return actions.notify(
        [network.ana], kind=Kind.CASE, title=title, url="/prese-in-carico/", actor=network.diana, **kwargs
    )


def test_a_notification_reaches_the_recipients_but_not_the_actor_and_mails_after_commit(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = actions.notify(
            [network.ana, network.bruno, network.ana, network.diana],
            kind=Kind.CASE,
            title="Presa in carico n. 7",
            actor=network.diana,
        )
    assert sorted(row.recipient.email for row in rows) == ["ana@test.intreccio.it", "bruno@test.intreccio.it"]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@test.intreccio.it",
        "bruno@test.intreccio.it",
    ]
    assert mail.outbox[0].subject == "[Intreccio] Presa in carico n. 7"
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_rolled_back_change_leaves_no_notification_and_sends_no_mail(
    network, django_capture_on_commit_callbacks
):
    def failing_change():
        with transaction.atomic():
            notify_ana(network)
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        failing_change()
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_daily_and_never_wait_for_no_immediate_mail(network, django_capture_on_commit_callbacks):
    actions.set_email_frequency(actor=network.ana, frequency="daily")
    actions.set_email_frequency(actor=network.bruno, frequency="never")
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify(
            [network.ana, network.bruno], kind=Kind.CASE, title="Presa in carico n. 7", actor=network.diana
        )
    assert mail.outbox == []


def test_the_daily_digest_lists_the_unread_once_and_never_mails_who_chose_never(
    network, django_capture_on_commit_callbacks
):
    actions.set_email_frequency(actor=network.ana, frequency="daily")
    actions.set_email_frequency(actor=network.bruno, frequency="never")
    for number in (7, 8):
        actions.notify(
            [network.ana, network.bruno],
            kind=Kind.CASE,
            title=f"Presa in carico n. {number}",
            url="/prese-in-carico/",
            actor=network.diana,
        )
    read = notify_ana(network, title="Già letta")[0]
    actions.mark_read(read, actor=network.ana)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_digests() == {"digests": 1}
    assert [message.to for message in mail.outbox] == [["ana@test.intreccio.it"]]
    body = mail.outbox[0].body
    assert "Presa in carico n. 7" in body
    assert "Presa in carico n. 8" in body
    assert "Già letta" not in body
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_digests() == {"digests": 0}
    assert len(mail.outbox) == 1


def test_only_the_recipient_reads_and_marks(network):
    notification = notify_ana(network)[0]
    with pytest.raises(PermissionDenied):
        actions.mark_read(notification, actor=network.bruno)
    with pytest.raises(NotFound):
        queries.get_notification_for_user(network.bruno, notification.pk)
    assert actions.mark_all_read(actor=network.bruno) == 0
    notification.refresh_from_db()
    assert notification.read_at is None
    now = timezone.now()
    actions.mark_read(notification, actor=network.ana, now=now)
    notification.refresh_from_db()
    assert notification.read_at == now


def test_an_unknown_frequency_is_refused(network):
    with pytest.raises(ApplicationError) as error:
        actions.set_email_frequency(actor=network.ana, frequency="hourly")
    assert error.value.code == "invalid_frequency"
    assert not EmailPreference.objects.exists()


# --- pages --------------------------------------------------------------------------------------


def test_the_header_says_how_many_are_unread(client_for, network):
    for number in range(3):
        notify_ana(network, title=f"Presa in carico n. {number}")
    body = client_for(network.ana).get(reverse("notifications:list")).content.decode()
    assert "Notifiche, 3 non lette" in body
    assert "Notifiche, 1 non letta" not in body


def test_opening_marks_read_and_goes_where_it_points(client_for, network):
    notification = notify_ana(network)[0]
    client = client_for(network.ana)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/prese-in-carico/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert (
        client_for(network.bruno).post(reverse("notifications:open", args=[notification.pk])).status_code
        == 404
    )


def test_mark_all_read_from_the_page(client_for, network):
    for number in range(2):
        notify_ana(network, title=f"Presa in carico n. {number}")
    client = client_for(network.ana)
    client.post(reverse("notifications:mark_all_read"))
    assert queries.unread_count(network.ana) == 0
    assert "non lett" not in client.get(reverse("notifications:list")).content.decode().split("<main")[0]


def test_the_list_has_a_fixed_number_of_queries(client_for, network, django_assert_num_queries):
    for number in range(4):
        notify_ana(network, title=f"Presa in carico n. {number}")
    client = client_for(network.ana)
    url = reverse("notifications:list")
    client.get(url)
    # 1 session, 2 user, 3 memberships, 4 the paginator's count, 5 the header's unread count,
    # 6 the page of notifications with their actors, 7-9 savepoint, session update, release
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


def test_the_preference_page_saves_the_choice(client_for, network):
    client = client_for(network.ana)
    response = client.post(reverse("notifications:preferences"), {"frequency": "daily"})
    assert response.status_code == 302
    assert EmailPreference.objects.get(user=network.ana).frequency == "daily"
    assert 'value="daily" checked' in client.get(reverse("notifications:preferences")).content.decode() or (
        "checked" in client.get(reverse("notifications:preferences")).content.decode()
    )


def test_the_api(client_for, network):
    notification = notify_ana(network)[0]
    notify_ana(network, title="Presa in carico n. 9")
    client = client_for(network.ana)
    assert client.get("/api/v1/notifications/unread-count").json() == {"unread": 2}
    listed = client.get("/api/v1/notifications/").json()
    assert [item["title"] for item in listed["items"]] == ["Presa in carico n. 9", "Presa in carico n. 7"]
    assert client.post(f"/api/v1/notifications/{notification.pk}/read").json()["read_at"] is not None
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 1}
    # client_for logs the one test client in as Bruno from here on.
    assert client_for(network.bruno).post(f"/api/v1/notifications/{notification.pk}/read").status_code == 404


def test_the_digest_is_a_periodic_job():
    from intreccio.core.periodic import registered_jobs

    jobs = {job.name: job.every for job in registered_jobs()}
    assert jobs["notifications.send_digests"] == datetime.timedelta(days=1)
