"""The demo data file (readiness/demo.toml) and its relative dates."""

from __future__ import annotations

from datetime import date

from readiness.demo import demo_data


def test_demo_data_dates_count_back_from_the_given_day():
    points = {point["name"]: point for point in demo_data(date(2027, 1, 10))["points"]}
    shop = points["Handlar'n Föllinge"]
    assert shop["power"]["last_test_run"] == "2026-12-29"  # { days_ago = 12 }
    assert shop["agreement"]["valid_from"] == "2026-01-01"  # Jan 1 last year
    assert shop["agreement"]["valid_until"] == "2028-12-31"  # Dec 31 next year
    assert points["Kittelfjäll Service"]["agreement"]["valid_until"] == "2026-12-01"


def test_demo_data_audits_and_accounts_name_existing_points():
    data = demo_data(date(2027, 1, 10))
    names = {point["name"] for point in data["points"]}
    for listed in [*data["audits"], *data["accounts"]]:
        assert set(listed.get("points", [])) <= names


def test_demo_data_area_staff_names_areas_of_demo_points():
    data = demo_data(date(2027, 1, 10))
    areas = {(point["municipality"], point.get("area")) for point in data["points"]}
    assert {(entry["municipality"], entry["area"]) for entry in data["areas"]} <= areas
