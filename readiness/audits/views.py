"""The audit form of the register: coordinators record a visit from the point page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from readiness.audits import services
from readiness.audits.schemas import load_audit
from readiness.auth.access import roles_required
from readiness.auth.permissions import COORDINATORS, is_coordinator
from readiness.criteria.views import record_readiness
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.i18n import display_date
from readiness.points import services as points
from readiness.points.models import Point
from readiness.timeutil import today_in_sweden

bp = Blueprint("audits", __name__)
# The point page shows the latest few; the API lists them all.
RECENT_AUDITS = 5


def _blank_form() -> dict:
    return {"date": today_in_sweden().isoformat(), "auditor": current_user.email, "notes": ""}


def point_audit_section(point: Point) -> dict:
    """What the point page's audit section needs: recent audits and, for coordinators, a form."""
    return {
        "audits": services.point_audits(db.session, point.id, limit=RECENT_AUDITS),
        "can_audit": is_coordinator(current_user),
        "audit_values": _blank_form(),
        "audit_errors": {},
    }


def _form_input(form) -> dict:
    # A blank date field is a missing date ("required"), not a malformed one.
    return {
        "date": form.get("date") or None,
        "auditor": form.get("auditor", ""),
        "notes": form.get("notes", ""),
    }


def _render_form(point: Point, values: dict, errors: dict, status: int = 200):
    return render_template(
        "audits/form.html", point=point, audit_values=values, audit_errors=errors
    ), status


@bp.route("/points/<int:point_id>/audits", methods=["GET", "POST"])
@roles_required(*COORDINATORS)
def record(point_id: int):
    point = points.get_point(db.session, point_id)
    if request.method == "GET":
        return _render_form(point, _blank_form(), {})
    values = _form_input(request.form)
    try:
        data = load_audit(values)
    except Invalid as error:
        return _render_form(point, values, error.errors, status=422)
    services.record_audit(
        db.session, point, current_user, data["audited_on"], data["notes"], auditor=data["auditor"]
    )
    db.session.commit()
    record_readiness([point.id])
    flash(
        _(
            "Audit of %(name)s on %(date)s recorded.",
            name=point.name,
            date=display_date(data["audited_on"]),
        )
    )
    return redirect(url_for("points.show", point_id=point.id, _anchor="audits"))
