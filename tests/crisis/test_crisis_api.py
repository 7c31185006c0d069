"""Crisis operations through the API (contract.md, Crisis operations)."""

from __future__ import annotations

from sqlalchemy import func, select

from readiness.crisis.models import CrisisActivation, CrisisEvent, CrisisLogEntry, FuelReading
from readiness.points.models import Point, PointChange
from readiness.timeutil import STOCKHOLM, as_utc
from tests.factories import make_point

MESSAGE = "Öppet dygnet runt. Värme, vatten och laddning finns."


def three_in_follinge(session):
    return [
        make_point(session, name=name, area="Föllinge")
        for name in ("Handlar'n Föllinge", "Föllinge bygdegård", "Föllinge skola")
    ] + [make_point(session, name="Hotagens byahus", area="Hotagen")]


def activate(client, **body):
    body.setdefault("state", "open")
    body.setdefault("event", "Storm Dagmar, december 2026")
    return client.post("/api/v1/crisis/activate", body)


def test_activate_area_opens_every_point_of_the_area_only(api, session):
    points = three_in_follinge(session)
    response = activate(api("auditor"), municipality="Krokom", area="Föllinge", message=MESSAGE)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["event"]["name"] == "Storm Dagmar, december 2026"
    assert body["event"]["exercise"] is False and body["event"]["ended_at"] is None
    assert sorted(body["points"]) == sorted(p.code for p in points[:3])
    session.expire_all()
    states = {p.name: (p.crisis_state, p.crisis_message) for p in session.scalars(select(Point))}
    assert states["Hotagens byahus"] == ("normal", None)
    assert states["Föllinge skola"] == ("open", MESSAGE)


def test_activate_twice_with_the_same_event_name_keeps_one_event(api, session):
    points = three_in_follinge(session)
    client = api("auditor")
    first = activate(client, codes=[points[0].code]).get_json()
    second = activate(client, codes=[points[3].code], event="storm dagmar, DECEMBER 2026")
    assert second.get_json()["event"]["id"] == first["event"]["id"]
    assert session.scalar(select(func.count()).select_from(CrisisEvent)) == 1


def test_activate_is_in_the_points_history(api, session):
    point = three_in_follinge(session)[0]
    activate(api("auditor"), codes=[point.code], message=MESSAGE)
    change = session.scalars(
        select(PointChange).where(PointChange.point_id == point.id).order_by(PointChange.id.desc())
    ).first()
    assert change.action == "crisis"
    assert change.changes["crisis.state"] == ["normal", "open"]
    assert change.changes["crisis.message"] == [None, MESSAGE]


def test_activate_staff_may_change_their_own_points(api, session):
    points = three_in_follinge(session)
    response = activate(api("staff", points=[points[0]]), codes=[points[0].code], state="closed")
    assert response.status_code == 200
    session.expire_all()
    assert session.get(Point, points[0].id).crisis_state == "closed"


def test_activate_staff_cannot_touch_other_points_and_nothing_changes(api, session):
    points = three_in_follinge(session)
    staff = api("staff", points=[points[0]])
    response = activate(staff, municipality="Krokom", area="Föllinge")
    assert response.status_code == 403
    session.expire_all()
    assert {p.crisis_state for p in session.scalars(select(Point))} == {"normal"}
    assert session.scalar(select(func.count()).select_from(CrisisEvent)) == 0


def test_activate_bad_state_and_long_message_are_field_errors_and_nothing_saved(api, session):
    point = three_in_follinge(session)[0]
    response = activate(api("auditor"), codes=[point.code], state="panic", message="x" * 301)
    assert response.status_code == 422
    assert sorted(response.get_json()["errors"]) == ["message", "state"]
    session.expire_all()
    assert session.get(Point, point.id).crisis_state == "normal"
    assert session.scalar(select(func.count()).select_from(CrisisActivation)) == 0


def test_activate_without_event_name_or_scope_names_the_field(api, session):
    point = three_in_follinge(session)[0]
    client = api("auditor")
    no_event = activate(client, codes=[point.code], event=None)
    no_scope = activate(client)
    unknown = activate(client, codes=["ZZZZZZ"])
    assert list(no_event.get_json()["errors"]) == ["event"]
    assert list(no_scope.get_json()["errors"]) == ["municipality"]
    assert "ZZZZZZ" in unknown.get_json()["errors"]["codes"][0]


def test_board_puts_the_first_to_run_out_on_top(api, session):
    points = three_in_follinge(session)
    client = api("auditor")
    activate(client, municipality="Krokom", area="Föllinge")
    client.post(f"/api/v1/points/{points[0].id}/fuel-readings", {"litres": 300})
    low = client.post(f"/api/v1/points/{points[1].id}/fuel-readings", {"percent": 25})
    assert low.status_code == 201 and low.get_json()["hours_left"] == 20.0
    board = client.get("/api/v1/crisis").get_json()
    assert [p["code"] for p in board["points"]] == [points[1].code, points[0].code, points[2].code]
    first = board["points"][0]
    assert (first["state"], first["hours_left"], first["low_fuel"]) == ("open", 20.0, True)
    assert board["points"][2]["hours_left"] is None


def test_fuel_refill_resets_the_low_fuel_flag(api, session):
    point = three_in_follinge(session)[0]
    client = api("auditor")
    activate(client, codes=[point.code])
    client.post(f"/api/v1/points/{point.id}/fuel-readings", {"litres": 50})
    refill = client.post(f"/api/v1/points/{point.id}/fuel-readings", {"refuelled": True})
    assert refill.status_code == 201
    assert (refill.get_json()["hours_left"], refill.get_json()["low_fuel"]) == (80.0, False)


def test_fuel_reading_needs_one_amount_within_the_tank(api, session):
    point = three_in_follinge(session)[0]
    client = api("auditor")
    both = client.post(f"/api/v1/points/{point.id}/fuel-readings", {"litres": 5, "percent": 5})
    over = client.post(f"/api/v1/points/{point.id}/fuel-readings", {"litres": 401})
    assert (both.status_code, over.status_code) == (422, 422)
    assert list(over.get_json()["errors"]) == ["litres"]
    assert session.scalar(select(func.count()).select_from(FuelReading)) == 0


def test_crisis_log_by_staff_of_the_point_only(api, session):
    points = three_in_follinge(session)
    staff = api("staff", points=[points[0]])
    ok = staff.post(
        f"/api/v1/points/{points[0].id}/crisis-log", {"text": "12 personer", "people": 12}
    )
    refused = staff.post(f"/api/v1/points/{points[1].id}/crisis-log", {"text": "x"})
    empty = staff.post(f"/api/v1/points/{points[0].id}/crisis-log", {"text": " "})
    assert (ok.status_code, refused.status_code, empty.status_code) == (201, 403, 422)
    assert ok.get_json()["people"] == 12
    assert session.scalar(select(func.count()).select_from(CrisisLogEntry)) == 1


def test_end_event_returns_points_to_normal(api, session):
    three_in_follinge(session)
    client = api("auditor")
    event = activate(client, municipality="Krokom", area="Föllinge").get_json()["event"]
    ended = client.post(f"/api/v1/crisis/events/{event['id']}/end")
    assert ended.status_code == 200 and ended.get_json()["event"]["ended_at"]
    session.expire_all()
    assert {p.crisis_state for p in session.scalars(select(Point))} == {"normal"}
    again = client.post(f"/api/v1/crisis/events/{event['id']}/end")
    assert again.status_code == 422


def test_end_exercise_counts_as_the_points_last_exercise(api, session):
    point = three_in_follinge(session)[0]
    client = api("auditor")
    body = activate(client, codes=[point.code], event="Övning Dagmar", exercise=True).get_json()
    client.post(f"/api/v1/crisis/events/{body['event']['id']}/end")
    session.expire_all()
    ended = session.get(CrisisEvent, body["event"]["id"]).ended_at
    assert session.get(Point, point.id).last_exercise == as_utc(ended).astimezone(STOCKHOLM).date()


def test_end_event_is_for_coordinators_only(api, session):
    point = three_in_follinge(session)[0]
    event = activate(api("auditor"), codes=[point.code]).get_json()["event"]
    refused = api("staff", points=[point]).post(f"/api/v1/crisis/events/{event['id']}/end")
    assert refused.status_code == 403
