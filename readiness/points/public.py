"""What residents may see of a point: an explicit allow-list, built field by field.

Nothing private can leak by accident: a field reaches a public page, a notice or the bundle only
if it is named here. Never public: contacts with `public: false`, any `alt_phone` or `email`,
the agreement, power details beyond "a generator is on site", history, users. It lives with the
points (the public pages' queries are in public/data.py), so saving a point can tell whether
what its sheet shows changed without the points depending on the public pages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from readiness.points.models import Point
from readiness.points.power import generator_on_site
from readiness.timeutil import as_utc

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
    # The current state belongs to an exercise (övning): shown as ÖVNING, never as the real thing.
    crisis_exercise: bool
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
        crisis_exercise=bool(
            point.crisis_event_id is not None
            and point.crisis_event is not None
            and point.crisis_event.exercise
        ),
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
    "crisis_exercise",
)


def notice_content(point: Point) -> dict:
    """What the printed sheet shows of a point: when it changes, printed sheets are stale."""
    content = asdict(public_point(point))
    for name in _NOT_ON_THE_SHEET:
        content.pop(name)
    return content
