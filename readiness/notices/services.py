"""Posted sheets: staff confirm a sheet is up at the point; whether it is still current."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from readiness.auth.permissions import ensure_can_edit_point
from readiness.errors import Invalid
from readiness.notices.models import NoticePosting
from readiness.notices.status import notice_status
from readiness.points.models import Point
from readiness.points.queries import points_in_scope
from readiness.timeutil import utcnow


def record_posting(
    session: Session, point: Point, actor, content_version: int | None = None
) -> NoticePosting:
    """Staff confirm that a sheet is up at the point ("Anslaget är uppsatt").

    The sheet shows `content_version` (printed on it); by default the current one. A sheet of
    an older version may be confirmed too: it is recorded as it is, and stays stale."""
    ensure_can_edit_point(actor, point)
    if content_version is None:
        content_version = point.content_version
    elif not 1 <= content_version <= point.content_version:
        raise Invalid(
            {
                "content_version": [
                    str(
                        _l(
                            "The version printed on the sheet: a whole number from 1 to %(n)s.",
                            n=point.content_version,
                        )
                    )
                ]
            }
        )
    entry = NoticePosting(
        point_id=point.id,
        posted_at=utcnow(),
        user_id=actor.id,
        user_email=actor.email,
        content_version=content_version,
    )
    session.add(entry)
    session.flush()
    return entry


def notice_statuses(session: Session, point_ids: list[int] | None = None) -> dict[int, str]:
    """Status of the posted sheet of every active point (or of the given ones), one query."""
    last_posted = (
        select(
            NoticePosting.point_id,
            func.max(NoticePosting.id).label("id"),
        )
        .group_by(NoticePosting.point_id)
        .subquery()
    )
    query = (
        points_in_scope(
            Point.id,
            Point.content_version,
            NoticePosting.content_version.label("posted"),
            ids=point_ids,
        )
        .outerjoin(last_posted, last_posted.c.point_id == Point.id)
        .outerjoin(NoticePosting, NoticePosting.id == last_posted.c.id)
    )
    return {
        row.id: notice_status(row.content_version, row.posted) for row in session.execute(query)
    }


def posting_history(session: Session, point_id: int, limit: int = 5) -> list[NoticePosting]:
    return list(
        session.scalars(
            select(NoticePosting)
            .where(NoticePosting.point_id == point_id)
            .order_by(NoticePosting.posted_at.desc(), NoticePosting.id.desc())
            .limit(limit)
        )
    )
