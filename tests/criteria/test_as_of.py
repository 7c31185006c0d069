"""Evaluating at a past `as_of`: facts dated after it were not known yet and never count."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readiness.audits.services import record_audit
from readiness.auth.actors import SYSTEM
from readiness.criteria.catalog import base_catalog
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import ChannelFacts
from readiness.timeutil import today_in_sweden
from tests.criteria.builders import AS_OF, ready_point, with_power
from tests.factories import days_ago, make_point, point_input

CATALOG = base_catalog()
TOMORROW = AS_OF + timedelta(days=1)
DATED_FACTS = [
    ("POWER-TEST-RUN", lambda d: with_power(last_test_run=d)),
    ("POWER-LOAD-TEST", lambda d: with_power(last_load_test=d)),
    ("POWER-FUEL-CHECK", lambda d: with_power(fuel_checked=d)),
    ("CONTACTS-REVIEWED", lambda d: ready_point(contacts_reviewed=d)),
    ("EXERCISE-RECENT", lambda d: ready_point(last_exercise=d)),
    ("AUDIT-RECENT", lambda d: ready_point(last_audit_on=d)),
    (
        "CHANNEL-TESTED",
        lambda d: ready_point(
            channels=(ChannelFacts("rakel", d), ChannelFacts("notice_board", None))
        ),
    ),
]


@pytest.mark.parametrize("criterion,make", DATED_FACTS)
def test_dated_fact_after_as_of_is_a_gap(criterion, make):
    assert criterion in evaluate(make(TOMORROW), CATALOG, AS_OF).failed


@pytest.mark.parametrize("criterion,make", DATED_FACTS)
def test_dated_fact_on_as_of_itself_passes(criterion, make):
    assert criterion in evaluate(make(AS_OF), CATALOG, AS_OF).passed


def test_test_run_after_as_of_reads_as_not_recorded():
    evaluation = evaluate(with_power(last_test_run=TOMORROW), CATALOG, AS_OF)
    [gap] = [g for g in evaluation.gaps if g.criterion == "POWER-TEST-RUN"]
    assert gap.facts == {"missing_value": True, "days": 31}  # "No test run is recorded"


def test_point_readiness_as_of_last_year_ignores_a_test_run_recorded_today(api, session):
    power = {**point_input()["power"], "last_test_run": days_ago(0)}
    point = make_point(session, power=power)
    last_year = (today_in_sweden() - timedelta(days=365)).isoformat()
    body = (
        api("staff")
        .get(
            f"/api/v1/points/{point.id}/readiness?as_of={last_year}",
            headers={"Accept-Language": "en"},
        )
        .get_json()
    )
    [gap] = [g for g in body["gaps"] if g["criterion"] == "POWER-TEST-RUN"]
    assert gap["message"] == "No test run is recorded (limit 31 days)."


def test_point_readiness_as_of_today_counts_the_test_run_recorded_today(api, session):
    power = {**point_input()["power"], "last_test_run": days_ago(0)}
    point = make_point(session, power=power)
    body = api("staff").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "POWER-TEST-RUN" in body["passed"]


def test_point_readiness_as_of_before_a_channel_test_lists_the_channel_untested(api, session):
    point = make_point(session)  # RAKEL tested 5 days ago
    before = (today_in_sweden() - timedelta(days=6)).isoformat()
    body = (
        api("staff")
        .get(
            f"/api/v1/points/{point.id}/readiness?as_of={before}", headers={"Accept-Language": "en"}
        )
        .get_json()
    )
    [gap] = [g for g in body["gaps"] if g["criterion"] == "CHANNEL-TESTED"]
    assert gap["message"] == "Not tested within 92 days: RAKEL."


def test_point_readiness_as_of_before_an_audit_does_not_count_it(api, session):
    point = make_point(session)
    record_audit(session, point, SYSTEM, today_in_sweden() - timedelta(days=3))
    session.commit()
    client = api("staff")
    url = f"/api/v1/points/{point.id}/readiness"
    before = (today_in_sweden() - timedelta(days=4)).isoformat()
    assert "AUDIT-RECENT" in client.get(url).get_json()["passed"]
    assert "AUDIT-RECENT" in [
        g["criterion"] for g in client.get(f"{url}?as_of={before}").get_json()["gaps"]
    ]
