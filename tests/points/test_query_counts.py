"""Lists and the point page load everything they show in a fixed number of queries, however
many points there are and however long a point's history grows."""

from __future__ import annotations

import re
from datetime import timedelta

from readiness.audits.services import record_audit
from readiness.auth.actors import SYSTEM
from readiness.criteria.models import ReadinessSnapshot
from readiness.notices.services import record_posting
from readiness.points.models import PointChange
from readiness.points.writes import update_point
from readiness.timeutil import today_in_sweden
from tests.factories import full_crew, make_point, make_user

# What the point page reads today: the signed-in account; the point with its municipality,
# area, power, agreement, contacts and channels (7); its readiness facts (9, its area's crisis
# staff included); the notice status, recent postings, last change, recent audits and the
# level-since snapshot (5); the latest fuel reading and recent crisis log entries (2).
POINT_PAGE_QUERIES = 24


def _queries_for(count_queries, fetch) -> int:
    with count_queries() as statements:
        assert fetch().status_code == 200
    return len(statements)


def test_api_list_query_count_does_not_grow_with_points(api, session, count_queries):
    client = api("staff")
    make_point(session, name="A")
    client.get("/api/v1/points")  # a token's first use is recorded once (then once a minute)
    few = _queries_for(count_queries, lambda: client.get("/api/v1/points"))
    for i in range(12):
        make_point(session, name=f"P{i}", municipality="Vilhelmina" if i % 2 else "Krokom")
    many = _queries_for(count_queries, lambda: client.get("/api/v1/points"))
    assert many == few
    assert many <= 12


def test_list_page_query_count_does_not_grow_with_points(web, client, session, count_queries):
    make_user(session, "staff", email="staff@test.example")
    web.login("staff@test.example")
    make_point(session, name="A")
    few = _queries_for(count_queries, lambda: client.get("/points"))
    for i in range(12):
        make_point(session, name=f"P{i}", area=f"Område {i}")
    many = _queries_for(count_queries, lambda: client.get("/points"))
    assert many == few


def test_staff_own_points_list_query_count_does_not_grow_with_points(
    web, client, session, count_queries
):
    staff = make_user(session, "staff", email="staff@test.example", points=[make_point(session)])
    web.login("staff@test.example")
    few = _queries_for(count_queries, lambda: client.get("/points"))
    more = [make_point(session, name=f"P{i}") for i in range(12)]
    staff.assigned_points.extend(more)
    session.commit()
    many = _queries_for(count_queries, lambda: client.get("/points"))
    assert "P11" in client.get("/points").get_data(as_text=True)
    assert many == few


def _long_history(session, point, entries: int, actor=SYSTEM) -> None:
    """`entries` saved edits (contacts and channels growing), posted sheets, audits and trend
    snapshots: the rows a point gathers over the years."""
    today = today_in_sweden()
    for n in range(entries):
        crew = [{**contact, "name": f"{contact['name']} {n}"} for contact in full_crew()]
        update_point(
            session,
            point,
            {
                "version": point.version,
                "capacity": 40 + n,
                "contacts": crew * min(n + 1, 10),
                "channels": [{"kind": "notice_board", "detail": f"Tavla {i}"} for i in range(n)],
            },
            actor,
        )
        record_posting(session, point, SYSTEM)
        record_audit(session, point, SYSTEM, today - timedelta(days=n))
        session.add(
            ReadinessSnapshot(
                point_id=point.id,
                evaluated_on=today - timedelta(days=entries - n),
                criteria_version="2026.1",
                score=50 + n,
                level=("ready", "gaps", "not_ready")[n % 3],
                failed=[],
            )
        )
        session.commit()


def test_point_page_query_count_does_not_grow_with_its_history(web, client, session, count_queries):
    make_user(session, "auditor", email="auditor@test.example")
    web.login("auditor@test.example")
    point = make_point(session)
    url = f"/points/{point.id}"  # read outside the count: the test's session reloads it
    few = _queries_for(count_queries, lambda: client.get(url))
    _long_history(session, point, 12)
    many = _queries_for(count_queries, lambda: client.get(url))
    assert many == few
    assert many <= POINT_PAGE_QUERIES


def test_point_page_with_a_long_history_reads_one_change_and_one_snapshot(
    web, client, session, count_loads
):
    auditor = make_user(session, "auditor", email="auditor@test.example")
    web.login("auditor@test.example")
    point = make_point(session)
    _long_history(session, point, 12, actor=auditor)
    url = f"/points/{point.id}"
    with count_loads(PointChange) as changes, count_loads(ReadinessSnapshot) as snapshots:
        html = client.get(url).get_data(as_text=True)
    assert len(changes) == 1 and len(snapshots) == 1
    today = today_in_sweden().isoformat()
    assert re.search(rf"Senast ändrad {today} \d\d:\d\d av auditor@test\.example\.", html)
