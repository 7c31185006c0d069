"""A result keeps the catalog version it was computed with: results stored under 2026.1 stay
2026.1 after the catalog moved on (2026.2 added AREA-STAFF), and the trend shows where it
changed. The current version is read from the catalog, so a later one keeps these true."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from readiness.criteria.catalog import base_catalog
from readiness.criteria.models import ReadinessSnapshot
from readiness.timeutil import today_in_sweden
from tests.factories import make_point, make_user

CURRENT = base_catalog().version  # 2026.2 with AREA-STAFF, or a later one


@pytest.fixture
def last_month_result(session):
    """A point whose last stored result was computed under 2026.1 at the end of last month."""
    point = make_point(session)
    day = today_in_sweden().replace(day=1) - timedelta(days=1)
    session.add(
        ReadinessSnapshot(
            point_id=point.id,
            evaluated_on=day,
            criteria_version="2026.1",
            score=94,
            level="gaps",
            failed=["AUDIT-RECENT"],
        )
    )
    session.commit()
    return point, day


def test_record_readiness_after_the_new_catalog_keeps_the_old_result_at_2026_1(
    app, session, last_month_result
):
    point, day = last_month_result
    assert app.test_cli_runner().invoke(args=["record-readiness"]).exit_code == 0
    session.expire_all()
    stored = session.execute(
        select(ReadinessSnapshot.evaluated_on, ReadinessSnapshot.criteria_version)
        .where(ReadinessSnapshot.point_id == point.id)
        .order_by(ReadinessSnapshot.id)
    ).all()
    assert [tuple(row) for row in stored] == [(day, "2026.1"), (today_in_sweden(), CURRENT)]


def test_point_readiness_beside_an_old_result_is_computed_under_the_current_version(
    api, last_month_result
):
    point, _day = last_month_result
    body = api("staff").get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert body["criteria_version"] == CURRENT


def test_the_current_version_is_after_2026_1():
    assert tuple(int(part) for part in CURRENT.split(".")) >= (2026, 2)


def test_dashboard_trend_shows_each_months_criteria_version(
    app, web, client, session, last_month_result
):
    _point, day = last_month_result
    assert app.test_cli_runner().invoke(args=["record-readiness"]).exit_code == 0
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    html = client.get("/readiness").get_data(as_text=True)
    rows = dict(re.findall(r'<tr><th scope="row">(\d{4}-\d\d)</th>.*?<td>([^<]*)</td></tr>', html))
    last_month, this_month = day.strftime("%Y-%m"), today_in_sweden().strftime("%Y-%m")
    assert (rows[last_month], rows[this_month]) == ("2026.1", CURRENT)
