"""Restore only what is archived; one history rule for the web and the API."""

from __future__ import annotations

from sqlalchemy import func, select

from readiness.points.models import PointChange
from tests.factories import make_point, make_user


def changes(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(PointChange))


def test_restoring_a_point_that_is_not_archived_is_409_and_writes_no_history(api, session):
    point = make_point(session)
    before = changes(session)
    response = api("auditor").post(f"/api/v1/points/{point.id}/restore")
    assert response.status_code == 409
    assert response.get_json()["errors"]["_request"] == ["Punkten är inte arkiverad."]
    assert changes(session) == before


def test_restoring_an_archived_point_works_once(api, session):
    point = make_point(session)
    client = api("auditor")
    assert client.delete(f"/api/v1/points/{point.id}").status_code == 204
    assert client.post(f"/api/v1/points/{point.id}/restore").status_code == 200
    assert client.post(f"/api/v1/points/{point.id}/restore").status_code == 409


def test_staff_read_history_of_active_points_but_not_of_archived_ones_on_web_and_api(
    api, web, client, session
):
    active = make_point(session, name="Aktiv")
    archived = make_point(session, name="Arkiverad")
    api("auditor").delete(f"/api/v1/points/{archived.id}")
    staff_api = api("staff")
    assert staff_api.get(f"/api/v1/points/{active.id}/history").status_code == 200
    assert staff_api.get(f"/api/v1/points/{archived.id}/history").status_code == 404
    make_user(session, "staff", email="butik@test.example")
    web.login("butik@test.example")
    assert client.get(f"/points/{active.id}/history").status_code == 200
    assert client.get(f"/points/{archived.id}/history").status_code == 404
    coordinator = api("auditor")
    history = coordinator.get(f"/api/v1/points/{archived.id}/history")
    assert history.status_code == 200 and history.get_json()[0]["action"] == "archive"
