"""The plain data that readiness is evaluated on, and its bulk loader.

Evaluation never touches the ORM: `load_facts` reads every point, its power, contacts, channels,
agreement, public content version, last posted sheet, last audit and its area's crisis staff in a
fixed number of Core queries, whatever the point count.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from readiness.areas.models import AreaContact
from readiness.audits.models import Audit
from readiness.notices.models import NoticePosting
from readiness.points.models import (
    Agreement,
    Area,
    Channel,
    Contact,
    Municipality,
    Point,
    PointChange,
    Power,
    PublicRevision,
)
from readiness.points.queries import points_in_scope
from readiness.timeutil import STOCKHOLM, as_utc


@dataclass(frozen=True, slots=True)
class PowerFacts:
    source: str = "none"
    tank_litres: float | None = None
    consumption_lph: float | None = None
    covers: tuple[str, ...] = ()
    last_test_run: date | None = None
    last_load_test: date | None = None
    fuel_checked: date | None = None
    refuel_plan: str | None = None


@dataclass(frozen=True, slots=True)
class ContactFacts:
    phone: str | None
    public: bool
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChannelFacts:
    kind: str
    last_tested: date | None


@dataclass(frozen=True, slots=True)
class PointFacts:
    id: int
    name: str
    municipality: str
    area: str | None = None
    area_id: int | None = None
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    services: tuple[str, ...] = ()
    crisis_hours: str | None = None
    contacts_reviewed: date | None = None
    last_exercise: date | None = None
    # The public content version in force at `as_of`, and when it was reached.
    content_version: int | None = None
    content_changed_at: datetime | None = None
    power: PowerFacts = PowerFacts()
    contacts: tuple[ContactFacts, ...] = ()
    channels: tuple[ChannelFacts, ...] = ()
    agreement_from: date | None = None
    agreement_until: date | None = None
    has_agreement: bool = False
    # The content version shown by the last sheet confirmed as posted by `as_of`.
    posted_version: int | None = None
    last_audit_on: date | None = None
    # The crisis staff of the point's area (AREA-STAFF), shared by every point of the area.
    area_staff: tuple[ContactFacts, ...] = ()
    # The day the point's data was last changed or confirmed unchanged (CONFIRMED-RECENT).
    data_confirmed_on: date | None = None


def end_of_day_utc(day: date) -> datetime:
    """The first instant after `day` in Sweden, in UTC (postings are stored in UTC)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=STOCKHOLM).astimezone(UTC)


def _last_day_known(as_of: date, *moments: datetime | None) -> date | None:
    """The latest of `moments` that had happened by the end of `as_of`, as a Swedish day."""
    days = [as_utc(m).astimezone(STOCKHOLM).date() for m in moments if m is not None]
    known = [day for day in days if day <= as_of]
    return max(known, default=None)


def _as_text(column):
    """Read a JSON list column as text: decoding it once per distinct value (see `_tuple_of`)
    is several times faster than decoding every row, and lists like roles repeat a lot."""
    return cast(column, Text)


def load_facts(
    session: Session,
    as_of: date,
    *,
    municipality: str | None = None,
    area: str | None = None,
    point_ids: list[int] | None = None,
) -> list[PointFacts]:
    """Facts of every active point in scope, in name order; 9 queries.

    Only what was known at the end of `as_of` counts: later postings, revisions and audits
    are left out (dated fields of the point itself are checked by the engine)."""
    # The ids of the points to evaluate, as a subquery every loader query reuses.
    ids = points_in_scope(Point.id, municipality=municipality, area=area, ids=point_ids)
    _tuple_of = cache(lambda text: tuple(json.loads(text)) if text else ())
    until = end_of_day_utc(as_of)

    power = {
        row.point_id: PowerFacts(
            row.source,
            row.tank_litres,
            row.consumption_lph,
            _tuple_of(row.covers),
            row.last_test_run,
            row.last_load_test,
            row.fuel_checked,
            row.refuel_plan,
        )
        for row in session.execute(
            select(
                Power.point_id,
                Power.source,
                Power.tank_litres,
                Power.consumption_lph,
                _as_text(Power.covers).label("covers"),
                Power.last_test_run,
                Power.last_load_test,
                Power.fuel_checked,
                Power.refuel_plan,
            ).where(Power.point_id.in_(ids))
        )
    }
    contacts: dict[int, list[ContactFacts]] = defaultdict(list)
    for row in session.execute(
        select(
            Contact.point_id, Contact.phone, Contact.public, _as_text(Contact.roles).label("roles")
        )
        .where(Contact.point_id.in_(ids))
        .order_by(Contact.point_id, Contact.position)
    ):
        contacts[row.point_id].append(
            ContactFacts(row.phone, bool(row.public), _tuple_of(row.roles))
        )
    channels: dict[int, list[ChannelFacts]] = defaultdict(list)
    for row in session.execute(
        select(Channel.point_id, Channel.kind, Channel.last_tested)
        .where(Channel.point_id.in_(ids))
        .order_by(Channel.point_id, Channel.position)
    ):
        channels[row.point_id].append(ChannelFacts(row.kind, row.last_tested))
    agreements = {
        row.point_id: row
        for row in session.execute(
            select(Agreement.point_id, Agreement.valid_from, Agreement.valid_until).where(
                Agreement.point_id.in_(ids)
            )
        )
    }
    last_posting = (
        select(func.max(NoticePosting.id))
        .where(NoticePosting.point_id.in_(ids), NoticePosting.posted_at < until)
        .group_by(NoticePosting.point_id)
    )
    posted = dict(
        session.execute(
            select(NoticePosting.point_id, NoticePosting.content_version).where(
                NoticePosting.id.in_(last_posting)
            )
        ).all()
    )
    revisions = {
        row.point_id: row
        for row in session.execute(
            select(
                PublicRevision.point_id,
                func.max(PublicRevision.content_version).label("version"),
                func.max(PublicRevision.changed_at).label("changed_at"),
            )
            .where(PublicRevision.point_id.in_(ids), PublicRevision.changed_at < until)
            .group_by(PublicRevision.point_id)
        )
    }
    audits = dict(
        session.execute(
            select(Audit.point_id, func.max(Audit.audited_on))
            .where(Audit.point_id.in_(ids), Audit.audited_on <= as_of)
            .group_by(Audit.point_id)
        ).all()
    )

    # One read for the staff of every area in scope, however many points share an area.
    area_staff: dict[int, list[ContactFacts]] = defaultdict(list)
    for row in session.execute(
        select(
            AreaContact.area_id,
            AreaContact.phone,
            AreaContact.public,
            _as_text(AreaContact.roles).label("roles"),
        )
        .where(AreaContact.area_id.in_(select(Point.area_id).where(Point.id.in_(ids))))
        .order_by(AreaContact.area_id, AreaContact.position)
    ):
        area_staff[row.area_id].append(
            ContactFacts(row.phone, bool(row.public), _tuple_of(row.roles))
        )

    # Changes and confirmations are both in the history, which also answers for a past `as_of`.
    last_recorded = (
        select(func.max(PointChange.at))
        .where(PointChange.point_id == Point.id, PointChange.at < until)
        .correlate(Point)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            Point.id,
            Point.name,
            Municipality.name.label("municipality"),
            Area.name.label("area"),
            Point.area_id,
            Point.address,
            Point.lat,
            Point.lon,
            _as_text(Point.services).label("services"),
            Point.crisis_hours,
            Point.contacts_reviewed,
            Point.last_exercise,
            Point.updated_at,
            Point.confirmed_at,
            last_recorded.label("last_recorded"),
        )
        .join(Point.municipality)
        .outerjoin(Point.area)
        .where(Point.id.in_(ids))
        .order_by(func.lower(Point.name), Point.id)
    )
    facts = []
    for row in rows:
        agreement = agreements.get(row.id)
        revision = revisions.get(row.id)
        facts.append(
            PointFacts(
                id=row.id,
                name=row.name,
                municipality=row.municipality,
                area=row.area,
                area_id=row.area_id,
                address=row.address,
                lat=row.lat,
                lon=row.lon,
                services=_tuple_of(row.services),
                crisis_hours=row.crisis_hours,
                contacts_reviewed=row.contacts_reviewed,
                last_exercise=row.last_exercise,
                content_version=revision.version if revision else None,
                content_changed_at=as_utc(revision.changed_at) if revision else None,
                power=power.get(row.id, PowerFacts()),
                contacts=tuple(contacts[row.id]),
                channels=tuple(channels[row.id]),
                agreement_from=agreement.valid_from if agreement else None,
                agreement_until=agreement.valid_until if agreement else None,
                has_agreement=agreement is not None,
                posted_version=posted.get(row.id),
                last_audit_on=audits.get(row.id),
                area_staff=tuple(area_staff.get(row.area_id, ())),
                data_confirmed_on=_last_day_known(
                    as_of, row.updated_at, row.confirmed_at, row.last_recorded
                ),
            )
        )
    return facts
