"""Audit visits: the coordinator's on-site review of a point."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from readiness.extensions import db
from readiness.timeutil import utcnow


class Audit(db.Model):
    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    audited_on: Mapped[date]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    user_email: Mapped[str | None] = mapped_column(String(254))
    # Who did the visit, in words (may differ from the account that recorded it).
    auditor: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # Who else was there (the point's owner, staff), in words.
    present: Mapped[str | None] = mapped_column(String(500))
    # The catalog checklist as observed: [{"criterion", "observed": ok|gap|na, "comment"}].
    checklist: Mapped[list[dict]] = mapped_column(JSON, default=list)
    criteria_version: Mapped[str | None] = mapped_column(String(60))
    findings: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
