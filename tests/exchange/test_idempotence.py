"""Importing the same file twice changes nothing; a changed cell is one history entry."""

from __future__ import annotations

from sqlalchemy import select

from readiness.points.models import Point, PointChange
from tests.exchange.conftest import POINT_HEADERS, csv_file, row_counts, run_import, xlsx_file
from tests.factories import make_point

ROWS = [
    POINT_HEADERS,
    ["", "Handlar'n Föllinge", "Butik", "Krokom", "Föllinge", "63,667", "14,619"],
    ["", "Skolan", "Skola", "Krokom", "", "", ""],
]


def versions(session) -> dict[str, tuple]:
    session.expire_all()
    return {p.name: (p.version, p.updated_at) for p in session.scalars(select(Point))}


def test_importing_the_same_file_twice_writes_nothing_the_second_time(session):
    data = xlsx_file({"Trygghetspunkter": ROWS})
    first = run_import(session, "punkter.xlsx", data)
    assert first.count("create") == 2
    counts, before = row_counts(session), versions(session)

    again = run_import(session, "punkter.xlsx", data)

    assert (again.count("create"), again.count("update"), again.count("unchanged")) == (0, 0, 2)
    assert row_counts(session) == counts  # no history row, no new point
    assert versions(session) == before


def test_municipality_and_area_match_whatever_their_case(session):
    make_point(session, area="Föllinge")
    counts = row_counts(session)
    rows = [
        POINT_HEADERS,
        ["", "Handlar'n Föllinge", "Butik", "krokom", "FÖLLINGE", "63,667", "14,619"],
    ]

    result = run_import(session, "punkter.csv", csv_file(rows))

    assert result.count("unchanged") == 1
    assert row_counts(session) == counts


def test_a_name_in_other_case_is_the_same_point_renamed(session):
    point = make_point(session)
    rows = [
        POINT_HEADERS,
        ["", "HANDLAR'N FÖLLINGE", "Butik", "Krokom", "Föllinge", "63,667", "14,619"],
    ]

    result = run_import(session, "punkter.csv", csv_file(rows))

    assert [(o.action, o.point_id) for o in result.outcomes] == [("update", point.id)]
    assert result.outcomes[0].changes == {"name": ["Handlar'n Föllinge", "HANDLAR'N FÖLLINGE"]}


def test_a_changed_cell_is_one_update_with_its_history(session):
    point = make_point(session, capacity=40)
    rows = [
        ["Kod", "Kapacitet (personer)", "Namn", "Typ", "Kommun"],
        [point.code, "45", point.name, "Butik", "Krokom"],
    ]
    history = session.scalar(select(PointChange).where(PointChange.point_id == point.id))
    assert history is not None

    result = run_import(session, "punkter.csv", csv_file(rows))

    assert result.count("update") == 1
    assert result.outcomes[0].changes == {"capacity": [40, 45]}
    session.expire_all()
    changes = session.scalars(
        select(PointChange).where(PointChange.point_id == point.id).order_by(PointChange.id)
    ).all()
    assert [c.action for c in changes] == ["create", "update"]
    assert changes[-1].changes == {"capacity": [40, 45]}
    assert session.get(Point, point.id).version == 2


def test_a_column_left_out_leaves_that_field_as_it_is(session):
    point = make_point(session, capacity=40, accessibility="Ramp")
    rows = [
        ["Kod", "Namn", "Typ", "Kommun"],
        [point.code, "Handlar'n i Föllinge", "Butik", "Krokom"],
    ]

    result = run_import(session, "punkter.csv", csv_file(rows))

    assert result.outcomes[0].changes == {"name": ["Handlar'n Föllinge", "Handlar'n i Föllinge"]}
    session.expire_all()
    stored = session.get(Point, point.id)
    assert (stored.capacity, stored.accessibility, len(stored.contacts)) == (40, "Ramp", 1)


def test_a_code_given_for_a_new_point_is_kept(session):
    rows = [POINT_HEADERS, ["k7rm4q", "Kåtan", "Annat", "Åre", "", "", ""]]

    run_import(session, "punkter.csv", csv_file(rows))

    assert session.scalars(select(Point.code)).all() == ["K7RM4Q"]


def test_a_code_of_an_archived_point_is_refused(session, api):
    point = make_point(session)
    assert api("auditor").delete(f"/api/v1/points/{point.id}").status_code == 204
    counts = row_counts(session)
    rows = [POINT_HEADERS, [point.code, "Handlar'n Föllinge", "Butik", "Krokom", "", "", ""]]

    result = run_import(session, "punkter.csv", csv_file(rows))

    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (2, "Kod", point.code)
    assert "arkiverad" in problem.message
    assert row_counts(session) == counts
