"""The dashboard and the point page's "at this level since" read a fixed amount, however many
points there are and however long the trend log grows."""

from __future__ import annotations

from datetime import timedelta

from readiness.auth.actors import SYSTEM
from readiness.criteria.models import ReadinessSnapshot
from readiness.criteria.services import last_level_change
from readiness.notices.services import record_posting
from readiness.timeutil import today_in_sweden
from tests.factories import make_point, make_user

# The signed-in account; the readiness facts (9, the areas' crisis staff included); municipality
# and area names for the filters; the trend log.
DASHBOARD_QUERIES = 13


def _snapshots(session, point, levels: list[str]) -> list[ReadinessSnapshot]:
    """One stored evaluation a day for `levels`, oldest first, the last one today."""
    today = today_in_sweden()
    rows = [
        ReadinessSnapshot(
            point_id=point.id,
            evaluated_on=today - timedelta(days=len(levels) - 1 - n),
            criteria_version="2026.1",
            score=50,
            level=level,
            failed=[],
        )
        for n, level in enumerate(levels)
    ]
    session.add_all(rows)
    session.commit()
    return rows


def _queries_for(count_queries, fetch) -> int:
    with count_queries() as statements:
        assert fetch().status_code == 200
    return len(statements)


def test_dashboard_query_count_does_not_grow_with_points(web, client, session, count_queries):
    make_user(session, "auditor", email="auditor@test.example")
    web.login("auditor@test.example")
    _snapshots(session, make_point(session, name="A"), ["gaps", "ready"])
    few = _queries_for(count_queries, lambda: client.get("/readiness"))
    for i in range(12):
        point = make_point(
            session,
            name=f"P{i}",
            municipality="Vilhelmina" if i % 2 else "Krokom",
            area=f"Område {i}",
            power={"source": "none"} if i % 3 else None,
        )
        record_posting(session, point, SYSTEM)
        _snapshots(session, point, ["not_ready", "gaps", "ready"][: i % 3 + 1])
    many = _queries_for(count_queries, lambda: client.get("/readiness"))
    assert many == few
    assert many <= DASHBOARD_QUERIES


def test_dashboard_of_staff_own_points_query_count_does_not_grow_with_points(
    web, client, session, count_queries
):
    staff = make_user(session, "staff", email="staff@test.example", points=[make_point(session)])
    web.login("staff@test.example")
    few = _queries_for(count_queries, lambda: client.get("/readiness"))
    more = [make_point(session, name=f"P{i}") for i in range(12)]
    staff.assigned_points.extend(more)
    session.commit()
    many = _queries_for(count_queries, lambda: client.get("/readiness"))
    assert "P11" in client.get("/readiness").get_data(as_text=True)
    # One more than a coordinator's: the staff member's assigned points.
    assert many == few <= DASHBOARD_QUERIES + 1


def test_last_level_change_after_going_back_and_forth_is_the_start_of_the_latest_run(
    session, count_loads
):
    point = make_point(session)
    stored = _snapshots(session, point, ["ready", "gaps", "ready", "gaps", "gaps", "gaps"])
    point_id, expected = point.id, stored[3].id
    session.expunge_all()  # read from the database, not from this session's objects
    with count_loads(ReadinessSnapshot) as loaded:
        reached = last_level_change(session, point_id)
    assert reached.id == expected
    assert len(loaded) == 1


def test_last_level_change_with_one_level_all_along_is_the_first_snapshot(session):
    point = make_point(session)
    stored = _snapshots(session, point, ["gaps", "gaps", "gaps"])
    assert last_level_change(session, point.id).id == stored[0].id


def test_last_level_change_without_snapshots_is_none(session):
    point = make_point(session)
    other = make_point(session, name="Annan punkt")
    _snapshots(session, other, ["ready"])
    assert last_level_change(session, point.id) is None
