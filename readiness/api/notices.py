"""Notice PDFs and posted sheets through the API (the same services as the register)."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import PDF, documented
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.notices.schemas import (
    BatchNoticeArgsSchema,
    NoticeArgsSchema,
    NoticePostedSchema,
    NoticePostingSchema,
    load_notice_posted,
)
from readiness.notices.services import record_posting
from readiness.notices.web import batch_notices_response, point_notice_response
from readiness.points import queries as points
from readiness.timeutil import as_utc


@bp.get("/points/<int:point_id>/notice.pdf")
@documented(
    _l("The point's notice sheet as PDF (a download: it records nothing)"),
    tag="notices",
    query=NoticeArgsSchema,
    media_type=PDF,
    headers=("Content-Disposition",),
)
def point_notice(point_id: int):
    return point_notice_response(point_id)


@bp.get("/notices.pdf")
@documented(
    _l("One PDF with the sheet of every point of a municipality or area; 404 when none"),
    tag="notices",
    query=BatchNoticeArgsSchema,
    media_type=PDF,
    headers=("Content-Disposition",),
    errors=(404,),
)
def batch_notices():
    return batch_notices_response(
        request.args.get("municipality") or None, request.args.get("area") or None
    )


@bp.post("/points/<int:point_id>/notice-posted")
@documented(
    _l("Record that the sheet is up at the point (the body is optional)"),
    tag="notices",
    body=NoticePostedSchema,
    body_required=False,
    response=NoticePostingSchema,
    status=201,
    errors=(403,),
)
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
