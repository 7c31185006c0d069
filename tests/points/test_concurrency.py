"""Two saves that both passed the version check: the database refuses the second one."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from readiness.auth.actors import SYSTEM
from readiness.errors import Conflict
from readiness.points.models import Point
from readiness.points.queries import get_point
from readiness.points.writes import update_point
from tests.factories import make_point


def test_a_save_racing_another_is_refused_and_loses_nothing(session):
    point = make_point(session)
    engine = session.get_bind()
    with Session(engine) as first, Session(engine) as second:
        mine = get_point(first, point.id)
        theirs = get_point(second, point.id)  # both read version 1
        update_point(second, theirs, {"version": 1, "capacity": 99}, SYSTEM)
        second.commit()
        with pytest.raises(Conflict) as refused:
            # The version check in Python passed (both saw 1); the UPDATE ... WHERE version=1
            # finds no row and the flush is refused.
            update_point(first, mine, {"version": 1, "crisis_hours": "08–20"}, SYSTEM)
            first.flush()
        assert "version" in refused.value.errors
    session.expire_all()
    stored = session.get(Point, point.id)
    assert (stored.capacity, stored.crisis_hours, stored.version) == (99, "Dygnet runt vid kris", 2)
