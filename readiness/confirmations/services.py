"""The "still correct?" queue: points whose data was neither changed nor confirmed within the
limit of CONFIRMED-RECENT, oldest first, with the person to call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from readiness.criteria.catalog import catalog_for
from readiness.criteria.engine import PASS, confirmed_recent
from readiness.criteria.facts import load_facts
from readiness.points.models import Contact, Point
from readiness.points.writes import confirm_point

CRITERION = "CONFIRMED-RECENT"
POINT_MANAGER = "point_manager"


@dataclass(frozen=True, slots=True)
class DueConfirmation:
    point_id: int
    code: str
    name: str
    municipality: str
    # The day the data was last changed or confirmed (None: never), its age and the limit.
    last_confirmed: date | None
    age: int | None
    limit_days: int
    contact_name: str | None
    contact_phone: str | None


def _contact_to_call(contacts: list[Contact]) -> Contact | None:
    """The point manager with a phone, else anyone with a phone, in the point's order."""
    with_phone = [c for c in contacts if c.phone]
    managers = [c for c in with_phone if POINT_MANAGER in (c.roles or [])]
    return (managers or with_phone or [None])[0]


def due_confirmations(
    session: Session,
    as_of: date,
    overrides: dict,
    *,
    municipality: str | None = None,
    point_ids: list[int] | None = None,
) -> list[DueConfirmation]:
    """Points in scope failing CONFIRMED-RECENT on `as_of`: never confirmed first, then oldest."""
    due = []
    for facts in load_facts(session, as_of, municipality=municipality, point_ids=point_ids):
        catalog = catalog_for(facts.municipality, overrides)
        if CRITERION not in catalog.weight_of:
            continue
        params = catalog.get(CRITERION).params
        if confirmed_recent(facts, params, as_of) is PASS:
            continue
        due.append((facts, params["days"]))
    ids = [facts.id for facts, _days in due]
    contacts: dict[int, list[Contact]] = {point_id: [] for point_id in ids}
    for contact in session.scalars(
        select(Contact).where(Contact.point_id.in_(ids)).order_by(Contact.position)
    ):
        contacts[contact.point_id].append(contact)
    codes = dict(session.execute(select(Point.id, Point.code).where(Point.id.in_(ids))).all())
    rows = []
    for facts, days in due:
        last = facts.data_confirmed_on
        contact = _contact_to_call(contacts[facts.id])
        rows.append(
            DueConfirmation(
                point_id=facts.id,
                code=codes[facts.id],
                name=facts.name,
                municipality=facts.municipality,
                last_confirmed=last,
                age=(as_of - last).days if last else None,
                limit_days=days,
                contact_name=contact.name if contact else None,
                contact_phone=contact.phone if contact else None,
            )
        )
    rows.sort(key=lambda r: (r.last_confirmed is not None, r.last_confirmed or as_of, r.name))
    return rows


def confirm(session: Session, point: Point, actor, at: datetime) -> None:
    """Staff or a coordinator confirm the point is still correct (history action "confirm")."""
    confirm_point(session, point, actor, at)


def due_json(row: DueConfirmation) -> dict:
    return {
        "point_id": row.point_id,
        "code": row.code,
        "name": row.name,
        "municipality": row.municipality,
        "last_changed_or_confirmed": row.last_confirmed.isoformat() if row.last_confirmed else None,
        "days_since": row.age,
        "limit_days": row.limit_days,
        "contact": (
            {"name": row.contact_name, "phone": row.contact_phone} if row.contact_name else None
        ),
    }
