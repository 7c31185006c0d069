"""Notice sheets in the register: download (any logged-in user) and "the sheet is up" (posted).

Downloading or previewing a PDF records nothing; only a confirmed posting counts for
NOTICE-CURRENT and the stale flag."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from readiness.criteria.web import record_after_write
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.notices.services import record_posting
from readiness.notices.web import batch_notices_response, point_notice_response
from readiness.points import queries as points
from readiness.validation import parse_whole_number

bp = Blueprint("notices", __name__)


@bp.get("/points/<int:point_id>/notice.pdf")
def point_notice(point_id: int):
    return point_notice_response(point_id)


@bp.get("/notices.pdf")
def batch_notices():
    # Printing the whole register by one click is never what was meant: a place is required.
    municipality = request.args.get("municipality") or None
    if municipality is None:
        raise Invalid({"municipality": [str(_l("Choose a municipality to print its notices."))]})
    return batch_notices_response(municipality, request.args.get("area") or None)


@bp.post("/points/<int:point_id>/notice-posted")
def notice_posted(point_id: int):
    point = points.get_point(db.session, point_id)
    raw = request.form.get("content_version", "")
    posting = record_posting(db.session, point, current_user, parse_whole_number(raw))
    record_after_write([point.id])  # NOTICE-CURRENT may have moved
    db.session.commit()
    flash(
        _(
            "Recorded: the notice (version %(version)s) is up at %(name)s.",
            version=posting.content_version,
            name=point.name,
        )
    )
    return redirect(url_for("points.show", point_id=point.id))
