"""Readiness for views and the API: the request's date, `?as_of=` and the local criteria.

Neither helper commits: a read stores nothing, and a write's view commits once, with the
readiness result that its change moved."""

from __future__ import annotations

from datetime import date

from flask import current_app, request

from readiness.criteria.services import Assessed, readiness_at, record_readiness
from readiness.extensions import db
from readiness.timeutil import today_in_sweden


def readiness_for_request(**scope) -> tuple[date, list[Assessed]]:
    """Readiness of the points in scope on `?as_of=` (default today), computed, not stored."""
    return readiness_at(
        db.session,
        request.args.get("as_of"),
        today_in_sweden(),
        current_app.config["CRITERIA_OVERRIDES"],
        **scope,
    )


def record_after_write(point_ids: list[int]) -> None:
    """Put the results these points' change moved into the trend log, in the same transaction."""
    record_readiness(
        db.session, today_in_sweden(), current_app.config["CRITERIA_OVERRIDES"], point_ids
    )
