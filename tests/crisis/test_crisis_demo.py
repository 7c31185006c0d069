"""The demo data carry the storm rehearsal: enough points in Föllinge, none activated."""

from __future__ import annotations

from readiness.demo import demo_points


def test_demo_follinge_has_three_points_whose_fuel_can_be_counted():
    follinge = [
        p for p in demo_points() if (p["municipality"], p.get("area")) == ("Krokom", "Föllinge")
    ]
    counted = [
        p["name"]
        for p in follinge
        if p["power"].get("tank_litres") and p["power"].get("consumption_lph")
    ]
    assert len(counted) >= 3, counted


def test_demo_points_are_not_activated():
    assert [p["name"] for p in demo_points() if "crisis" in p] == []
