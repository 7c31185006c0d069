"""The crisis API's JSON shapes (contract.md, Crisis operations)."""

from __future__ import annotations

from readiness.crisis.fuel import FuelLeft
from readiness.crisis.models import CrisisEvent, CrisisLogEntry, FuelReading
from readiness.crisis.services import BoardRow
from readiness.timeutil import as_utc


def _time(value):
    return as_utc(value).isoformat() if value else None


def event_json(event: CrisisEvent | None) -> dict | None:
    if event is None:
        return None
    return {
        "id": event.id,
        "name": event.name,
        "exercise": event.exercise,
        "started_at": _time(event.started_at),
        "ended_at": _time(event.ended_at),
    }


def board_row_json(row: BoardRow) -> dict:
    point, fuel = row.point, row.fuel
    return {
        "code": point.code,
        "name": point.name,
        "state": point.crisis_state or "normal",
        "message": point.crisis_message,
        "since": _time(point.crisis_since),
        "hours_left": fuel.hours_left,
        "runs_out_at": _time(fuel.runs_out_at),
        "low_fuel": fuel.low,
    }


def log_entry_json(entry: CrisisLogEntry) -> dict:
    return {
        "id": entry.id,
        "at": _time(entry.at),
        "text": entry.text,
        "people": entry.people,
        "event_id": entry.event_id,
    }


def fuel_reading_json(reading: FuelReading, fuel: FuelLeft) -> dict:
    return {
        "id": reading.id,
        "at": _time(reading.at),
        "litres": reading.litres,
        "percent": reading.percent,
        "refuelled": reading.refuelled,
        "hours_left": fuel.hours_left,
        "runs_out_at": _time(fuel.runs_out_at),
        "low_fuel": fuel.low,
    }
