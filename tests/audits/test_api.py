"""Recording and listing audits through the API (contract: POST/GET /points/<id>/audits)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from readiness.timeutil import today_in_sweden
from tests.factories import complete_point_input, days_ago, full_area_staff, make_point

AUDIT = {"date": days_ago(2), "auditor": "Karin Lund", "notes": "Elverket provkört på plats."}


def audits_url(point) -> str:
    return f"/api/v1/points/{point.id}/audits"


def test_record_audit_as_auditor_returns_201_with_the_audit(api, session):
    point = make_point(session)
    client = api("auditor")
    response = client.post(audits_url(point), AUDIT)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {
        "id",
        "point_id",
        "date",
        "auditor",
        "notes",
        "present",
        "checklist",
        "findings",
        "criteria_version",
        "recorded_by",
        "recorded_at",
    }
    assert body["point_id"] == point.id and body["date"] == AUDIT["date"]
    assert body["auditor"] == "Karin Lund" and body["notes"] == AUDIT["notes"]
    assert body["recorded_by"] == client.user.email
    assert datetime.fromisoformat(body["recorded_at"]).utcoffset() == timedelta(0)


def test_record_audit_as_admin_returns_201(api, session):
    point = make_point(session)
    assert api("admin").post(audits_url(point), AUDIT).status_code == 201


def test_record_audit_without_notes_stores_null_notes(api, session):
    point = make_point(session)
    body = api("auditor").post(audits_url(point), {"date": days_ago(0), "auditor": "K"}).get_json()
    assert body["notes"] is None


def test_record_audit_as_staff_of_the_point_is_403_and_saves_nothing(api, session):
    point = make_point(session)
    staff = api("staff", points=[point])
    assert staff.post(audits_url(point), AUDIT).status_code == 403
    assert staff.get(audits_url(point)).get_json() == []


def test_record_audit_without_token_is_401(client, session):
    point = make_point(session)
    assert client.post(audits_url(point), json=AUDIT).status_code == 401


def test_record_audit_for_unknown_point_is_404(api):
    assert api("auditor").post("/api/v1/points/4242/audits", AUDIT).status_code == 404


@pytest.mark.parametrize(
    "change,field",
    [
        ({"date": (today_in_sweden() + timedelta(days=1)).isoformat()}, "date"),
        ({"date": "23/11/2026"}, "date"),
        ({"date": None}, "date"),
        ({"auditor": "   "}, "auditor"),
        ({"auditor": "K" * 201}, "auditor"),
        ({"notes": "n" * 2001}, "notes"),
        ({"checked_by": "Karin"}, "checked_by"),
    ],
)
def test_record_audit_with_invalid_field_is_422_naming_it_and_saves_nothing(
    api, session, change, field
):
    point = make_point(session)
    client = api("auditor")
    response = client.post(audits_url(point), {**AUDIT, **change})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]
    assert client.get(audits_url(point)).get_json() == []


@pytest.mark.parametrize("missing", ["date", "auditor"])
def test_record_audit_without_a_required_field_is_422_saying_it_is_required(api, session, missing):
    point = make_point(session)
    body = {k: v for k, v in AUDIT.items() if k != missing}
    response = api("auditor").post(audits_url(point), body, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {missing: ["This field is required."]}


def test_record_audit_dated_in_the_future_says_so_in_swedish(api, session):
    point = make_point(session)
    tomorrow = (today_in_sweden() + timedelta(days=1)).isoformat()
    response = api("auditor").post(audits_url(point), {**AUDIT, "date": tomorrow})
    assert response.get_json()["errors"] == {"date": ["Får inte ligga i framtiden."]}


def test_record_audit_with_malformed_json_is_400(api, session):
    point = make_point(session)
    assert api("auditor").post(audits_url(point), raw="{not json").status_code == 400


def test_list_audits_is_newest_first(api, session):
    point = make_point(session)
    client = api("auditor")
    for days, auditor in ((40, "Old"), (3, "Newest"), (20, "Middle")):
        client.post(audits_url(point), {"date": days_ago(days), "auditor": auditor})
    listed = api("staff").get(audits_url(point)).get_json()
    assert [a["auditor"] for a in listed] == ["Newest", "Middle", "Old"]


def test_list_audits_of_unknown_point_is_404(api):
    assert api("staff").get("/api/v1/points/4242/audits").status_code == 404


def test_recording_an_audit_dated_today_passes_audit_recent(api, session):
    point = make_point(session)
    client = api("auditor")
    url = f"/api/v1/points/{point.id}/readiness"
    assert "AUDIT-RECENT" in [g["criterion"] for g in client.get(url).get_json()["gaps"]]
    client.post(audits_url(point), {"date": days_ago(0), "auditor": "Karin Lund"})
    assert "AUDIT-RECENT" in client.get(url).get_json()["passed"]


def test_complete_point_reaches_ready_through_the_api_alone(api):
    client = api("auditor")
    created = client.post("/api/v1/points", complete_point_input())
    assert created.status_code == 201
    point_id = created.get_json()["id"]
    assert client.post(f"/api/v1/points/{point_id}/notice-posted").status_code == 201
    audit = {"date": days_ago(0), "auditor": "Karin Lund"}
    assert client.post(f"/api/v1/points/{point_id}/audits", audit).status_code == 201
    [area] = client.get("/api/v1/areas?municipality=Krokom").get_json()
    staff = {"version": area["version"], "staff": full_area_staff()}  # AREA-STAFF
    assert client.put(f"/api/v1/areas/{area['id']}/staff", staff).status_code == 200
    body = client.get(f"/api/v1/points/{point_id}/readiness").get_json()
    assert (body["level"], body["score"], body["gaps"]) == ("ready", 100, [])
