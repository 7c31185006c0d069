"""Limits exactly at the boundary: float runtimes, every independent channel kind, test runs."""

from __future__ import annotations

import pytest

from readiness.criteria.catalog import base_catalog, catalog_for
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ChannelFacts
from tests.criteria.builders import AS_OF, ago, ready_point, with_power
from tests.factories import days_ago, make_point, point_input

CATALOG = base_catalog()


def failed(point, catalog=CATALOG) -> list[str]:
    return evaluate(point, catalog, AS_OF).failed


def test_power_runtime_float_quotient_exactly_at_the_limit_passes():
    assert 151.2 / 2.1 < 72  # 71.99999999999999 in floating point: the case being pinned
    assert "POWER-RUNTIME" not in failed(with_power(tank_litres=151.2, consumption_lph=2.1))


def test_power_runtime_float_quotient_just_below_the_limit_fails_with_hours_rounded_down():
    evaluation = evaluate(with_power(tank_litres=151.1, consumption_lph=2.1), CATALOG, AS_OF)
    [gap] = [g for g in evaluation.gaps if g.criterion == "POWER-RUNTIME"]
    assert gap.facts == {"hours": 71.9, "min_hours": 72}  # 71.95 h


def test_power_runtime_float_quotient_at_the_limit_passes_through_the_api(api, session):
    point = make_point(
        session, power={**point_input()["power"], "tank_litres": 151.2, "consumption_lph": 2.1}
    )
    body = api("staff").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "POWER-RUNTIME" in body["passed"]


def _only(kind: str, tested) -> object:
    return ready_point(channels=(ChannelFacts(kind, tested), ChannelFacts("notice_board", None)))


@pytest.mark.parametrize("kind", ["satellite_phone", "vhf_radio"])
def test_channel_tested_kind_tested_exactly_days_ago_passes(kind):
    point = _only(kind, ago(92))
    assert "CHANNEL-TESTED" in evaluate(point, CATALOG, AS_OF).passed


@pytest.mark.parametrize("kind", ["satellite_phone", "vhf_radio"])
def test_channel_tested_kind_tested_days_plus_one_ago_fails(kind):
    assert "CHANNEL-TESTED" in failed(_only(kind, ago(93)))


@pytest.mark.parametrize("kind", ["satellite_phone", "vhf_radio"])
def test_channel_tested_rakel_fresh_but_other_kind_stale_fails_naming_the_stale_one(kind):
    channels = (ChannelFacts("rakel", ago(5)), ChannelFacts(kind, ago(93)))
    evaluation = evaluate(ready_point(channels=channels), CATALOG, AS_OF)
    [gap] = [g for g in evaluation.gaps if g.criterion == "CHANNEL-TESTED"]
    assert gap.facts == {"missing": [("channel", kind)], "days": 92}


@pytest.mark.parametrize("kind", ["satellite_phone", "vhf_radio"])
def test_channel_tested_kind_through_the_api_passes_at_92_days_and_fails_at_93(kind, api, session):
    channels = [{"kind": kind, "detail": "Kanal 1", "last_tested": days_ago(92)}]
    fresh = make_point(session, name="A", channels=channels)
    stale = make_point(session, name="B", channels=[{**channels[0], "last_tested": days_ago(93)}])
    client = api("staff")
    assert (
        "CHANNEL-TESTED" in client.get(f"/api/v1/points/{fresh.id}/readiness").get_json()["passed"]
    )
    assert "CHANNEL-TESTED" in [
        g["criterion"]
        for g in client.get(f"/api/v1/points/{stale.id}/readiness").get_json()["gaps"]
    ]


def test_power_test_run_exactly_31_days_ago_passes():
    assert "POWER-TEST-RUN" not in failed(with_power(last_test_run=ago(31)))


def test_power_test_run_32_days_ago_fails_stating_age_and_limit():
    evaluation = evaluate(with_power(last_test_run=ago(32)), CATALOG, AS_OF)
    [gap] = [g for g in evaluation.gaps if g.criterion == "POWER-TEST-RUN"]
    assert gap.facts == {"date": ago(32), "age": 32, "days": 31}


def test_power_test_run_boundary_follows_a_local_days_override():
    local = catalog_for("Krokom", {"Krokom": {"POWER-TEST-RUN.days": 14}})
    assert "POWER-TEST-RUN" not in failed(with_power(last_test_run=ago(14)), local)
    assert "POWER-TEST-RUN" in failed(with_power(last_test_run=ago(15)), local)


def test_power_test_run_through_the_api_passes_at_31_days_and_fails_at_32(api, session):
    on_limit = make_point(
        session, name="A", power={**point_input()["power"], "last_test_run": days_ago(31)}
    )
    past = make_point(
        session, name="B", power={**point_input()["power"], "last_test_run": days_ago(32)}
    )
    client = api("staff")
    assert (
        "POWER-TEST-RUN"
        in client.get(f"/api/v1/points/{on_limit.id}/readiness").get_json()["passed"]
    )
    assert "POWER-TEST-RUN" in [
        g["criterion"] for g in client.get(f"/api/v1/points/{past.id}/readiness").get_json()["gaps"]
    ]
