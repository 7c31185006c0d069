"""Print buttons in the register (logged-in users; every role may print)."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from flask_login import current_user

from readiness.api.notices import pdf_response
from readiness.extensions import db
from readiness.notices.printing import print_notices
from readiness.points import services as points

bp = Blueprint("notices", __name__)


@bp.get("/points/<int:point_id>/notice.pdf")
def point_notice(point_id: int):
    point = points.get_point(db.session, point_id)
    pdf = print_notices(
        db.session,
        current_user,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        codes=[point.code],
    )
    db.session.commit()
    return pdf_response(pdf, f"anslag-{point.code}.pdf")


@bp.get("/notices.pdf")
def batch_notices():
    pdf = print_notices(
        db.session,
        current_user,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        municipality=request.args.get("municipality") or None,
        area=request.args.get("area") or None,
    )
    db.session.commit()
    return pdf_response(pdf, "anslag.pdf")
