"""Posted sheets and the public content they show.

A sheet counts only when staff confirm it is up at the point: downloading or previewing a PDF
records nothing (a GET never writes). Each change of what a sheet shows bumps the point's
`content_version` and is kept as a `PublicRevision` (points/models.py), so "was the posted sheet
current on date X" has an exact answer.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from readiness.extensions import db
from readiness.timeutil import utcnow


class NoticePosting(db.Model):
    """Staff confirmed that a sheet showing `content_version` is up at the point."""

    __tablename__ = "notice_posting"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    user_email: Mapped[str | None] = mapped_column(String(254))
    content_version: Mapped[int]
