"""The point endpoints of contract.md, driven as an outside client would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from readiness.points.codes import CODE_ALPHABET
from readiness.points.models import Contact, Point, PointChange
from tests.factories import make_point, point_input

CONTRACT_FIELDS = {
    "id",
    "code",
    "version",
    "name",
    "kind",
    "municipality",
    "area",
    "address",
    "postcode",
    "locality",
    "lat",
    "lon",
    "capacity",
    "services",
    "opening_hours",
    "crisis_hours",
    "public_info",
    "accessibility",
    "activation",
    "power",
    "contacts",
    "contacts_reviewed",
    "channels",
    "agreement",
    "last_exercise",
    "crisis",
}


def counts(session) -> tuple[int, int, int]:
    session.expire_all()
    return (
        session.scalar(select(func.count()).select_from(Point)),
        session.scalar(select(func.count()).select_from(Contact)),
        session.scalar(select(func.count()).select_from(PointChange)),
    )


def test_create_point_returns_201_with_version_1_code_and_location(api):
    client = api("auditor")
    response = client.post("/api/v1/points", point_input())
    assert response.status_code == 201
    body = response.get_json()
    assert body["version"] == 1
    assert len(body["code"]) == 6 and set(body["code"]) <= set(CODE_ALPHABET)
    assert response.headers["Location"].endswith(f"/api/v1/points/{body['id']}")
    assert set(body) == CONTRACT_FIELDS
    assert body["contacts"][0]["phone"] == "+46701740605"  # normalised to E.164
    assert body["crisis"] == {"state": "normal", "message": None, "since": None}
    assert client.get(response.headers["Location"]).get_json() == body


def test_codes_are_unique_across_points(api):
    client = api("auditor")
    codes = {
        client.post("/api/v1/points", point_input(name=f"P{i}")).get_json()["code"]
        for i in range(25)
    }
    assert len(codes) == 25


def test_list_filters_by_municipality_area_and_text_in_name_order(api, session):
    make_point(session, name="Ö-butiken", municipality="Krokom", area="Ås")
    make_point(session, name="Affären", municipality="Krokom", area="Föllinge")
    make_point(session, name="Bystugan", municipality="Vilhelmina", area="Saxnäs")
    client = api("staff")

    def names(url):
        return [p["name"] for p in client.get(url).get_json()["items"]]

    assert names("/api/v1/points") == ["Affären", "Bystugan", "Ö-butiken"]
    assert names("/api/v1/points?municipality=Krokom") == ["Affären", "Ö-butiken"]
    assert names("/api/v1/points?municipality=krokom&area=Ås") == ["Ö-butiken"]
    assert names("/api/v1/points?q=bystu") == ["Bystugan"]


def test_list_paginates_with_total(api, session):
    for i in range(5):
        make_point(session, name=f"Punkt {i}")
    body = api("staff").get("/api/v1/points?per_page=2&page=3").get_json()
    assert (body["page"], body["per_page"], body["total"]) == (3, 2, 5)
    assert [p["name"] for p in body["items"]] == ["Punkt 4"]


@pytest.mark.parametrize("query", ["per_page=101", "per_page=0", "page=x"])
def test_list_with_bad_paging_is_422_naming_the_parameter(api, query):
    response = api("staff").get(f"/api/v1/points?{query}")
    assert response.status_code == 422
    assert query.split("=")[0] in response.get_json()["errors"]


INVALID_INPUTS = [
    ("missing name", point_input(name=None), "name"),
    ("blank name", point_input(name="   "), "name"),
    (
        "missing municipality",
        {k: v for k, v in point_input().items() if k != "municipality"},
        "municipality",
    ),
    ("lat without lon", point_input(lon=None), "lon"),
    ("latitude out of range", point_input(lat=95.0), "lat"),
    (
        "negative litres",
        point_input(power={**point_input()["power"], "tank_litres": -5}),
        "power.tank_litres",
    ),
    (
        "zero consumption",
        point_input(power={**point_input()["power"], "consumption_lph": 0}),
        "power.consumption_lph",
    ),
    (
        "future test date",
        point_input(power={**point_input()["power"], "last_test_run": "2999-01-01"}),
        "power.last_test_run",
    ),
    ("future review date", point_input(contacts_reviewed="2999-01-01"), "contacts_reviewed"),
    ("not a date", point_input(last_exercise="14/3 2026"), "last_exercise"),
    ("unknown kind", point_input(kind="spaceship"), "kind"),
    ("unknown service", point_input(services=["heat", "teleport"]), "services.1"),
    (
        "unknown role",
        point_input(contacts=[{"name": "A", "roles": ["king"]}]),
        "contacts.0.roles.0",
    ),
    ("unknown field", point_input(colour="red"), "colour"),
    ("unknown nested field", point_input(power={"source": "none", "volts": 230}), "power.volts"),
    ("over-long name", point_input(name="x" * 201), "name"),
    ("bad phone", point_input(contacts=[{"name": "A", "phone": "12"}]), "contacts.0.phone"),
    ("contact without name", point_input(contacts=[{"phone": "070-174 06 06"}]), "contacts.0.name"),
    (
        "agreement ends before it starts",
        point_input(agreement={"valid_from": "2026-01-01", "valid_until": "2025-01-01"}),
        "agreement.valid_until",
    ),
]


@pytest.mark.parametrize("case,body,field", INVALID_INPUTS, ids=[c[0] for c in INVALID_INPUTS])
def test_create_with_invalid_input_is_422_naming_the_field_and_saves_nothing(
    api, session, case, body, field
):
    client = api("auditor")
    before = counts(session)
    response = client.post("/api/v1/points", body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]
    assert counts(session) == before


def test_malformed_json_is_400_and_saves_nothing(api, session):
    client = api("auditor")
    before = counts(session)
    response = client.post("/api/v1/points", raw='{"name": "Affären",')
    assert response.status_code == 400
    assert "errors" in response.get_json()
    assert counts(session) == before


def test_body_that_is_not_an_object_is_422(api):
    assert api("auditor").post("/api/v1/points", ["a list"]).status_code == 422


def test_error_messages_follow_the_users_language(api):
    client = api("auditor")
    english = client.post(
        "/api/v1/points", point_input(name=None), headers={"Accept-Language": "en"}
    ).get_json()
    swedish = client.post(
        "/api/v1/points", point_input(name=None), headers={"Accept-Language": "sv"}
    ).get_json()
    assert english["errors"]["name"] == ["This field is required."]
    assert swedish["errors"]["name"] == ["Fältet är obligatoriskt."]


def test_strings_are_trimmed(api):
    body = api("auditor").post("/api/v1/points", point_input(name="  Affären  ")).get_json()
    assert body["name"] == "Affären"


def test_patch_replaces_lists_merges_objects_and_bumps_version(api, session):
    point = make_point(session)
    client = api("auditor")
    response = client.patch(
        f"/api/v1/points/{point.id}",
        {
            "version": 1,
            "services": ["heat"],
            "power": {"tank_litres": 600},
            "contacts": [
                {"name": "Bo Ek", "phone": "070-174 06 07", "roles": ["power_responsible"]}
            ],
        },
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["version"] == 2
    assert body["services"] == ["heat"]
    assert body["power"]["tank_litres"] == 600
    assert body["power"]["fuel"] == "diesel"  # merged, not replaced
    assert [c["name"] for c in body["contacts"]] == ["Bo Ek"]
    assert body["name"] == "Handlar'n Föllinge"


def test_patch_without_version_is_422_and_saves_nothing(api, session):
    point = make_point(session)
    response = api("auditor").patch(f"/api/v1/points/{point.id}", {"name": "Nytt namn"})
    assert response.status_code == 422
    assert "version" in response.get_json()["errors"]
    session.expire_all()
    assert session.get(Point, point.id).name == "Handlar'n Föllinge"


def test_patch_with_invalid_data_keeps_the_stored_point(api, session):
    point = make_point(session)
    response = api("auditor").patch(
        f"/api/v1/points/{point.id}", {"version": 1, "name": "Nytt", "lat": 500}
    )
    assert response.status_code == 422
    assert "lat" in response.get_json()["errors"]
    session.expire_all()
    stored = session.get(Point, point.id)
    assert (stored.name, stored.version) == ("Handlar'n Föllinge", 1)


def test_two_edits_from_the_same_version_one_wins_other_409_and_no_data_is_lost(api, session):
    point = make_point(session)
    anna, bo = api("auditor"), api("auditor")
    first = anna.patch(f"/api/v1/points/{point.id}", {"version": 1, "crisis_hours": "08–20"})
    second = bo.patch(f"/api/v1/points/{point.id}", {"version": 1, "capacity": 99})
    assert first.status_code == 200
    assert second.status_code == 409
    assert "version" in second.get_json()["errors"]
    current = bo.get(f"/api/v1/points/{point.id}").get_json()
    assert current["crisis_hours"] == "08–20" and current["capacity"] == 40
    retry = bo.patch(f"/api/v1/points/{point.id}", {"version": current["version"], "capacity": 99})
    assert retry.status_code == 200
    final = retry.get_json()
    assert (final["crisis_hours"], final["capacity"], final["version"]) == ("08–20", 99, 3)


def test_history_is_newest_first_and_records_nested_changes(api, session):
    point = make_point(session)
    client = api("auditor")
    contacts = point_input()["contacts"]
    contacts[0]["phone"] = "070-174 06 99"
    client.patch(
        f"/api/v1/points/{point.id}",
        {
            "version": 1,
            "power": {"tank_litres": 500},
            "contacts": contacts,
        },
    )
    history = client.get(f"/api/v1/points/{point.id}/history").get_json()
    assert [h["action"] for h in history] == ["update", "create"]
    latest = history[0]
    assert latest["user"] == client.user.email
    assert latest["changes"]["power.tank_litres"] == [400.0, 500.0]
    assert latest["changes"]["contacts.0.phone"] == ["+46701740605", "+46701740699"]
    assert set(latest["changes"]) == {"power.tank_litres", "contacts.0.phone"}
    assert latest["at"]


def test_archive_hides_the_point_but_keeps_history_and_restore_brings_it_back(api, session):
    point = make_point(session)
    client = api("auditor")
    assert client.delete(f"/api/v1/points/{point.id}").status_code == 204
    assert client.get("/api/v1/points").get_json()["total"] == 0
    assert client.get(f"/api/v1/points/{point.id}").status_code == 404
    history = client.get(f"/api/v1/points/{point.id}/history").get_json()
    assert history[0]["action"] == "archive"
    assert client.post(f"/api/v1/points/{point.id}/restore").status_code == 200
    assert client.get("/api/v1/points").get_json()["total"] == 1


def test_unknown_point_is_404_json(api):
    response = api("staff").get("/api/v1/points/999999")
    assert response.status_code == 404
    assert "errors" in response.get_json()


@pytest.mark.parametrize("header", [None, "Bearer not-a-token", "Basic abc"])
def test_requests_without_a_valid_token_are_401(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/points", headers=headers)
    assert response.status_code == 401
    assert "errors" in response.get_json()


def test_session_cookie_does_not_authenticate_the_api(client, web, session):
    from tests.factories import make_user

    make_user(session, "admin", email="boss@test.example")
    web.login("boss@test.example")
    assert client.get("/api/v1/points").status_code == 401


def test_staff_can_edit_assigned_point_only(api, session):
    mine = make_point(session, name="Min punkt")
    other = make_point(session, name="Annan punkt")
    staff = api("staff", points=[mine])
    assert (
        staff.patch(f"/api/v1/points/{mine.id}", {"version": 1, "capacity": 5}).status_code == 200
    )
    response = staff.patch(f"/api/v1/points/{other.id}", {"version": 1, "capacity": 5})
    assert response.status_code == 403
    session.expire_all()
    assert session.get(Point, other.id).capacity == 40


def test_staff_can_read_but_not_create_or_archive(api, session):
    point = make_point(session)
    staff = api("staff", points=[point])
    assert staff.get(f"/api/v1/points/{point.id}").status_code == 200
    assert staff.post("/api/v1/points", point_input()).status_code == 403
    assert staff.delete(f"/api/v1/points/{point.id}").status_code == 403


def test_staff_change_crisis_state_of_their_own_point_only(api, session):
    point, other = make_point(session), make_point(session, name="Annan punkt")
    staff = api("staff", points=[point])
    own = staff.patch(f"/api/v1/points/{point.id}", {"version": 1, "crisis": {"state": "open"}})
    refused = staff.patch(f"/api/v1/points/{other.id}", {"version": 1, "crisis": {"state": "open"}})
    assert (own.status_code, refused.status_code) == (200, 403)
    assert staff.get(f"/api/v1/points/{point.id}").get_json()["crisis"]["state"] == "open"
    assert staff.get(f"/api/v1/points/{other.id}").get_json()["crisis"]["state"] == "normal"


def test_coordinator_setting_crisis_state_stamps_since_with_the_server_time(api, session):
    point = make_point(session)
    client = api("auditor")
    before = datetime.now(UTC)
    response = client.patch(
        f"/api/v1/points/{point.id}",
        {"version": 1, "crisis": {"state": "open", "message": "Öppet dygnet runt"}},
    )
    after = datetime.now(UTC)
    assert response.status_code == 200
    body = response.get_json()
    assert body["crisis"]["state"] == "open"
    assert body["crisis"]["message"] == "Öppet dygnet runt"
    since = datetime.fromisoformat(body["crisis"]["since"])
    assert since.utcoffset() is not None  # a moment, not a wall-clock time of unknown zone
    # The moment of the request (a second's slack for storage rounding), not merely this year.
    assert before - timedelta(seconds=1) <= since <= after + timedelta(seconds=1)
