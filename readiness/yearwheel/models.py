"""A municipality's own recurring tasks, tasks done that the data cannot show, calendar feeds."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from readiness.extensions import db
from readiness.timeutil import utcnow

if TYPE_CHECKING:
    from readiness.points.models import Municipality


class MunicipalTask(db.Model):
    """A recurring task a municipality adds to its wheel (e.g. "Serviceforum", twice a year)."""

    __tablename__ = "municipal_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    every_months: Mapped[int]
    first_due: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    municipality: Mapped[Municipality] = relationship()


class TaskDone(db.Model):
    """A municipality-level task done on a day (meetings, the yearly report): what point data
    cannot show. Point tasks are cleared by the point's own dates instead."""

    __tablename__ = "task_done"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    task: Mapped[str] = mapped_column(String(60))
    done_on: Mapped[date]
    user_email: Mapped[str | None] = mapped_column(String(254))


class CalendarFeed(db.Model):
    """A user's secret iCalendar URL; only the token's hash is stored."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
