"""The print log and whether the sheet in a shop window is still current."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from readiness.notices.models import NoticePrint
from readiness.notices.status import notice_status
from readiness.points.models import Point
from readiness.timeutil import utcnow


def record_print(session: Session, point, actor, language: str) -> NoticePrint:
    """Log that a notice of the point's current version was printed (who, when, language).

    `point` is anything with `id` and `version` (a Point or a PublicPoint)."""
    entry = NoticePrint(
        point_id=point.id,
        printed_at=utcnow(),
        user_id=actor.id,
        user_email=actor.email,
        language=language,
        point_version=point.version,
    )
    session.add(entry)
    session.flush()
    return entry


def notice_statuses(session: Session, point_ids: list[int] | None = None) -> dict[int, str]:
    """Status of every active point (or of the given ones) in one query."""
    last_print = (
        select(NoticePrint.point_id, func.max(NoticePrint.printed_at).label("printed_at"))
        .group_by(NoticePrint.point_id)
        .subquery()
    )
    query = (
        select(Point.id, Point.public_changed_at, last_print.c.printed_at)
        .outerjoin(last_print, last_print.c.point_id == Point.id)
        .where(Point.archived_at.is_(None))
    )
    if point_ids is not None:
        query = query.where(Point.id.in_(point_ids))
    return {
        row.id: notice_status(row.public_changed_at, row.printed_at)
        for row in session.execute(query)
    }


def print_history(session: Session, point_id: int, limit: int = 5) -> list[NoticePrint]:
    return list(
        session.scalars(
            select(NoticePrint)
            .where(NoticePrint.point_id == point_id)
            .order_by(NoticePrint.printed_at.desc(), NoticePrint.id.desc())
            .limit(limit)
        )
    )
