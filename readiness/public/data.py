"""The public pages' queries: a point, a municipality's points, the list pages.

What of a point is public is the allow-list in points/public.py; everything here is built from
it, so nothing private can reach a public page, a notice or the bundle."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
        joinedload(Point.crisis_event),
        selectinload(Point.contacts),
        selectinload(Point.channels),
    )


# The order of every list of points residents see: by name, whatever its case.
_BY_NAME = (func.lower(Point.name), Point.id)


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
    points = session.scalars(query.order_by(*_BY_NAME)).unique()
    return [public_point(p) for p in points]


def public_codes(session: Session) -> list[str]:
    """The codes of every public point, in the order of public_points."""
    return list(session.scalars(points_in_scope(Point.code).order_by(*_BY_NAME)))


def public_municipalities(session: Session) -> list[str]:
    return list(
        session.scalars(points_in_scope(Municipality.name).distinct().order_by(Municipality.name))
    )


# More points than this on one list page would break the 14 KB budget of a public page:
# a large municipality then lists its areas first.
LIST_LIMIT = 80


# Activated points listed on top of a municipality page that otherwise lists its areas.
ACTIVATED_LIMIT = 40


@dataclass(frozen=True)
class CrisisGroup:
    """Activated points that share a state, a message and the time it was set (an area opened
    in one action): the state and message are shown once, in large type, above their names."""

    state: str  # open, closed
    exercise: bool
    message: str | None
    since: datetime | None
    points: list[PublicPoint]


def crisis_groups(points: list[PublicPoint]) -> list[CrisisGroup]:
    """The activated points in groups: open before closed, real events before exercises,
    the latest change first; names in the order given."""
    groups: dict[tuple, list[PublicPoint]] = {}
    for point in points:
        if point.crisis_state not in ("open", "closed"):
            continue
        since = point.crisis_since.replace(second=0, microsecond=0) if point.crisis_since else None
        key = (point.crisis_state, point.crisis_exercise, point.crisis_message, since)
        groups.setdefault(key, []).append(point)
    ordered = sorted(
        groups.items(),
        key=lambda item: (
            item[0][0] != "open",
            item[0][1],
            -(item[0][3].timestamp() if item[0][3] else 0),
        ),
    )
    return [CrisisGroup(*key, points=members) for key, members in ordered]


@dataclass(frozen=True)
class ListPage:
    municipality: str | None
    area: str | None
    municipalities: list[str]
    areas: list[tuple[str, int]]  # (area, number of points) when the points are too many
    points: list[PublicPoint]  # listed by name: those not activated now
    activated: list[CrisisGroup] = field(default_factory=list)  # listed first
    activated_more: int = 0  # activated points not listed (see the areas)
    exercise: bool = False  # some point here is in an exercise: the page says ÖVNING

    @property
    def activated_count(self) -> int:
        return sum(len(group.points) for group in self.activated)


def _is_activated(point: PublicPoint) -> bool:
    return point.crisis_state in ("open", "closed")


def list_page(session: Session, municipality: str | None, area: str | None = None) -> ListPage:
    """The public list: municipalities; a municipality's points (or areas); an area's points.
    Activated points come first, in groups by state and message.

    Names are matched whatever their case and shown as registered ("krokom" lists Krokom)."""
    if not municipality:
        return ListPage(None, None, public_municipalities(session), [], [])
    return points_list_page(public_points(session, municipality, area), municipality, area)


def points_list_page(points: list[PublicPoint], municipality: str, area: str | None) -> ListPage:
    """The list page of these points (public_points of the municipality, or of the area)."""
    if points:
        municipality = points[0].municipality
        area = points[0].area if area else None
    activated = [p for p in points if _is_activated(p)]
    exercise = any(p.crisis_exercise for p in points)
    if area or len(points) <= LIST_LIMIT:
        rest = [p for p in points if not _is_activated(p)]
        return ListPage(municipality, area, [], [], rest, crisis_groups(activated), 0, exercise)
    counts: dict[str, int] = {}
    for point in points:
        if point.area:
            counts[point.area] = counts.get(point.area, 0) + 1
    without_area = [p for p in points if not p.area and not _is_activated(p)]
    shown = activated[:ACTIVATED_LIMIT]
    return ListPage(
        municipality,
        None,
        [],
        sorted(counts.items()),
        without_area,
        crisis_groups(shown),
        len(activated) - len(shown),
        exercise,
    )
