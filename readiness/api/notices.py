"""Notice PDFs through the API (the same printing as the register's buttons)."""

from __future__ import annotations

from flask import g

from readiness.api import bp
from readiness.notices.views import batch_notices_for, point_notice_for


@bp.get("/points/<int:point_id>/notice.pdf")
def point_notice(point_id: int):
    return point_notice_for(g.actor, point_id)


@bp.get("/notices.pdf")
def batch_notices():
    return batch_notices_for(g.actor)
