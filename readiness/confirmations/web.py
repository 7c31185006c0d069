"""The "still correct?" queue for request-bound callers: today's date and the local limits."""

from __future__ import annotations

from flask import current_app
from flask_login import current_user

from readiness.auth.permissions import is_staff
from readiness.confirmations.services import DueConfirmation, due_confirmations
from readiness.extensions import db
from readiness.timeutil import today_in_sweden


def due_for_request(
    *, municipality: str | None = None, point_ids: list[int] | None = None
) -> list[DueConfirmation]:
    return due_confirmations(
        db.session,
        today_in_sweden(),
        current_app.config["CRITERIA_OVERRIDES"],
        municipality=municipality,
        point_ids=point_ids,
    )


def due_for_staff() -> list[DueConfirmation] | None:
    """The signed-in staff member's own points that wait for a confirmation (None: not staff)."""
    if not is_staff(current_user):
        return None
    ids = [point.id for point in current_user.assigned_points]
    return due_for_request(point_ids=ids) if ids else []
