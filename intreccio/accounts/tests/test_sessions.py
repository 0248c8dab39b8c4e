"""Sessions tracked on the server: administrators see and end them; disabling ends them at once."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from conftest import persona_device
from intreccio.accounts.actions import set_operator_active, set_operator_roles
from intreccio.accounts.models import UserSession
from intreccio.audit.models import DomainEvent


def _logged_in(_unused, user):
    client = Client()
    client.force_login(user)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = persona_device(user).persistent_id
    session.save()
    return client


def test_disabling_an_operator_ends_their_sessions_at_once(network):
    bruno = _logged_in(None, network.bruno)
    key = bruno.session.session_key
    assert bruno.get("/").status_code == 200
    set_operator_active(network.bruno, actor=network.laura, active=False)
    assert not Session.objects.filter(session_key=key).exists()
    assert bruno.get("/").status_code == 302
    tracked = UserSession.objects.get(user=network.bruno)
    assert (tracked.end_reason, tracked.ended_by) == ("account_disabled", network.laura)


def test_removing_every_role_ends_the_sessions(network):
    bruno = _logged_in(None, network.bruno)
    set_operator_roles(network.bruno, actor=network.laura, organisation=network.comune, roles=[])
    assert bruno.get("/").status_code == 302
    assert UserSession.objects.get(user=network.bruno).end_reason == "roles_removed"


def test_an_organisation_admin_sees_and_ends_an_operators_session(client_for, network):
    bruno = _logged_in(None, network.bruno)
    carla = _logged_in(None, network.carla)
    laura = client_for(network.laura)
    page = laura.get(reverse("accounts:session_list"))
    names = [s.user.email for s in page.context["page"].object_list]
    assert sorted(names) == ["bruno@test.intreccio.it", "laura@test.intreccio.it"]  # not Caritas's carla
    tracked = UserSession.objects.get(user=network.bruno)
    response = laura.post(reverse("accounts:session_end", args=[tracked.pk]))
    assert response["Location"] == reverse("accounts:session_list")
    assert bruno.get("/").status_code == 302
    assert carla.get("/").status_code == 200
    event = DomainEvent.objects.get(kind="SESSION_ENDED")
    assert (event.actor, event.subject_id, event.payload["reason"]) == (
        network.laura,
        str(network.bruno.pk),
        "ended_by_admin",
    )


def test_an_admin_of_another_organisation_cannot_end_the_session(client_for, network):
    _logged_in(None, network.bruno)
    tracked = UserSession.objects.get(user=network.bruno)
    response = client_for(network.carla).post(reverse("accounts:session_end", args=[tracked.pk]))
    assert response.status_code == 404
    assert UserSession.objects.get(pk=tracked.pk).ended_at is None
    assert not DomainEvent.objects.filter(kind="SESSION_ENDED").exists()
    assert client_for(network.bruno).get(reverse("accounts:session_list")).status_code == 403


def test_an_operator_ends_their_own_other_session(client_for, network):
    phone = _logged_in(None, network.ana)
    desk = client_for(network.ana)
    page = desk.get(reverse("accounts:security"))
    assert len(page.context["sessions"]) == 2
    other = UserSession.objects.get(session_key=phone.session.session_key)
    desk.post(reverse("accounts:session_end", args=[other.pk]))
    assert phone.get("/").status_code == 302
    assert desk.get("/").status_code == 200
    assert UserSession.objects.get(pk=other.pk).end_reason == "ended_by_user"


def test_the_session_list_has_a_fixed_number_of_queries(client_for, network, django_assert_num_queries):
    for user in (network.ana, network.bruno, network.diana):
        _logged_in(None, user)
    client = client_for(network.laura)
    client.get(reverse("accounts:session_list"))
    # session, user, memberships (active organisation), count, rows (sessions
    # joined with their operator), session renewal: savepoint + update + release.
    # … and the header's count of unread notifications.
    with django_assert_num_queries(9):
        response = client.get(reverse("accounts:session_list"))
    assert len(response.context["page"].object_list) == 4


def test_an_idle_session_expires_on_the_server(client_for, network, settings):
    import datetime

    from django.utils import timezone

    client = client_for(network.laura)
    assert client.get("/").status_code == 200
    stored = Session.objects.get(session_key=client.session.session_key)
    idle = (stored.expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_IDLE_SECONDS - 5 < idle <= settings.SESSION_IDLE_SECONDS  # renewed by the request
    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accesso/?next=/"
