"""Actions of the action plan, with every status change kept with its date."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from readiness.extensions import db
from readiness.timeutil import utcnow

if TYPE_CHECKING:
    from readiness.points.models import Municipality, Point

ACTION_STATUSES = ("planned", "in_progress", "done", "cancelled")
OPEN_STATUSES = ("planned", "in_progress")


class Action(db.Model):
    __tablename__ = "action"
    __table_args__ = (Index("ix_action_municipality_deadline", "municipality_id", "deadline"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Optimistic locking, as for points: a PATCH names the version it edited.
    version: Mapped[int] = mapped_column(default=1)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    point_id: Mapped[int | None] = mapped_column(ForeignKey("point.id"), index=True)
    criterion: Mapped[str | None] = mapped_column(String(40))
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("audit.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # A named organisation or person; `responsible_user_id` when it is one of the accounts.
    responsible: Mapped[str] = mapped_column(String(200))
    responsible_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    deadline: Mapped[date]
    financing_source: Mapped[str | None] = mapped_column(String(200))
    financing_amount_sek: Mapped[int | None]
    financing_approved: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(254))

    point: Mapped[Point | None] = relationship()
    municipality: Mapped[Municipality] = relationship()

    status_changes: Mapped[list[ActionStatusChange]] = relationship(
        order_by="ActionStatusChange.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class ActionStatusChange(db.Model):
    __tablename__ = "action_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_email: Mapped[str | None] = mapped_column(String(254))
