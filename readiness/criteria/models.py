"""Readiness trend: a point's evaluation is stored whenever its result changes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from readiness.extensions import db
from readiness.timeutil import utcnow


class ReadinessSnapshot(db.Model):
    __tablename__ = "readiness_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    evaluated_on: Mapped[date] = mapped_column(index=True)
    criteria_version: Mapped[str] = mapped_column(String(40))
    score: Mapped[int]
    level: Mapped[str] = mapped_column(String(10))
    failed: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
