"""Crisis operations through the API (contract.md, Crisis operations)."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import documented
from readiness.crisis import services as crisis
from readiness.crisis.json import board_row_json, event_json, fuel_reading_json, log_entry_json
from readiness.crisis.schemas import (
    ActivationSchema,
    BoardSchema,
    CrisisBoardArgsSchema,
    EventPointsSchema,
    FuelReadingRecordSchema,
    FuelReadingSchema,
    LogEntryRecordSchema,
    LogEntrySchema,
)
from readiness.criteria.web import record_after_write
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.points import queries as points
from readiness.timeutil import utcnow
from readiness.validation import parse_whole_number


@bp.post("/crisis/activate")
@documented(
    _l("Open, close or return points to normal within an event, by codes or by municipality"),
    tag="crisis",
    description=_l(
        "Choose the points with codes, or with municipality (and area), not both. Open and "
        "closed need the event's name; staff may change only their own points (else 403)."
    ),
    body=ActivationSchema,
    response=EventPointsSchema,
    errors=(403,),
)
def crisis_activate():
    event, changed = crisis.activate(db.session, json_body(), g.actor, utcnow())
    db.session.commit()
    return jsonify({"event": event_json(event), "points": [p.code for p in changed]})


@bp.get("/crisis")
@documented(
    _l("The situation board of an event (default: the running one)"),
    tag="crisis",
    query=CrisisBoardArgsSchema,
    response=BoardSchema,
    errors=(404,),
)
def crisis_board():
    raw = request.args.get("event")
    event_id = parse_whole_number(raw, minimum=1) if raw else None
    if raw and event_id is None:
        raise Invalid({"event": [str(_l("Not a whole number."))]})
    if event_id is None:
        running = crisis.open_events(db.session)
        if not running:
            return jsonify({"event": None, "points": []})
        event = running[0]
    else:
        event = crisis.get_event(db.session, event_id)
    rows = crisis.board(db.session, event, utcnow())
    return jsonify({"event": event_json(event), "points": [board_row_json(r) for r in rows]})


@bp.post("/crisis/events/<int:event_id>/end")
@documented(
    _l("End an event (coordinators): its points return to normal; 422 when it has ended"),
    tag="crisis",
    response=EventPointsSchema,
    errors=(403, 422),
)
def crisis_end(event_id: int):
    event = crisis.get_event(db.session, event_id)
    ended = crisis.end_event(db.session, event, g.actor, utcnow())
    if event.exercise:
        record_after_write([p.id for p in ended])  # EXERCISE-RECENT moved
    db.session.commit()
    return jsonify({"event": event_json(event), "points": [p.code for p in ended]})


@bp.post("/points/<int:point_id>/crisis-log")
@documented(
    _l("Add an entry to the point's crisis log"),
    tag="crisis",
    body=LogEntrySchema,
    response=LogEntryRecordSchema,
    status=201,
    errors=(403,),
)
def crisis_log(point_id: int):
    point = points.get_point(db.session, point_id)
    entry = crisis.add_log_entry(db.session, point, json_body(), g.actor, utcnow())
    db.session.commit()
    return jsonify(log_entry_json(entry)), 201


@bp.post("/points/<int:point_id>/fuel-readings")
@documented(
    _l("Record the fuel in the point's tank, or a refill"),
    tag="crisis",
    description=_l(
        "Give litres or percent, not both; percent needs the point's tank size. A refill "
        "without an amount means a full tank."
    ),
    body=FuelReadingSchema,
    response=FuelReadingRecordSchema,
    status=201,
    errors=(403,),
)
def fuel_reading(point_id: int):
    point = points.get_point(db.session, point_id)
    now = utcnow()
    reading = crisis.add_fuel_reading(db.session, point, json_body(), g.actor, now)
    fuel = crisis.point_fuel(point, reading, now)
    db.session.commit()
    return jsonify(fuel_reading_json(reading, fuel)), 201
