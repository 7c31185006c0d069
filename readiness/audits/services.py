"""Audit visits."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from readiness.audits.models import Audit
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.points.models import Point


def record_audit(
    session: Session, point: Point, actor, audited_on: date, notes: str | None = None
) -> Audit:
    ensure_role(actor, *COORDINATORS)
    audit = Audit(
        point_id=point.id,
        audited_on=audited_on,
        user_id=actor.id,
        user_email=actor.email,
        notes=notes,
    )
    session.add(audit)
    session.flush()
    return audit
