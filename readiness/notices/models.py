"""The print log: every notice sheet printed, so staff know which shop windows need a new one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from readiness.extensions import db
from readiness.timeutil import utcnow


class NoticePrint(db.Model):
    __tablename__ = "notice_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    user_email: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(5))
    point_version: Mapped[int]
