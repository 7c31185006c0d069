"""Input stays within what reality and the database hold: list lengths, number ranges, whole
numbers that are whole, ids in URLs."""

from __future__ import annotations

import pytest

from tests.factories import make_point, maximal_point_input, point_input
from tests.points.test_api import counts

POWER = point_input()["power"]
CONTACT = {"name": "Anna Berg", "phone": "070-174 06 05", "roles": ["point_manager"]}
CHANNEL = {"kind": "rakel", "detail": "Talgrupp"}


def post_refused(api, session, body) -> dict[str, list[str]]:
    """POST a point that must be refused: 422, nothing saved; returns the errors."""
    client = api("auditor")
    before = counts(session)
    response = client.post("/api/v1/points", body, headers={"Accept-Language": "en"})
    assert response.status_code == 422, response.get_json()
    assert counts(session) == before
    return response.get_json()["errors"]


def test_point_with_21_contacts_is_422_on_contacts(api, session):
    errors = post_refused(api, session, point_input(contacts=[CONTACT] * 21))
    assert errors == {"contacts": ["At most 20 contact persons."]}


def test_point_with_10000_contacts_is_refused_before_reading_them(api, session):
    errors = post_refused(api, session, point_input(contacts=[{"name": ""}] * 10_000))
    assert errors == {"contacts": ["At most 20 contact persons."]}


def test_point_with_21_channels_is_422_on_channels(api, session):
    errors = post_refused(api, session, point_input(channels=[CHANNEL] * 21))
    assert errors == {"channels": ["At most 20 information channels."]}


def test_point_with_20_contacts_and_20_channels_is_accepted(api):
    response = api("auditor").post("/api/v1/points", maximal_point_input())
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (len(body["contacts"]), len(body["channels"])) == (20, 20)


@pytest.mark.parametrize(
    "field,body",
    [
        ("services", point_input(services=["heat"] * 12)),
        ("activation", point_input(activation=["power_outage"] * 7)),
        ("power.covers", point_input(power={**POWER, "covers": ["heat"] * 10})),
        ("contacts.0.roles", point_input(contacts=[{**CONTACT, "roles": ["first_aid"] * 6}])),
    ],
)
def test_point_choice_list_longer_than_its_enumeration_is_422(api, session, field, body):
    assert field in post_refused(api, session, body)


@pytest.mark.parametrize("capacity", [1.5, True, False, "1.5", "٤٠", "1_000"])
def test_point_capacity_that_is_not_a_whole_number_is_422(api, session, capacity):
    errors = post_refused(api, session, point_input(capacity=capacity))
    assert errors == {"capacity": ["Not a whole number."]}


def test_point_capacity_as_whole_float_is_stored_as_integer(api):
    response = api("auditor").post("/api/v1/points", point_input(capacity=40.0))
    assert response.status_code == 201 and response.get_json()["capacity"] == 40


@pytest.mark.parametrize(
    "field,body",
    [
        ("capacity", point_input(capacity=100_001)),
        ("capacity", point_input(capacity=2**31)),
        ("capacity", point_input(capacity=10**30)),
        ("power.tank_litres", point_input(power={**POWER, "tank_litres": 100_001})),
        ("power.generator_kw", point_input(power={**POWER, "generator_kw": 10_001})),
        ("power.consumption_lph", point_input(power={**POWER, "consumption_lph": 1_001})),
        ("power.tank_litres", point_input(power={**POWER, "tank_litres": 1e308})),
        ("power.tank_litres", point_input(power={**POWER, "tank_litres": 10**400})),
        ("lat", point_input(lat=1e308)),
    ],
)
def test_point_number_beyond_its_maximum_is_422(api, session, field, body):
    assert field in post_refused(api, session, body)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_point_number_that_is_not_finite_is_422(api, session, value):
    # json.dumps writes NaN/Infinity, which Python's JSON decoder (and so Flask) accepts.
    errors = post_refused(api, session, point_input(power={**POWER, "tank_litres": value}))
    assert errors == {"power.tank_litres": ["Not a number."]}


@pytest.mark.parametrize("point_id", [str(2**31), str(10**30), "9" * 4000])
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_point_id_beyond_the_database_range_is_404_json(api, method, point_id):
    response = api("auditor")._call(method, f"/api/v1/points/{point_id}", {"version": 1})
    assert response.status_code == 404
    assert "errors" in response.get_json()


def test_point_page_id_beyond_the_database_range_is_404(web, session):
    from tests.factories import make_user

    make_user(session, "auditor", email="a@test.example")
    web.login("a@test.example")
    make_point(session)
    assert web.client.get(f"/points/{2**63}").status_code == 404
    assert web.client.get(f"/points/{2**31}/edit").status_code == 404
