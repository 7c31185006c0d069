"""Two saves of an area's staff that both passed the version check: the second is refused."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from readiness.areas.queries import area_staff, get_area
from readiness.areas.writes import update_staff
from readiness.auth.actors import SYSTEM
from readiness.errors import Conflict
from tests.factories import full_area_staff, make_point


def test_an_area_staff_save_racing_another_is_refused_and_loses_nothing(session):
    area_id = make_point(session).area_id
    engine = session.get_bind()
    with Session(engine) as first, Session(engine) as second:
        mine = get_area(first, area_id)
        theirs = get_area(second, area_id)  # both read staff version 1
        update_staff(second, theirs, {"version": 1, "staff": full_area_staff()}, SYSTEM)
        second.commit()
        lone = [{"name": "Karin Ström", "roles": ["area_coordinator"]}]
        with pytest.raises(Conflict) as refused:
            update_staff(first, mine, {"version": 1, "staff": lone}, SYSTEM)
        assert "version" in refused.value.errors
    session.expire_all()
    names = [person.name for person in area_staff(session, area_id)]
    assert (names, get_area(session, area_id).staff_version) == (
        ["Maria Sjöberg", "Johan Lindqvist", "Eva Strand"],
        2,
    )
