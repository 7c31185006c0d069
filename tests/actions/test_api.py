"""The action plan through the API (contract: POST/GET /actions, PATCH /actions/<id>)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.actions.conftest import action_input
from tests.factories import make_point


def create(client, **overrides):
    return client.post("/api/v1/actions", action_input(**overrides))


def test_create_action_as_auditor_returns_201_with_id_version_and_overdue(api, session, clock):
    point = make_point(session)
    response = create(api("auditor"), point=point)
    assert response.status_code == 201
    body = response.get_json()
    assert body["id"] > 0 and body["version"] == 1 and body["overdue"] is False
    assert body["point_id"] == point.id and body["municipality"] == "Krokom"
    assert body["financing"] == {
        "source": "Kommunens beredskapsanslag",
        "amount_sek": 12000,
        "approved": True,
    }
    assert response.headers["Location"].endswith(f"/api/v1/actions/{body['id']}")


def test_create_action_records_its_first_status_with_the_date(api, session, clock):
    make_point(session)
    body = create(api("auditor")).get_json()
    assert [(h["status"], h["at"][:10]) for h in body["status_history"]] == [
        ("planned", "2026-06-15")
    ]


def test_create_action_with_an_account_as_responsible_names_its_email(api, session, clock):
    make_point(session)
    client = api("auditor")
    body = create(client, responsible=None, responsible_user_id=client.user.id).get_json()
    assert body["responsible"] == client.user.email
    assert body["responsible_user_id"] == client.user.id


def test_create_action_with_deadline_today_is_not_overdue(api, session, clock):
    make_point(session)
    assert create(api("auditor"), deadline="2026-06-15").get_json()["overdue"] is False


def test_create_action_with_deadline_yesterday_is_overdue(api, session, clock):
    make_point(session)
    assert create(api("auditor"), deadline="2026-06-14").get_json()["overdue"] is True


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_create_closed_action_past_its_deadline_is_not_overdue(api, session, clock, status):
    make_point(session)
    body = create(api("auditor"), deadline="2026-01-01", status=status).get_json()
    assert body["overdue"] is False


def test_action_due_today_becomes_overdue_the_next_day(api, session, clock):
    make_point(session)
    client = api("auditor")
    action_id = create(client, deadline="2026-06-15").get_json()["id"]
    clock.set(date(2026, 6, 16))
    assert client.get(f"/api/v1/actions/{action_id}").get_json()["overdue"] is True


def test_create_action_as_staff_is_403_and_saves_nothing(api, session, clock):
    point = make_point(session)
    staff = api("staff", points=[point])
    assert create(staff, point=point).status_code == 403
    assert staff.get("/api/v1/actions").get_json()["total"] == 0


def test_create_action_without_token_is_401(client, session, clock):
    assert client.post("/api/v1/actions", json=action_input()).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "T" * 201}, "title"),
        ({"deadline": "30/06/2026"}, "deadline"),
        ({"deadline": None}, "deadline"),
        ({"status": "finished"}, "status"),
        ({"criterion": "NO-SUCH"}, "criterion"),
        ({"responsible": None}, "responsible"),
        ({"financing": {"amount_sek": -5}}, "financing.amount_sek"),
        ({"financing": {"amount_sek": 1.5}}, "financing.amount_sek"),
        ({"financing": {"currency": "EUR"}}, "financing.currency"),
        ({"point_id": 999999}, "point_id"),
        ({"municipality": "Atlantis"}, "municipality"),
        ({"municipality": None}, "municipality"),
        ({"priority": "high"}, "priority"),
    ],
)
def test_create_action_with_invalid_field_is_422_naming_it_and_saves_nothing(
    api, session, clock, change, field
):
    make_point(session)
    client = api("auditor")
    response = create(client, **change)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]
    assert client.get("/api/v1/actions").get_json()["total"] == 0


def test_create_action_with_malformed_json_is_400(api, session, clock):
    response = api("auditor").post("/api/v1/actions", raw="{not json")
    assert response.status_code == 400


def test_patch_action_status_bumps_version_and_keeps_dated_history(api, session, clock):
    make_point(session)
    client = api("auditor")
    action_id = create(client).get_json()["id"]
    clock.set(date(2026, 6, 20))
    client.patch(f"/api/v1/actions/{action_id}", {"version": 1, "status": "in_progress"})
    clock.set(date(2026, 7, 2))
    response = client.patch(f"/api/v1/actions/{action_id}", {"version": 2, "status": "done"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["version"] == 3 and body["status"] == "done"
    assert [(h["status"], h["at"][:10]) for h in body["status_history"]] == [
        ("planned", "2026-06-15"),
        ("in_progress", "2026-06-20"),
        ("done", "2026-07-02"),
    ]


def test_patch_action_without_status_change_adds_no_history(api, session, clock):
    make_point(session)
    client = api("auditor")
    action_id = create(client).get_json()["id"]
    body = client.patch(
        f"/api/v1/actions/{action_id}", {"version": 1, "deadline": "2026-09-01"}
    ).get_json()
    assert body["deadline"] == "2026-09-01" and len(body["status_history"]) == 1


def test_patch_action_financing_merges_key_by_key(api, session, clock):
    make_point(session)
    client = api("auditor")
    action_id = create(client).get_json()["id"]
    body = client.patch(
        f"/api/v1/actions/{action_id}", {"version": 1, "financing": {"approved": False}}
    ).get_json()
    assert body["financing"] == {
        "source": "Kommunens beredskapsanslag",
        "amount_sek": 12000,
        "approved": False,
    }


def test_patch_action_with_stale_version_is_409_and_saves_nothing(api, session, clock):
    make_point(session)
    client = api("auditor")
    action_id = create(client).get_json()["id"]
    client.patch(f"/api/v1/actions/{action_id}", {"version": 1, "title": "Ny titel"})
    response = client.patch(f"/api/v1/actions/{action_id}", {"version": 1, "status": "done"})
    assert response.status_code == 409
    assert list(response.get_json()["errors"]) == ["version"]
    body = client.get(f"/api/v1/actions/{action_id}").get_json()
    assert body["status"] == "planned" and body["version"] == 2


def test_patch_action_without_version_is_422(api, session, clock):
    make_point(session)
    client = api("auditor")
    action_id = create(client).get_json()["id"]
    response = client.patch(f"/api/v1/actions/{action_id}", {"status": "done"})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["version"]


def test_patch_action_with_blank_title_is_422_and_saves_nothing(api, session, clock):
    make_point(session)
    client = api("auditor")
    action_id = create(client).get_json()["id"]
    response = client.patch(f"/api/v1/actions/{action_id}", {"version": 1, "title": " "})
    assert list(response.get_json()["errors"]) == ["title"]
    assert client.get(f"/api/v1/actions/{action_id}").get_json()["title"] == "Provkör elverket"


def test_patch_unknown_action_is_404(api, session, clock):
    assert api("auditor").patch("/api/v1/actions/4242", {"version": 1}).status_code == 404


def test_patch_status_as_staff_of_the_point_is_200(api, session, clock):
    point = make_point(session)
    action_id = create(api("auditor"), point=point).get_json()["id"]
    staff = api("staff", points=[point])
    response = staff.patch(f"/api/v1/actions/{action_id}", {"version": 1, "status": "in_progress"})
    assert response.status_code == 200
    assert response.get_json()["status_history"][-1]["user"] == staff.user.email


def test_patch_title_as_staff_of_the_point_is_403_and_saves_nothing(api, session, clock):
    point = make_point(session)
    auditor = api("auditor")
    action_id = create(auditor, point=point).get_json()["id"]
    staff = api("staff", points=[point])
    response = staff.patch(f"/api/v1/actions/{action_id}", {"version": 1, "title": "Annat"})
    assert response.status_code == 403
    assert auditor.get(f"/api/v1/actions/{action_id}").get_json()["title"] == "Provkör elverket"


def test_patch_status_as_staff_of_another_point_is_403(api, session, clock):
    point = make_point(session)
    other = make_point(session, name="Byagården")
    action_id = create(api("auditor"), point=point).get_json()["id"]
    staff = api("staff", points=[other])
    response = staff.patch(f"/api/v1/actions/{action_id}", {"version": 1, "status": "done"})
    assert response.status_code == 403


def test_list_actions_returns_the_envelope_in_deadline_order(api, session, clock):
    make_point(session)
    client = api("auditor")
    for title, deadline in [("B", "2026-08-01"), ("A", "2026-06-20"), ("C", "2026-12-24")]:
        create(client, title=title, deadline=deadline)
    body = client.get("/api/v1/actions?municipality=Krokom").get_json()
    assert set(body) == {"items", "page", "per_page", "total"}
    assert (body["page"], body["per_page"], body["total"]) == (1, 50, 3)
    assert [item["title"] for item in body["items"]] == ["A", "B", "C"]


def test_list_actions_overdue_true_keeps_only_open_actions_past_deadline(api, session, clock):
    make_point(session)
    client = api("auditor")
    create(client, title="Past", deadline="2026-06-14")
    create(client, title="Today", deadline="2026-06-15")
    create(client, title="Done", deadline="2026-06-01", status="done")
    body = client.get("/api/v1/actions?overdue=true").get_json()
    assert [item["title"] for item in body["items"]] == ["Past"]


def test_list_actions_by_status_keeps_that_status(api, session, clock):
    make_point(session)
    client = api("auditor")
    create(client, title="Planned")
    create(client, title="Going", status="in_progress")
    body = client.get("/api/v1/actions?status=in_progress").get_json()
    assert [item["title"] for item in body["items"]] == ["Going"]


def test_list_actions_of_another_municipality_is_empty(api, session, clock):
    make_point(session)
    client = api("auditor")
    create(client)
    assert client.get("/api/v1/actions?municipality=Umeå").get_json()["total"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [("status=finished", "status"), ("overdue=maybe", "overdue"), ("per_page=101", "per_page")],
)
def test_list_actions_with_bad_filter_is_422_naming_it(api, session, clock, query, field):
    response = api("auditor").get(f"/api/v1/actions?{query}")
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_list_actions_as_staff_reads_every_action(api, session, clock):
    point = make_point(session)
    create(api("auditor"), point=point)
    assert api("staff").get("/api/v1/actions").get_json()["total"] == 1


def test_action_whose_criterion_passes_now_says_criterion_met(api, session, clock):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": "2026-06-01"})
    body = create(api("auditor"), point=point).get_json()
    assert body["criterion_met"] is True


def test_action_whose_criterion_still_fails_says_not_met(api, session, clock):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": "2026-04-01"})
    body = create(api("auditor"), point=point).get_json()
    assert body["criterion_met"] is False


def test_action_whose_criterion_passes_again_after_a_test_run_says_met(api, session, clock):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": "2026-04-01"})
    client = api("auditor")
    action_id = create(client, point=point).get_json()["id"]
    client.patch(
        f"/api/v1/points/{point.id}",
        {"version": point.version, "power": {"last_test_run": "2026-06-10"}},
    )
    assert client.get(f"/api/v1/actions/{action_id}").get_json()["criterion_met"] is True
