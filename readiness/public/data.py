"""What residents may see of a point: an explicit allow-list, built field by field.

Nothing private can leak by accident: a field reaches a public page, a notice or the bundle only
if it is named here. Never public: contacts with `public: false`, any `alt_phone` or `email`,
the agreement, power details beyond "a generator is on site", history, users.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from readiness.points.models import Area, Municipality, Point, name_matches
from readiness.points.power import generator_on_site
from readiness.timeutil import as_utc

# Channels a resident can use or follow; RAKEL, satellite phones and the like are internal.
RESIDENT_CHANNELS = (
    "local_radio",
    "notice_board",
    "sms_list",
    "loudspeaker",
    "website",
    "social_media",
)


@dataclass(frozen=True)
class PublicContact:
    name: str
    phone: str


@dataclass(frozen=True)
class PublicChannel:
    kind: str
    detail: str | None


@dataclass(frozen=True)
class PublicPoint:
    id: int  # internal, for the print log; never rendered
    code: str
    name: str
    kind: str
    municipality: str
    area: str | None
    address: str | None
    postcode: str | None
    locality: str | None
    lat: float | None
    lon: float | None
    services: tuple[str, ...]
    opening_hours: str | None
    crisis_hours: str | None
    public_info: str | None
    accessibility: str | None
    activation: tuple[str, ...]
    contacts: tuple[PublicContact, ...]
    channels: tuple[PublicChannel, ...]
    # A generator is kept at the point (points/power.py); a prepared connection is not power.
    has_reserve_power: bool
    crisis_state: str
    crisis_message: str | None
    crisis_since: datetime | None
    updated: datetime
    content_version: int  # printed on the sheet, so staff can tell which sheet is up

    @property
    def geo_uri(self) -> str | None:
        return (
            f"geo:{self.lat},{self.lon}" if self.lat is not None and self.lon is not None else None
        )


def public_url(base_url: str, code: str) -> str:
    """What the QR code encodes, exactly: PUBLIC_BASE_URL + "/p/" + code."""
    return f"{base_url.rstrip('/')}/p/{code}"


def public_point(point: Point) -> PublicPoint:
    updated = max(
        filter(None, (as_utc(point.public_changed_at), as_utc(point.crisis_since))), default=None
    )
    return PublicPoint(
        id=point.id,
        code=point.code,
        name=point.name,
        kind=point.kind,
        municipality=point.municipality.name,
        area=point.area.name if point.area else None,
        address=point.address,
        postcode=point.postcode,
        locality=point.locality,
        lat=point.lat,
        lon=point.lon,
        services=tuple(point.services or ()),
        opening_hours=point.opening_hours,
        crisis_hours=point.crisis_hours,
        public_info=point.public_info,
        accessibility=point.accessibility,
        activation=tuple(point.activation or ()),
        contacts=tuple(
            PublicContact(c.name, c.phone) for c in point.contacts if c.public and c.phone
        ),
        channels=tuple(
            PublicChannel(ch.kind, ch.detail)
            for ch in point.channels
            if ch.kind in RESIDENT_CHANNELS
        ),
        has_reserve_power=bool(point.power and generator_on_site(point.power.source)),
        crisis_state=point.crisis_state or "normal",
        crisis_message=point.crisis_message,
        crisis_since=as_utc(point.crisis_since),
        updated=updated,
        content_version=point.content_version,
    )


# Shown on the page but not printed on the sheet (or not content at all).
_NOT_ON_THE_SHEET = (
    "id",
    "content_version",
    "updated",
    "crisis_state",
    "crisis_message",
    "crisis_since",
)


def notice_content(point: Point) -> dict:
    """What the printed sheet shows of a point: when it changes, printed sheets are stale."""
    content = asdict(public_point(point))
    for name in _NOT_ON_THE_SHEET:
        content.pop(name)
    return content


def _public_points_query():
    # Many-to-one parts joined, lists selected in: 3 queries however many points.
    return (
        select(Point)
        .join(Point.municipality)
        .options(
            joinedload(Point.municipality),
            joinedload(Point.area),
            joinedload(Point.power),
            selectinload(Point.contacts),
            selectinload(Point.channels),
        )
        .where(Point.archived_at.is_(None))
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
    query = _public_points_query()
    if municipality:
        query = query.where(name_matches(Municipality.name, municipality))
    if area:
        query = query.outerjoin(Point.area).where(name_matches(Area.name, area))
    if codes is not None:
        query = query.where(Point.code.in_(codes))
    points = session.scalars(query.order_by(func.lower(Point.name), Point.id)).unique()
    return [public_point(p) for p in points]


def public_municipalities(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(Municipality.name)
            .join(Point, Point.municipality_id == Municipality.id)
            .where(Point.archived_at.is_(None))
            .distinct()
            .order_by(Municipality.name)
        )
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
