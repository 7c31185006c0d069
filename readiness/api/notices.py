"""Notice PDFs through the API."""

from __future__ import annotations

from flask import Response, current_app, g, request

from readiness.api import bp
from readiness.extensions import db
from readiness.notices.printing import print_notices
from readiness.points import services as points


def pdf_response(pdf: bytes, filename: str) -> Response:
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@bp.get("/points/<int:point_id>/notice.pdf")
def point_notice(point_id: int):
    point = points.get_point(db.session, point_id)
    pdf = print_notices(
        db.session,
        g.actor,
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
        g.actor,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        municipality=request.args.get("municipality") or None,
        area=request.args.get("area") or None,
    )
    db.session.commit()
    return pdf_response(pdf, "anslag.pdf")
