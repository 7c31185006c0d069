"""The print log."""

from __future__ import annotations

from sqlalchemy.orm import Session

from readiness.notices.models import NoticePrint
from readiness.points.models import Point
from readiness.timeutil import utcnow


def record_print(session: Session, point: Point, actor, language: str) -> NoticePrint:
    """Log that a notice of this point's current version was printed (who, when, language)."""
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
