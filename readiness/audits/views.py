"""The audit form of the register: coordinators record a visit from the point page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from readiness.audits import services
from readiness.audits.schemas import load_audit
from readiness.audits.web import blank_audit_form
from readiness.auth.access import roles_required
from readiness.auth.permissions import COORDINATORS
from readiness.criteria.web import record_after_write
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.i18n import display_date
from readiness.points import queries as points
from readiness.points.models import Point

bp = Blueprint("audits", __name__)


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
        return _render_form(point, blank_audit_form(), {})
    values = _form_input(request.form)
    try:
        data = load_audit(values)
    except Invalid as error:
        return _render_form(point, values, error.errors, status=422)
    services.record_audit(
        db.session, point, current_user, data["audited_on"], data["notes"], auditor=data["auditor"]
    )
    record_after_write([point.id])
    db.session.commit()
    flash(
        _(
            "Audit of %(name)s on %(date)s recorded.",
            name=point.name,
            date=display_date(data["audited_on"]),
        )
    )
    return redirect(url_for("points.show", point_id=point.id, _anchor="audits"))
