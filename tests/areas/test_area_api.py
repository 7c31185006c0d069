"""The area staff in the API (an extension of the contract): private, so a token is needed;
coordinators write with the version last read; errors in the contract's shape."""

from __future__ import annotations

import pytest

from tests.factories import full_area_staff, make_area_staff, make_point


@pytest.fixture
def area_id(session) -> int:
    return make_point(session).area_id


def staff_body(version: int = 1, **changes) -> dict:
    return {"version": version, "staff": full_area_staff(), **changes}


def test_area_api_without_a_token_is_401(client, area_id):
    assert client.get(f"/api/v1/areas/{area_id}").status_code == 401


def test_area_api_staff_reads_the_people_with_phones_in_e164(api, session, area_id):
    make_area_staff(session)
    body = api("staff").get(f"/api/v1/areas/{area_id}").get_json()
    assert body["staff"][0] == {
        "name": "Maria Sjöberg",
        "organisation": None,
        "phone": "+46701740655",
        "alt_phone": None,
        "email": None,
        "public": False,
        "roles": ["area_coordinator"],
    }


def test_area_api_list_of_a_municipality_names_its_areas(api, session, area_id):
    make_point(session, name="Dikanäs Handel", municipality="Vilhelmina", area="Dikanäs")
    body = api("staff").get("/api/v1/areas?municipality=Krokom").get_json()
    assert [(area["municipality"], area["name"]) for area in body] == [("Krokom", "Föllinge")]


def test_area_api_put_by_a_coordinator_saves_and_raises_the_version(api, area_id):
    response = api("auditor").put(f"/api/v1/areas/{area_id}/staff", staff_body())
    body = response.get_json()
    assert (response.status_code, body["version"], len(body["staff"])) == (200, 2, 3)


def test_area_api_put_by_staff_is_403(api, area_id):
    assert api("staff").put(f"/api/v1/areas/{area_id}/staff", staff_body()).status_code == 403


def test_area_api_put_by_staff_saves_nothing(api, area_id):
    api("staff").put(f"/api/v1/areas/{area_id}/staff", staff_body())
    assert api("auditor").get(f"/api/v1/areas/{area_id}").get_json()["staff"] == []


def test_area_api_put_with_a_bad_phone_names_the_path(api, area_id):
    staff = full_area_staff()
    staff[1]["phone"] = "12345"
    client = api("auditor")
    response = client.put(f"/api/v1/areas/{area_id}/staff", staff_body(staff=staff))
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["staff.1.phone"]


def test_area_api_put_with_a_point_role_is_422(api, area_id):
    staff = [{"name": "Anna Berg", "phone": "070-174 06 05", "roles": ["point_manager"]}]
    client = api("auditor")
    response = client.put(f"/api/v1/areas/{area_id}/staff", staff_body(staff=staff))
    assert (response.status_code, list(response.get_json()["errors"])) == (
        422,
        ["staff.0.roles.0"],
    )


def test_area_api_put_with_an_old_version_is_409(api, session, area_id):
    make_area_staff(session)
    response = api("auditor").put(f"/api/v1/areas/{area_id}/staff", staff_body(version=1))
    assert (response.status_code, list(response.get_json()["errors"])) == (409, ["version"])


def test_area_api_put_without_a_version_is_422(api, area_id):
    body = {"staff": full_area_staff()}
    response = api("auditor").put(f"/api/v1/areas/{area_id}/staff", body)
    assert (response.status_code, list(response.get_json()["errors"])) == (422, ["version"])


def test_area_api_history_lists_the_saved_change(api, area_id):
    client = api("auditor")
    client.put(f"/api/v1/areas/{area_id}/staff", staff_body())
    [change] = client.get(f"/api/v1/areas/{area_id}/history").get_json()
    assert change["version"] == 2
    assert change["changes"]["staff.0"][1]["name"] == "Maria Sjöberg"
