"""The "still correct?" queue page and the one-click confirmation from the point page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from readiness.auth.permissions import is_coordinator
from readiness.confirmations import services
from readiness.confirmations.web import due_for_request
from readiness.criteria.list_args import parse_list_args
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.points import queries as points
from readiness.timeutil import today_in_sweden, utcnow

bp = Blueprint("confirmations", __name__)


@bp.get("/confirmations")
def queue():
    municipality = parse_list_args(request.args).municipality
    due = due_for_request(municipality=municipality)
    mine = {point.id for point in current_user.assigned_points}
    return render_template(
        "confirmations/queue.html",
        due=due,
        # The rows the user may confirm from here: all for coordinators, staff their own.
        editable={r.point_id for r in due if is_coordinator(current_user) or r.point_id in mine},
        municipality=municipality,
        municipalities=points.municipality_names(db.session),
        today=today_in_sweden(),
    )


@bp.post("/points/<int:point_id>/confirm")
def confirm(point_id: int):
    point = points.get_point(db.session, point_id)
    services.confirm(db.session, point, current_user, utcnow())
    record_after_write([point.id])  # CONFIRMED-RECENT may have moved
    db.session.commit()
    flash(_("Confirmed: the details of %(name)s are still correct.", name=point.name))
    back = request.form.get("next")
    if back == "queue":
        return redirect(url_for("confirmations.queue", municipality=point.municipality.name))
    return redirect(url_for("points.show", point_id=point.id))
