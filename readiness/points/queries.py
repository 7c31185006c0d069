"""Reading points: the points in scope, one point, the list page, history and pickers."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from readiness.auth.permissions import is_coordinator
from readiness.errors import NotFound
from readiness.points.models import Area, Municipality, Point, PointChange, name_matches
from readiness.points.schemas import point_schema


@dataclass
class PointFilters:
    municipality: str | None = None
    area: str | None = None
    kind: str | None = None
    q: str | None = None
    ids: list[int] | None = None
    archived: bool = False
    sort: str = "name"
    page: int = 1
    per_page: int = 50


SORTS = {
    "name": (func.lower(Point.name),),
    "municipality": (func.lower(Municipality.name), func.lower(Point.name)),
    "kind": (Point.kind, func.lower(Point.name)),
    "updated": (Point.updated_at.desc(),),
}


def points_in_scope(
    *columns,
    municipality: str | None = None,
    area: str | None = None,
    kind: str | None = None,
    ids: list[int] | None = None,
    archived: bool = False,
) -> Select:
    """Select `columns` (default: the Point) of the active points in scope, or of the archived
    ones with `archived`, joined to municipality and area; callers add options, order, paging."""
    statement = (
        select(*(columns or (Point,)))
        .select_from(Point)
        .join(Point.municipality)
        .outerjoin(Point.area)
    )
    if archived:
        statement = statement.where(Point.archived_at.is_not(None))
    else:
        statement = statement.where(Point.archived_at.is_(None))
    if municipality:
        statement = statement.where(name_matches(Municipality.name, municipality))
    if area:
        statement = statement.where(name_matches(Area.name, area))
    if kind:
        statement = statement.where(Point.kind == kind)
    if ids is not None:
        statement = statement.where(Point.id.in_(ids))
    return statement


def with_everything(statement: Select) -> Select:
    """Load a point with all it owns in a fixed number of queries (no N+1)."""
    return statement.options(
        selectinload(Point.municipality),
        selectinload(Point.area),
        selectinload(Point.power),
        selectinload(Point.agreement),
        selectinload(Point.contacts),
        selectinload(Point.channels),
    )


def get_point(session: Session, point_id: int, *, include_archived: bool = False) -> Point:
    point = session.scalars(with_everything(select(Point).where(Point.id == point_id))).first()
    if point is None or (point.is_archived and not include_archived):
        raise NotFound({"_request": [_l("No point with id %(id)s.", id=point_id)]})
    return point


def list_points(session: Session, filters: PointFilters) -> tuple[list[Point], int]:
    statement = points_in_scope(
        municipality=filters.municipality,
        area=filters.area,
        kind=filters.kind,
        ids=filters.ids,
        archived=filters.archived,
    )
    if filters.q:
        pattern = f"%{filters.q.strip().lower()}%"
        statement = statement.where(
            or_(
                func.lower(Point.name).like(pattern),
                func.lower(Point.locality).like(pattern),
                func.lower(Point.address).like(pattern),
                func.lower(Point.code).like(pattern),
                func.lower(Area.name).like(pattern),
            )
        )
    total = session.scalar(select(func.count()).select_from(statement.subquery()))
    order = SORTS.get(filters.sort, SORTS["name"])
    page = (
        with_everything(statement)
        .order_by(*order, Point.id)
        .limit(filters.per_page)
        .offset((filters.page - 1) * filters.per_page)
    )
    return list(session.scalars(page)), total or 0


def point_document(point: Point) -> dict:
    """The contract's JSON representation of a point (private fields included)."""
    return point_schema.dump(point)


def editable_document(point: Point) -> dict:
    """A point as input: what a client would send to recreate it unchanged."""
    document = point_document(point)
    for server_owned in ("id", "code", "version"):
        document.pop(server_owned, None)
    document["crisis"].pop("since", None)
    return document


def point_for_history(session: Session, point_id: int, actor) -> Point:
    """The point whose history `actor` may read: every active point for every role; an
    archived point's only for coordinators (staff no longer see archived points at all)."""
    return get_point(session, point_id, include_archived=is_coordinator(actor))


def point_history(session: Session, point: Point) -> list[PointChange]:
    return list(
        session.scalars(
            select(PointChange)
            .where(PointChange.point_id == point.id)
            .order_by(PointChange.version.desc(), PointChange.id.desc())
        )
    )


def last_change(session: Session, point_id: int) -> PointChange | None:
    """The point's latest recorded change (the point page shows only that one); a "still
    correct" confirmation changed nothing, so it is not one."""
    return session.scalars(
        select(PointChange)
        .where(PointChange.point_id == point_id, PointChange.action != "confirm")
        .order_by(PointChange.version.desc(), PointChange.id.desc())
        .limit(1)
    ).first()


def changes_since(session: Session, point: Point, version: int) -> list[PointChange]:
    """What others saved after the version a user started editing from (for conflicts)."""
    return [change for change in point_history(session, point) if change.version > version]


def points_by_ids(session: Session, ids: list[int]) -> list[Point]:
    """The active points with these ids (unknown ids are left out)."""
    if not ids:
        return []
    return list(session.scalars(points_in_scope(ids=ids)))


def point_choices(session: Session) -> list:
    """Id and name of every active point, for pickers (rows with `.id` and `.name`)."""
    return list(
        session.execute(
            points_in_scope(Point.id, Point.name).order_by(func.lower(Point.name), Point.id)
        )
    )


def municipality_names(session: Session) -> list[str]:
    return list(session.scalars(select(Municipality.name).order_by(Municipality.name)))


def area_names(session: Session, municipality: str | None = None) -> list[str]:
    statement = select(Area.name).join(Area.municipality).distinct().order_by(Area.name)
    if municipality:
        statement = statement.where(name_matches(Municipality.name, municipality))
    return list(session.scalars(statement))
