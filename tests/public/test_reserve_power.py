"""What residents read about reserve power is true: only a generator on site is promised."""

from __future__ import annotations

import pytest

from tests.factories import make_point
from tests.pdf_tools import pdf_text

POWER = {
    "none": {"source": "none"},
    "connection_only": {"source": "connection_only"},
    "mobile_generator": {
        "source": "mobile_generator",
        "tank_litres": 100,
        "consumption_lph": 2.0,
        "covers": ["lighting"],
    },
    "fixed_generator": {
        "source": "fixed_generator",
        "tank_litres": 400,
        "consumption_lph": 5.0,
        "covers": ["lighting"],
    },
}
GENERATOR_ON_SITE = {"none": False, "connection_only": False}


@pytest.mark.parametrize("source", POWER)
def test_resident_page_promises_reserve_power_only_for_a_generator_on_site(client, session, source):
    point = make_point(session, power=POWER[source])
    html = client.get(f"/p/{point.code}").get_data(as_text=True)
    assert ("Reservkraft finns" in html) is GENERATOR_ON_SITE.get(source, True)
    english = client.get(f"/p/{point.code}?lang=en").get_data(as_text=True)
    assert ("Reserve power on site" in english) is GENERATOR_ON_SITE.get(source, True)
    assert "reservkraft." not in html.lower()  # the old false claim, in any form


@pytest.mark.parametrize("source", POWER)
def test_sheet_promises_reserve_power_only_for_a_generator_on_site(api, session, tmp_path, source):
    point = make_point(session, power=POWER[source])
    text = pdf_text(api("staff").get(f"/api/v1/points/{point.id}/notice.pdf").data, tmp_path)
    assert ("Reservkraft finns" in text) is GENERATOR_ON_SITE.get(source, True)


@pytest.mark.parametrize("source", POWER)
def test_geojson_has_reserve_power_only_for_a_generator_on_site(client, session, source):
    point = make_point(session, power=POWER[source])
    body = client.get("/api/v1/public/points.geojson").get_json()
    [feature] = [f for f in body["features"] if f["properties"]["code"] == point.code]
    assert feature["properties"]["has_reserve_power"] is GENERATOR_ON_SITE.get(source, True)


def test_demo_schools_with_only_a_connection_promise_no_power(app, client, tmp_path):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    body = client.get("/api/v1/public/points.geojson").get_json()
    by_name = {f["properties"]["name"]: f["properties"] for f in body["features"]}
    for name in ("Offerdals skola", "Malgoviks skola"):
        assert by_name[name]["has_reserve_power"] is False
        html = client.get(f"/p/{by_name[name]['code']}").get_data(as_text=True)
        assert "Reservkraft finns" not in html
