"""Print buttons in the register (logged-in users; every role may print).

The API's notice endpoints answer with the same helpers; only the user comes from the token."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from flask_login import current_user

from readiness.extensions import db
from readiness.notices.printing import print_notices
from readiness.points import services as points

bp = Blueprint("notices", __name__)


def pdf_response(pdf: bytes, filename: str) -> Response:
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def point_notice_for(actor, point_id: int) -> Response:
    point = points.get_point(db.session, point_id)
    pdf = print_notices(
        db.session,
        actor,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        codes=[point.code],
    )
    db.session.commit()
    return pdf_response(pdf, f"anslag-{point.code}.pdf")


def batch_notices_for(actor) -> Response:
    pdf = print_notices(
        db.session,
        actor,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        municipality=request.args.get("municipality") or None,
        area=request.args.get("area") or None,
    )
    db.session.commit()
    return pdf_response(pdf, "anslag.pdf")


@bp.get("/points/<int:point_id>/notice.pdf")
def point_notice(point_id: int):
    return point_notice_for(current_user, point_id)


@bp.get("/notices.pdf")
def batch_notices():
    return batch_notices_for(current_user)
