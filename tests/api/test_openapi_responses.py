"""Real answers on the demo data match the OpenAPI document: a coordinator's round through
every JSON route (each point of the demo, each area, a crisis from activation to its end), and
the errors, each checked against the schema documented for its route and status."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from readiness.auth.services import create_token
from readiness.demo import load_demo
from readiness.points.models import Area, Point
from readiness.timeutil import today_in_sweden
from tests.api.documented import response_problems
from tests.factories import (
    TEST_PASSWORD_HASH_METHOD,
    ApiClient,
    days_ago,
    full_area_staff,
    make_user,
    maximal_point_input,
    point_input,
)


class DocumentedClient:
    """Calls a route by its documented path and records what the answer does not match."""

    def __init__(self, client: ApiClient, document: dict):
        self.client = client
        self.document = document
        self.problems: list[str] = []
        self.calls = 0

    def __call__(self, method: str, template: str, body=None, query: str = "", **path):
        url = template.format(**path) + (f"?{query}" if query else "")
        kwargs = (
            {} if body is None else ({"raw": body} if isinstance(body, str) else {"body": body})
        )
        response = getattr(self.client, method.lower())(url, **kwargs)
        self.calls += 1
        for problem in response_problems(self.document, method, template, response):
            self.problems.append(f"{method} {url} -> {response.status_code}: {problem}")
        return response

    def ok(self, *args, **kwargs) -> bool:
        return self(*args, **kwargs).status_code < 300


@pytest.fixture
def call(app, session, tmp_path):
    load_demo(session, tmp_path, hash_method=TEST_PASSWORD_HASH_METHOD)
    client = ApiClient(app.test_client(), session, make_user(session, "admin"))
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    return DocumentedClient(client, document)


def test_every_json_answer_on_the_demo_data_matches_the_document(call, session):
    point_ids = list(session.scalars(select(Point.id).order_by(Point.id)))
    area_ids = list(session.scalars(select(Area.id)))
    session.rollback()
    call("GET", "/api/v1/points", query="per_page=100")
    call("GET", "/api/v1/points", query="level=not_ready&municipality=Krokom")
    for point_id in point_ids:
        for template in (
            "/api/v1/points/{point_id}",
            "/api/v1/points/{point_id}/history",
            "/api/v1/points/{point_id}/readiness",
            "/api/v1/points/{point_id}/audits",
        ):
            assert call("GET", template, point_id=point_id).status_code == 200
    for area_id in area_ids:
        call("GET", "/api/v1/areas/{area_id}", area_id=area_id)
        call("GET", "/api/v1/areas/{area_id}/history", area_id=area_id)
    for template, query in (
        ("/api/v1/areas", ""),
        ("/api/v1/readiness", "municipality=Krokom"),
        ("/api/v1/readiness", f"as_of={days_ago(400)}"),
        ("/api/v1/criteria", "municipality=Krokom"),
        ("/api/v1/confirmations/due", ""),
        ("/api/v1/tasks", "within_days=400"),
        ("/api/v1/reports/yearly", f"municipality=Krokom&year={today_in_sweden().year}"),
        ("/api/v1/crisis", ""),
        ("/api/v1/public/points.geojson", ""),
    ):
        assert call("GET", template, query=query).status_code == 200, template
    assert call.calls > 4 * len(point_ids)
    assert call.problems == []


def test_answers_of_writes_match_the_document(call, session):
    created = call("POST", "/api/v1/points", point_input())
    assert created.status_code == 201
    point = created.get_json()
    point_id = point["id"]
    call("POST", "/api/v1/points", maximal_point_input())
    patched = call(
        "PATCH",
        "/api/v1/points/{point_id}",
        {"version": point["version"], "capacity": 60, "power": {"fuel": None}},
        point_id=point_id,
    )
    assert patched.status_code == 200
    stale = call("PATCH", "/api/v1/points/{point_id}", {"version": 1}, point_id=point_id)
    assert stale.status_code == 409
    audit = {
        "date": days_ago(1),
        "auditor": "Karin Lund",
        "checklist": [{"criterion": "POWER-SOURCE", "observed": "ok"}],
        "apply_facts": ["contacts_reviewed"],
    }
    assert call.ok("POST", "/api/v1/points/{point_id}/audits", audit, point_id=point_id)
    assert call.ok("POST", "/api/v1/points/{point_id}/confirm", point_id=point_id)
    assert call.ok("POST", "/api/v1/points/{point_id}/notice-posted", point_id=point_id)
    action = {
        "title": "Köp ett elverk",
        "point_id": point_id,
        "criterion": "POWER-SOURCE",
        "responsible": "Anna Berg",
        "deadline": days_ago(-30),
        "financing": {"source": "MSB", "amount_sek": 40000, "approved": True},
    }
    action = call("POST", "/api/v1/actions", action).get_json()
    call("GET", "/api/v1/actions", query="sort=deadline")
    call("GET", "/api/v1/actions/{action_id}", action_id=action["id"])
    call(
        "PATCH",
        "/api/v1/actions/{action_id}",
        {"version": action["version"], "status": "done"},
        action_id=action["id"],
    )
    area = call("GET", "/api/v1/areas").get_json()[0]
    body = {"version": area["version"], "staff": full_area_staff(), "staff_reviewed": days_ago(1)}
    assert call.ok("PUT", "/api/v1/areas/{area_id}/staff", body, area_id=area["id"])
    activation = {
        "state": "open",
        "codes": [point["code"]],
        "event": "Storm Dagmar",
        "message": "Öppet dygnet runt",
    }
    event = call("POST", "/api/v1/crisis/activate", activation).get_json()["event"]
    entry = {"text": "Tolv personer värmer sig", "people": 12}
    assert call.ok("POST", "/api/v1/points/{point_id}/crisis-log", entry, point_id=point_id)
    reading = {"litres": 200}
    assert call.ok("POST", "/api/v1/points/{point_id}/fuel-readings", reading, point_id=point_id)
    assert call.ok("GET", "/api/v1/crisis", query=f"event={event['id']}")
    assert call.ok("POST", "/api/v1/crisis/events/{event_id}/end", event_id=event["id"])
    own = {
        "municipality": "Krokom",
        "title": "Övning",
        "every_months": 12,
        "first_due": days_ago(-9),
    }
    own_task = call("POST", "/api/v1/tasks/own", own).get_json()
    done = {"municipality": "Krokom", "task": "serviceforum", "done_on": days_ago(0)}
    assert call.ok("POST", "/api/v1/tasks/done", done)
    assert call.ok("DELETE", "/api/v1/tasks/own/{task_id}", task_id=own_task["id"])
    assert call.ok("POST", "/api/v1/me/calendar-feed")
    assert call.ok("DELETE", "/api/v1/me/calendar-feed")
    assert call("DELETE", "/api/v1/points/{point_id}", point_id=point_id).status_code == 204
    assert call.ok("POST", "/api/v1/points/{point_id}/restore", point_id=point_id)
    assert call.problems == []


def test_error_answers_match_the_document(call, app, session):
    point_id = session.scalars(select(Point.id)).first()
    session.rollback()
    statuses = [
        call("POST", "/api/v1/points", "{not json").status_code,
        call("GET", "/api/v1/points", query="q=%00").status_code,
        call("GET", "/api/v1/points/{point_id}", point_id=99999).status_code,
        call("POST", "/api/v1/points", {"name": ""}).status_code,
        call("POST", "/api/v1/points/{point_id}/restore", point_id=point_id).status_code,
        call("GET", "/api/v1/points", query="q=" + "x" * 5000).status_code,
        call("DELETE", "/api/v1/me/calendar-feed").status_code,
    ]
    assert statuses == [400, 400, 404, 422, 409, 414, 404]
    staff = ApiClient(app.test_client(), session, make_user(session, "staff"))
    call.client = staff
    assert call("POST", "/api/v1/points", point_input()).status_code == 403
    call.client.token = "not-a-token"
    assert call("GET", "/api/v1/points").status_code == 401
    assert call.problems == []


def test_every_point_of_a_fresh_register_is_answered_as_documented(app, session):
    """Without the demo: a point made through the API alone, with every optional field empty."""
    admin = make_user(session, "admin")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {create_token(session, admin.email)}"}
    session.commit()
    document = client.get("/api/v1/openapi.json").get_json()
    minimal = {"name": "Bygdegården", "kind": "village_hall", "municipality": "Krokom"}
    created = client.post("/api/v1/points", json=minimal, headers=headers)
    assert created.status_code == 201
    assert response_problems(document, "POST", "/api/v1/points", created) == []
    one = client.get(f"/api/v1/points/{created.get_json()['id']}", headers=headers)
    assert response_problems(document, "GET", "/api/v1/points/{point_id}", one) == []
    geojson = client.get("/api/v1/public/points.geojson")
    assert response_problems(document, "GET", "/api/v1/public/points.geojson", geojson) == []
