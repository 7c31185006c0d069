"""The public pages' queries: a point, a municipality's points, the list pages.

What of a point is public is the allow-list in points/public.py; everything here is built from
it, so nothing private can reach a public page, a notice or the bundle."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session, joinedload, selectinload

from readiness.points.models import Municipality, Point
from readiness.points.public import PublicPoint, public_point
from readiness.points.queries import points_in_scope


def _public_points_query(municipality: str | None = None, area: str | None = None):
    # Many-to-one parts joined, lists selected in: 3 queries however many points.
    return points_in_scope(municipality=municipality, area=area).options(
        joinedload(Point.municipality),
        joinedload(Point.area),
        joinedload(Point.power),
        selectinload(Point.contacts),
        selectinload(Point.channels),
    )


def find_public_point(session: Session, code: str) -> PublicPoint | None:
    point = session.scalars(_public_points_query().where(Point.code == code.upper())).first()
    return public_point(point) if point else None


def public_points(
    session: Session,
    municipality: str | None = None,
    area: str | None = None,
    codes: list[str] | None = None,
) -> list[PublicPoint]:
    query = _public_points_query(municipality, area)
    if codes is not None:
        query = query.where(Point.code.in_(codes))
    points = session.scalars(query.order_by(func.lower(Point.name), Point.id)).unique()
    return [public_point(p) for p in points]


def public_municipalities(session: Session) -> list[str]:
    return list(
        session.scalars(points_in_scope(Municipality.name).distinct().order_by(Municipality.name))
    )


# More points than this on one list page would break the 14 KB budget of a public page:
# a large municipality then lists its areas first.
LIST_LIMIT = 80


@dataclass(frozen=True)
class ListPage:
    municipality: str | None
    area: str | None
    municipalities: list[str]
    areas: list[tuple[str, int]]  # (area, number of points) when the points are too many
    points: list[PublicPoint]


def list_page(session: Session, municipality: str | None, area: str | None = None) -> ListPage:
    """The public list: municipalities; a municipality's points (or areas); an area's points.

    Names are matched whatever their case and shown as registered ("krokom" lists Krokom)."""
    if not municipality:
        return ListPage(None, None, public_municipalities(session), [], [])
    points = public_points(session, municipality, area)
    if points:
        municipality = points[0].municipality
        area = points[0].area if area else None
    if area or len(points) <= LIST_LIMIT:
        return ListPage(municipality, area, [], [], points)
    counts: dict[str, int] = {}
    for point in points:
        if point.area:
            counts[point.area] = counts.get(point.area, 0) + 1
    without_area = [p for p in points if not p.area]
    return ListPage(municipality, None, [], sorted(counts.items()), without_area)
