"""The crisis API's JSON shapes (contract.md, Crisis operations)."""

from __future__ import annotations

from readiness.crisis.models import CrisisEvent
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
