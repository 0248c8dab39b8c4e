import pytest
from django.core import mail
from django.urls import reverse

from intreccio.accounts.actions import add_operator, set_operator_active, set_operator_roles
from intreccio.accounts.models import Membership, User
from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.roles import Role


def test_a_new_operator_gets_roles_and_an_invitation_after_commit(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        operator = add_operator(
            actor=network.laura,
            organisation=network.comune,
            email=" Nuova.Operatrice@Comune.it ",
            given_name="Nina",
            family_name="Rota",
            roles=[Role.CASE_LEAD, Role.ACCESS_POINT_OPERATOR],
        )
    assert len(callbacks) == 1
    assert operator.email == "nuova.operatrice@comune.it"
    assert operator.has_usable_password() is False
    assert operator.roles_in(network.comune) == {Role.CASE_LEAD, Role.ACCESS_POINT_OPERATOR}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nuova.operatrice@comune.it"]
    assert "http://127.0.0.1:8000/password/nuova/" in mail.outbox[0].body
    assert DomainEvent.objects.get(kind="OPERATOR_ROLES_CHANGED", subject_id=str(operator.pk)).payload == {
        "organisation": network.comune.pk,
        "before": [],
        "after": ["access_point_operator", "case_lead"],
    }


def test_an_operator_working_for_two_organisations_keeps_one_account(network):
    operator = add_operator(
        actor=network.sara,
        organisation=network.caritas,
        email=network.ana.email,
        given_name="ignored",
        family_name="ignored",
        roles=[Role.SERVICE_OPERATOR],
    )
    assert operator.pk == network.ana.pk
    assert [o.name for o in operator.organisations] == ["Caritas decanale di Lecco", "Comune di Lecco"]
    assert operator.given_name == "Ana"


def test_an_organisation_admin_cannot_create_system_admins_or_manage_other_organisations(network):
    with pytest.raises(PermissionDenied):
        add_operator(
            actor=network.laura,
            organisation=network.comune,
            email="x@y.it",
            given_name="X",
            family_name="Y",
            roles=[Role.SYSTEM_ADMIN],
        )
    with pytest.raises(PermissionDenied):
        add_operator(
            actor=network.laura,
            organisation=network.caritas,
            email="x@y.it",
            given_name="X",
            family_name="Y",
            roles=[Role.ACCESS_POINT_OPERATOR],
        )
    with pytest.raises(PermissionDenied):
        add_operator(
            actor=network.ana,
            organisation=network.comune,
            email="x@y.it",
            given_name="X",
            family_name="Y",
            roles=[Role.ACCESS_POINT_OPERATOR],
        )
    assert not User.objects.filter(email="x@y.it").exists()


def test_an_operator_needs_at_least_one_known_role(network):
    with pytest.raises(ApplicationError, match="Assegna almeno un ruolo"):
        add_operator(
            actor=network.laura,
            organisation=network.comune,
            email="x@y.it",
            given_name="X",
            family_name="Y",
            roles=[],
        )
    with pytest.raises(ApplicationError, match="Ruoli sconosciuti: wizard"):
        add_operator(
            actor=network.laura,
            organisation=network.comune,
            email="x@y.it",
            given_name="X",
            family_name="Y",
            roles=["wizard"],
        )


def test_replacing_roles_takes_effect_at_the_next_request(client_for, network):
    client = client_for(network.bruno)
    assert client.get(reverse("accounts:home")).context["user"].active_roles == {Role.ACCESS_POINT_OPERATOR}
    set_operator_roles(
        network.bruno, actor=network.laura, organisation=network.comune, roles=[Role.CASE_LEAD]
    )
    assert client.get(reverse("accounts:home")).context["user"].active_roles == {Role.CASE_LEAD}
    assert Membership.objects.get(user=network.bruno, role=Role.ACCESS_POINT_OPERATOR).active is False


def test_an_admin_cannot_demote_themselves(network):
    with pytest.raises(ApplicationError, match="Non puoi togliere a te stesso il ruolo di amministratore"):
        set_operator_roles(
            network.laura, actor=network.laura, organisation=network.comune, roles=[Role.CASE_LEAD]
        )
    assert network.laura.has_role_in(network.comune, Role.ORGANISATION_ADMIN)


def test_a_disabled_account_is_refused_at_its_next_request(client_for, network):
    client = client_for(network.bruno)
    assert client.get(reverse("accounts:home")).status_code == 200
    set_operator_active(network.bruno, actor=network.laura, active=False)
    assert client.get(reverse("accounts:home")).status_code == 302
    assert (
        DomainEvent.objects.filter(kind="OPERATOR_DEACTIVATED", subject_id=str(network.bruno.pk)).count() == 1
    )


def test_an_admin_cannot_disable_someone_who_also_works_elsewhere(network):
    add_operator(
        actor=network.sara,
        organisation=network.caritas,
        email=network.bruno.email,
        given_name="B",
        family_name="M",
        roles=[Role.SERVICE_OPERATOR],
    )
    with pytest.raises(PermissionDenied):
        set_operator_active(network.bruno, actor=network.laura, active=False)
    network.bruno.refresh_from_db()
    assert network.bruno.is_active is True


def test_log_in_failure_and_log_out_are_audited(client, network):
    client.post(reverse("accounts:login"), {"username": network.ana.email, "password": "wrong"})
    client.post(
        reverse("accounts:login"), {"username": network.ana.email, "password": "correct horse battery staple"}
    )
    client.post(reverse("accounts:logout"))
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "outcome", "actor_id"))
    assert actions == [
        ("login_failed", "denied", None),
        ("login", "allowed", network.ana.pk),
        ("logout", "allowed", network.ana.pk),
    ]
    failure = AuditEntry.objects.get(action="login_failed")
    assert network.ana.email not in str(failure.details)
    assert len(failure.details["account_digest"]) == 16


def test_the_operator_list_has_a_fixed_number_of_queries(client_for, network, django_assert_num_queries):
    client = client_for(network.laura)
    # session, user, memberships, paginator count, page of operators, their memberships
    # (prefetch), then the session renewal (savepoint, update, release)
    # … and the header's count of unread notifications.
    with django_assert_num_queries(10):
        response = client.get(reverse("accounts:operator_list"))
    rows = [
        (o.family_name, [m.role for m in o.shown_memberships]) for o in response.context["page"].object_list
    ]
    assert rows == [
        ("Crippa", ["supervisor"]),
        ("Invernizzi", ["case_lead"]),
        ("Mauri", ["access_point_operator"]),
        ("Panzeri", ["organisation_admin"]),
    ]


@pytest.mark.parametrize(
    "persona, status", [("anonymous", 302), ("ana", 403), ("carla", 403), ("laura", 302)]
)
def test_add_operator_page_matrix(client, client_for, network, persona, status):
    http = client if persona == "anonymous" else client_for(getattr(network, persona))
    users = User.objects.count()
    response = http.post(
        reverse("accounts:operator_create"),
        {
            "email": "nuovo@comune.it",
            "given_name": "Nuovo",
            "family_name": "Operatore",
            "roles": ["access_point_operator"],
        },
    )
    assert response.status_code == status
    assert User.objects.count() == users + (1 if persona == "laura" else 0)


def test_an_operator_of_another_organisation_is_not_found(client_for, network):
    client = client_for(network.laura)
    assert client.get(reverse("accounts:operator_detail", args=[network.carla.pk])).status_code == 404
    assert client.get(reverse("accounts:operator_detail", args=[network.ana.pk])).status_code == 200
    # everyone sees their own record
    assert (
        client_for(network.carla)
        .get(reverse("accounts:operator_detail", args=[network.carla.pk]))
        .status_code
        == 200
    )
