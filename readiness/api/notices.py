"""Notice PDFs and posted sheets through the API (the same services as the register)."""

from __future__ import annotations

from flask import current_app, g, jsonify, request

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.notices.printing import pdf_response, print_notices
from readiness.notices.schemas import load_notice_posted
from readiness.notices.services import record_posting
from readiness.points import services as points
from readiness.timeutil import as_utc


@bp.get("/points/<int:point_id>/notice.pdf")
def point_notice(point_id: int):
    point = points.get_point(db.session, point_id)
    pdf = print_notices(
        db.session,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        codes=[point.code],
    )
    return pdf_response(pdf, f"anslag-{point.code}.pdf")


@bp.get("/notices.pdf")
def batch_notices():
    pdf = print_notices(
        db.session,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        municipality=request.args.get("municipality") or None,
        area=request.args.get("area") or None,
    )
    return pdf_response(pdf, "anslag.pdf")


@bp.post("/points/<int:point_id>/notice-posted")
def notice_posted(point_id: int):
    """The sheet is up at the point. Body optional: {"content_version": N} when the sheet
    that went up is an older one than the current content (it then stays stale)."""
    point = points.get_point(db.session, point_id)
    data = load_notice_posted(json_body() if request.get_data() else {})
    posting = record_posting(db.session, point, g.actor, data["content_version"])
    record_after_write([point.id])  # NOTICE-CURRENT may have moved
    db.session.commit()
    return (
        jsonify(
            {
                "posted_at": as_utc(posting.posted_at).isoformat(),
                "content_version": posting.content_version,
            }
        ),
        201,
    )
