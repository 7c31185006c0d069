"""Crisis operations as plain functions: activate points, end an event, log, read fuel, and the
crisis board. The caller passes the session, the actor and the time, and commits once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from readiness.auth.permissions import COORDINATORS, can_edit_point, ensure_can_edit_point
from readiness.crisis.fuel import UNKNOWN, FuelLeft, fuel_left, litres_in_tank
from readiness.crisis.models import CrisisActivation, CrisisEvent, CrisisLogEntry, FuelReading
from readiness.crisis.schemas import ActivationSchema, FuelReadingSchema, LogEntrySchema
from readiness.errors import Forbidden, Invalid, NotFound
from readiness.points import writes
from readiness.points.models import Area, Municipality, Point
from readiness.points.queries import points_in_scope
from readiness.timeutil import STOCKHOLM, as_utc
from readiness.validation import load_input

_activation_schema = ActivationSchema()
_log_schema = LogEntrySchema()
_fuel_schema = FuelReadingSchema()


def get_event(session: Session, event_id: int) -> CrisisEvent:
    event = session.get(CrisisEvent, event_id)
    if event is None:
        raise NotFound({"_request": [str(_l("No crisis event with id %(id)s.", id=event_id))]})
    return event


def open_events(session: Session) -> list[CrisisEvent]:
    """Events that have not ended, newest first."""
    return list(
        session.scalars(
            select(CrisisEvent)
            .where(CrisisEvent.ended_at.is_(None))
            .order_by(CrisisEvent.started_at.desc(), CrisisEvent.id.desc())
        )
    )


def recent_events(session: Session, limit: int = 20) -> list[CrisisEvent]:
    return list(
        session.scalars(
            select(CrisisEvent)
            .order_by(CrisisEvent.started_at.desc(), CrisisEvent.id.desc())
            .limit(limit)
        )
    )


def _event_named(session: Session, name: str, exercise: bool, actor, now: datetime) -> CrisisEvent:
    """The running event of that name (any case), or a new one: a storm is one event however
    many activations it takes."""
    event = session.scalars(
        select(CrisisEvent)
        .where(func.lower(CrisisEvent.name) == name.lower(), CrisisEvent.ended_at.is_(None))
        .order_by(CrisisEvent.id.desc())
    ).first()
    if event is not None:
        if event.exercise != exercise:
            raise Invalid(
                {
                    "exercise": [
                        str(
                            _l("“%(name)s” is running as an exercise.", name=event.name)
                            if event.exercise
                            else _l("“%(name)s” is running as a real event.", name=event.name)
                        )
                    ]
                }
            )
        return event
    event = CrisisEvent(name=name, exercise=exercise, started_at=now, created_by=actor.email)
    session.add(event)
    session.flush()
    return event


def _target_points(session: Session, data: dict) -> list[Point]:
    if data.get("codes"):
        codes = list(dict.fromkeys(code.upper() for code in data["codes"]))
        points = list(session.scalars(points_in_scope().where(Point.code.in_(codes))))
        unknown = sorted(set(codes) - {p.code for p in points})
        if unknown:
            raise Invalid(
                {
                    "codes": [
                        str(_l("No active point with code %(codes)s.", codes=", ".join(unknown)))
                    ]
                }
            )
        return sorted(points, key=lambda p: codes.index(p.code))
    points = list(
        session.scalars(
            points_in_scope(municipality=data["municipality"], area=data.get("area")).order_by(
                func.lower(Point.name), Point.id
            )
        )
    )
    if not points:
        raise Invalid({"municipality": [str(_l("No active points there."))]})
    return points


def activate(session: Session, raw, actor, now: datetime) -> tuple[CrisisEvent | None, list[Point]]:
    """Set the state and message of the chosen points in one step, within an event.

    Coordinators reach every point; staff only the points assigned to them (all or nothing)."""
    data = load_input(_activation_schema, raw)
    points = _target_points(session, data)
    not_theirs = [p.code for p in points if not can_edit_point(actor, p)]
    if not_theirs:
        raise Forbidden(
            {
                "_request": [
                    str(
                        _l(
                            "You can only change the points assigned to you (not %(codes)s).",
                            codes=", ".join(not_theirs[:10]),
                        )
                    )
                ]
            }
        )
    state, message = data["state"], data.get("message")
    if data.get("event"):
        event = _event_named(session, data["event"], data["exercise"], actor, now)
    else:  # back to normal without naming the event: each point leaves its own
        event = None
    for point in points:
        event_id = event.id if event else point.crisis_event_id
        changed = writes.set_crisis_state(session, point, actor, state, message, event_id, now)
        if changed and event_id is not None:
            session.add(
                CrisisActivation(
                    event_id=event_id,
                    point_id=point.id,
                    state=state,
                    message=point.crisis_message,
                    at=now,
                    user_email=actor.email,
                )
            )
    session.flush()
    return event, points


def end_event(session: Session, event: CrisisEvent, actor, now: datetime) -> list[Point]:
    """End the event: its points go back to normal; an exercise becomes their last exercise."""
    if actor is None or actor.role not in COORDINATORS:
        raise Forbidden({"_request": [str(_l("Only the coordinator can end an event."))]})
    if event.ended_at is not None:
        raise Invalid({"_request": [str(_l("The event has already ended."))]})
    points = event_points(session, event)
    for point in points:
        if point.crisis_event_id == event.id:
            writes.set_crisis_state(session, point, actor, "normal", None, None, now)
            session.add(
                CrisisActivation(
                    event_id=event.id,
                    point_id=point.id,
                    state="normal",
                    at=now,
                    user_email=actor.email,
                )
            )
        if event.exercise:
            writes.record_exercise(session, point, actor, as_utc(now).astimezone(STOCKHOLM).date())
    event.ended_at = now
    session.flush()
    return points


def event_points(session: Session, event: CrisisEvent) -> list[Point]:
    """Every point activated in the event, in name order."""
    ids = select(CrisisActivation.point_id).where(CrisisActivation.event_id == event.id)
    return list(
        session.scalars(
            select(Point)
            .where(Point.id.in_(ids))
            .options(selectinload(Point.power), selectinload(Point.contacts))
            .order_by(func.lower(Point.name), Point.id)
        )
    )


def add_log_entry(session: Session, point: Point, raw, actor, now: datetime) -> CrisisLogEntry:
    ensure_can_edit_point(actor, point)
    data = load_input(_log_schema, raw)
    entry = CrisisLogEntry(
        event_id=point.crisis_event_id,
        point_id=point.id,
        at=now,
        user_email=actor.email,
        text=data["text"],
        people=data.get("people"),
    )
    session.add(entry)
    session.flush()
    return entry


def add_fuel_reading(session: Session, point: Point, raw, actor, now: datetime) -> FuelReading:
    ensure_can_edit_point(actor, point)
    data = load_input(_fuel_schema, raw)
    tank = point.power.tank_litres if point.power else None
    if data.get("percent") is not None and tank is None:
        raise Invalid({"percent": [str(_l("The tank size is not known: give litres."))]})
    if data.get("litres") is None and data.get("percent") is None and tank is None:
        raise Invalid({"litres": [str(_l("The tank size is not known: give litres."))]})
    if tank is not None and data.get("litres") is not None and data["litres"] > tank:
        raise Invalid(
            {"litres": [str(_l("More than the tank holds (%(tank)s litres).", tank=f"{tank:g}"))]}
        )
    reading = FuelReading(
        event_id=point.crisis_event_id,
        point_id=point.id,
        at=now,
        user_email=actor.email,
        litres=data.get("litres"),
        percent=data.get("percent"),
        refuelled=data["refuelled"],
    )
    session.add(reading)
    session.flush()
    return reading


def latest_readings(session: Session, point_ids: list[int]) -> dict[int, FuelReading]:
    if not point_ids:
        return {}
    latest = (
        select(func.max(FuelReading.id))
        .where(FuelReading.point_id.in_(point_ids))
        .group_by(FuelReading.point_id)
    )
    return {
        r.point_id: r
        for r in session.scalars(select(FuelReading).where(FuelReading.id.in_(latest)))
    }


def latest_log_entries(session: Session, point_ids: list[int], event_id: int | None = None):
    if not point_ids:
        return {}
    latest = select(func.max(CrisisLogEntry.id)).where(CrisisLogEntry.point_id.in_(point_ids))
    if event_id is not None:
        latest = latest.where(CrisisLogEntry.event_id == event_id)
    latest = latest.group_by(CrisisLogEntry.point_id)
    rows = session.scalars(select(CrisisLogEntry).where(CrisisLogEntry.id.in_(latest)))
    return {e.point_id: e for e in rows}


def point_fuel(point: Point, reading: FuelReading | None, now: datetime) -> FuelLeft:
    """Hours left at the point now, from its latest reading."""
    if reading is None or point.power is None:
        return UNKNOWN
    litres = litres_in_tank(
        reading.litres, reading.percent, reading.refuelled, point.power.tank_litres
    )
    return fuel_left(litres, as_utc(reading.at), point.power.consumption_lph, now)


@dataclass(frozen=True)
class BoardRow:
    point: Point
    fuel: FuelLeft
    last_entry: CrisisLogEntry | None
    reading: FuelReading | None = None  # the latest, which `fuel` is computed from


def board(session: Session, event: CrisisEvent, now: datetime) -> list[BoardRow]:
    """The event's points, the first to run out of fuel on top, then those without a figure."""
    points = event_points(session, event)
    ids = [p.id for p in points]
    readings = latest_readings(session, ids)
    entries = latest_log_entries(session, ids, event.id)
    rows = [
        BoardRow(p, point_fuel(p, readings.get(p.id), now), entries.get(p.id), readings.get(p.id))
        for p in points
    ]
    return sorted(
        rows,
        key=lambda r: (r.fuel.hours_left is None, r.fuel.hours_left or 0, r.point.name.lower()),
    )


def event_log(session: Session, event: CrisisEvent) -> list:
    """Everything recorded in the event in time order: activations, log entries, fuel readings."""
    activations = list(
        session.scalars(select(CrisisActivation).where(CrisisActivation.event_id == event.id))
    )
    entries = list(
        session.scalars(select(CrisisLogEntry).where(CrisisLogEntry.event_id == event.id))
    )
    readings = list(session.scalars(select(FuelReading).where(FuelReading.event_id == event.id)))
    return sorted([*activations, *entries, *readings], key=lambda item: (item.at, item.id))


def recent_log_entries(session: Session, point_id: int, limit: int) -> list[CrisisLogEntry]:
    """The point's latest log entries, newest first, whatever event they belong to."""
    return list(
        session.scalars(
            select(CrisisLogEntry)
            .where(CrisisLogEntry.point_id == point_id)
            .order_by(CrisisLogEntry.at.desc(), CrisisLogEntry.id.desc())
            .limit(limit)
        )
    )


def point_options(session: Session, only_ids: list[int] | None = None) -> list:
    """Code, name, municipality and area of the active points (or of these), for the activation
    form's picker, by municipality, area and name."""
    statement = points_in_scope(
        Point.code,
        Point.name,
        Municipality.name.label("municipality"),
        Area.name.label("area"),
        ids=only_ids,
    ).order_by(Municipality.name, Area.name, func.lower(Point.name), Point.id)
    return list(session.execute(statement))


def area_options(session: Session) -> list:
    """Id, municipality and name of each area with active points, for the activation form."""
    statement = (
        points_in_scope(Area.id, Municipality.name.label("municipality"), Area.name.label("area"))
        .where(Area.id.is_not(None))
        .distinct()
        .order_by(Municipality.name, Area.name)
    )
    return list(session.execute(statement))


def municipality_options(session: Session) -> list[str]:
    """Names of the municipalities with active points."""
    return list(
        session.scalars(points_in_scope(Municipality.name).distinct().order_by(Municipality.name))
    )
