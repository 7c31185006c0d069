"""Reading areas: the areas with their staff, one area, its points, its staff and history."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

from readiness.areas.models import AreaChange, AreaContact
from readiness.areas.schemas import area_staff_schema
from readiness.errors import NotFound
from readiness.points.models import Area, Municipality, Point, name_matches
from readiness.points.queries import points_in_scope


@dataclass(frozen=True)
class AreaSummary:
    """An area for the list of areas: its staff and how many active points it has."""

    area: Area
    staff: list[AreaContact]
    points: int


def staff_by_area(session: Session, area_ids: list[int]) -> dict[int, list[AreaContact]]:
    """The staff of these areas in their order, in one query."""
    staff: dict[int, list[AreaContact]] = {area_id: [] for area_id in area_ids}
    if area_ids:
        for person in session.scalars(
            select(AreaContact)
            .where(AreaContact.area_id.in_(area_ids))
            .order_by(AreaContact.area_id, AreaContact.position, AreaContact.id)
        ):
            staff[person.area_id].append(person)
    return staff


def area_list(session: Session, municipality: str | None = None) -> list[AreaSummary]:
    """Every area (of `municipality`, when given) by municipality and name; three queries."""
    statement = (
        select(Area)
        .join(Area.municipality)
        .options(contains_eager(Area.municipality))
        .order_by(func.lower(Municipality.name), func.lower(Area.name), Area.id)
    )
    if municipality:
        statement = statement.where(name_matches(Municipality.name, municipality))
    areas = list(session.scalars(statement))
    ids = [area.id for area in areas]
    staff = staff_by_area(session, ids)
    counts = (
        dict(
            session.execute(
                select(Point.area_id, func.count())
                .where(Point.area_id.in_(ids), Point.archived_at.is_(None))
                .group_by(Point.area_id)
            ).all()
        )
        if ids
        else {}
    )
    return [AreaSummary(area, staff[area.id], counts.get(area.id, 0)) for area in areas]


def get_area(session: Session, area_id: int) -> Area:
    area = session.scalars(
        select(Area)
        .join(Area.municipality)
        .options(contains_eager(Area.municipality))
        .where(Area.id == area_id)
    ).first()
    if area is None:
        raise NotFound({"_request": [_l("No area with id %(id)s.", id=area_id)]})
    return area


def find_area(session: Session, municipality: str, name: str) -> Area:
    """The area of this name in this municipality (names match whatever their case)."""
    area = session.scalars(
        select(Area)
        .join(Area.municipality)
        .options(contains_eager(Area.municipality))
        .where(name_matches(Municipality.name, municipality), name_matches(Area.name, name))
    ).first()
    if area is None:
        message = _l("No area %(area)s in %(municipality)s.", area=name, municipality=municipality)
        raise NotFound({"_request": [message]})
    return area


def area_staff(session: Session, area_id: int) -> list[AreaContact]:
    return staff_by_area(session, [area_id])[area_id]


def area_points(session: Session, area_id: int) -> list:
    """Id, name and code of the area's active points, in name order."""
    return list(
        session.execute(
            points_in_scope(Point.id, Point.name, Point.code)
            .where(Point.area_id == area_id)
            .order_by(func.lower(Point.name), Point.id)
        )
    )


def staff_document(area: Area, staff: list) -> dict:
    """The area's staff as input: what a client would send to keep it unchanged."""
    return area_staff_schema.dump({"staff": staff, "staff_reviewed": area.staff_reviewed})


def area_history(session: Session, area_id: int) -> list[AreaChange]:
    """The saved changes of the area's staff, newest first."""
    return list(
        session.scalars(
            select(AreaChange)
            .where(AreaChange.area_id == area_id)
            .order_by(AreaChange.version.desc(), AreaChange.id.desc())
        )
    )


def last_change(session: Session, area_id: int) -> AreaChange | None:
    """The latest saved change of the area's staff (the area page shows only that one)."""
    return session.scalars(
        select(AreaChange)
        .where(AreaChange.area_id == area_id)
        .order_by(AreaChange.version.desc(), AreaChange.id.desc())
        .limit(1)
    ).first()


def changes_since(session: Session, area_id: int, version: int) -> list[AreaChange]:
    """What others saved after the version a user started editing from (for conflicts)."""
    return [c for c in area_history(session, area_id) if c.version > version]
