"""The plans API: the same actions and rules as the page, in the one error body."""

import json

from intreccio.plans.models import PlanAction, PlanGoal

from .factories import build_plan_setting


def send(client, method, path, payload=None):
    return getattr(client, method)(
        f"/api/v1/plans/{path}", json.dumps(payload or {}), content_type="application/json"
    )


def test_a_lead_writes_and_agrees_a_plan_through_the_api(client_for, network):
    setting = build_plan_setting(network, create_plan=False)
    client = client_for(setting.ana)
    case = setting.case.pk
    assert client.get(f"/api/v1/plans/cases/{case}").status_code == 404
    response = send(client, "post", f"cases/{case}")
    assert response.status_code == 201
    assert len(response.json()["needs"]) == 2
    assert send(client, "post", f"cases/{case}").json()["error"]["code"] == "plan_exists"
    housing = setting.needs["housing"].pk
    goal = send(client, "post", f"cases/{case}/goals", {"description": "Trovare casa", "need_id": housing})
    assert goal.status_code == 201
    goal_id = goal.json()["id"]
    action = send(
        client,
        "post",
        f"cases/{case}/actions",
        {
            "description": "Pacco alimentare",
            "goal_id": goal_id,
            "service_id": setting.directory.food_bank.pk,
            "responsible_id": setting.carla.pk,
        },
    )
    assert action.status_code == 201
    assert action.json()["organisation"] == "Caritas decanale di Lecco"
    patched = send(client, "patch", f"cases/{case}/goals/{goal_id}", {"indicator": "Contratto firmato"})
    assert patched.json()["indicator"] == "Contratto firmato"
    assert send(client, "patch", f"cases/{case}", {"person_words": "Voglio restare"}).status_code == 200
    gaps = client.get(f"/api/v1/plans/cases/{case}/gaps").json()
    assert gaps["needs_without_goal"] == [setting.needs["income"].pk]
    version = send(client, "post", f"cases/{case}/agree", {})
    assert version.status_code == 201
    assert version.json()["number"] == 1
    detail = client.get(f"/api/v1/plans/cases/{case}/versions/1").json()
    assert detail["snapshot"]["person_words"] == "Voglio restare"
    review = send(client, "post", f"cases/{case}/reviews", {"scheduled_on": "2030-01-15"})
    assert review.status_code == 201
    held = send(
        client,
        "post",
        f"cases/{case}/reviews/{review.json()['id']}/hold",
        {"outcomes": [{"goal_id": goal_id, "status": "achieved"}], "summary": "Fatto"},
    )
    assert held.json()["reason"] == "review"
    versions = client.get(f"/api/v1/plans/cases/{case}/versions").json()
    assert [item["number"] for item in versions] == [2, 1]


def test_other_operators_are_refused_and_nothing_changes(client_for, setting):
    case = setting.case.pk
    carla = client_for(setting.carla)
    assert carla.get(f"/api/v1/plans/cases/{case}").status_code == 200
    response = send(carla, "post", f"cases/{case}/goals", {"description": "X"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert (
        send(client_for(setting.elena), "post", f"cases/{case}/goals", {"description": "X"}).status_code
        == 404
    )
    assert not PlanGoal.objects.exists()


def test_the_responsible_operator_reports_progress(client_for, setting):
    client = client_for(setting.ana)
    action = send(
        client,
        "post",
        f"cases/{setting.case.pk}/actions",
        {
            "description": "Pacco",
            "service_id": setting.directory.food_bank.pk,
            "responsible_id": setting.carla.pk,
        },
    ).json()
    response = send(client_for(setting.carla), "post", f"actions/{action['id']}/progress", {"status": "done"})
    assert response.json()["status"] == "done"
    assert (
        send(
            client_for(setting.bruno), "post", f"actions/{action['id']}/progress", {"status": "planned"}
        ).status_code
        == 403
    )
    assert PlanAction.objects.get().status == "done"


def test_the_plan_endpoint_in_a_fixed_number_of_queries(client_for, setting, django_assert_num_queries):
    client = client_for(setting.ana)
    for description in ("Casa", "Lavoro", "Italiano"):
        send(client, "post", f"cases/{setting.case.pk}/goals", {"description": description})
    client.get(f"/api/v1/plans/cases/{setting.case.pk}")
    # 1 session, 2 user, 3 memberships; 4 the case, 5 its members, 6 READ audit entry; 7 the plan,
    # 8-12 needs, goals, actions, versions, reviews (goal outcomes only once there are reviews);
    # 13-15 savepoint, session update, release
    with django_assert_num_queries(15):
        response = client.get(f"/api/v1/plans/cases/{setting.case.pk}")
    assert [goal["description"] for goal in response.json()["goals"]] == ["Casa", "Lavoro", "Italiano"]
