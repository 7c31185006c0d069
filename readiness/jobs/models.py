"""A background job's state, shared by the web process, the API and the workers."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from readiness.extensions import db
from readiness.timeutil import utcnow

if TYPE_CHECKING:
    from readiness.auth.models import User

STATES = ("queued", "running", "finished", "failed")
QUEUED, RUNNING, FINISHED, FAILED = STATES


def new_job_id() -> str:
    """128 random bits, URL-safe: a job's address cannot be guessed from another's."""
    return secrets.token_urlsafe(16)


class Job(db.Model):
    __tablename__ = "job"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_job_id)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    # The file the job made: its name for the download and its media type. The file itself is
    # JOB_RESULTS_DIR/<id> (never a name from the input).
    result_name: Mapped[str | None] = mapped_column(String(200))
    result_type: Mapped[str | None] = mapped_column(String(100))
    # What went wrong, in words for the user (the traceback goes to the log only).
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    created_by: Mapped[User | None] = relationship()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Queued (again, on a retry), and when a worker started it.
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When the result stops being served (JOB_RESULT_HOURS after finishing).
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
