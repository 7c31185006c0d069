"""Audit visits: record one, list a point's."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from readiness.audits.models import Audit
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.points.models import Point


def record_audit(
    session: Session,
    point: Point,
    actor,
    audited_on: date,
    notes: str | None = None,
    *,
    auditor: str | None = None,
) -> Audit:
    """Record that `auditor` (in words; the account is `actor`) audited the point on a day."""
    ensure_role(actor, *COORDINATORS)
    audit = Audit(
        point_id=point.id,
        audited_on=audited_on,
        user_id=actor.id,
        user_email=actor.email,
        auditor=auditor,
        notes=notes,
    )
    session.add(audit)
    session.flush()
    return audit


def point_audits(session: Session, point_id: int, limit: int | None = None) -> list[Audit]:
    """The point's audits, newest visit first (recorded later first on the same day)."""
    statement = (
        select(Audit)
        .where(Audit.point_id == point_id)
        .order_by(Audit.audited_on.desc(), Audit.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))
