"""The point page's audit section, for the points views (request-bound: the user's e-mail
and role come from the login). It reads only; the audit form posts to audits/views.py."""

from __future__ import annotations

from flask_login import current_user

from readiness.audits import services
from readiness.auth.permissions import is_coordinator
from readiness.extensions import db
from readiness.points.models import Point
from readiness.timeutil import today_in_sweden

# The point page shows the latest few; the API lists them all.
RECENT_AUDITS = 5


def blank_audit_form() -> dict:
    return {"date": today_in_sweden().isoformat(), "auditor": current_user.email, "notes": ""}


def point_audit_section(point: Point) -> dict:
    """What the point page's audit section needs: recent audits and, for coordinators, a form."""
    return {
        "audits": services.point_audits(db.session, point.id, limit=RECENT_AUDITS),
        "can_audit": is_coordinator(current_user),
        "audit_values": blank_audit_form(),
        "audit_errors": {},
    }
