"""A crisis event (or an exercise), what was activated in it, and what happened at each point.

The point itself keeps its current state (`Point.crisis_state`, `crisis_message`, `crisis_since`,
`crisis_event_id`); every change of it is also a `CrisisActivation` row, which the alert feeds and
the after-action review read.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from readiness.extensions import db
from readiness.timeutil import utcnow


class CrisisEvent(db.Model):
    """A storm, an outage or an exercise (övning): a name, a start, an end."""

    __tablename__ = "crisis_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    exercise: Mapped[bool] = mapped_column(default=False)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(String(254))

    activations: Mapped[list[CrisisActivation]] = relationship(
        back_populates="event", order_by="CrisisActivation.id"
    )

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class CrisisActivation(db.Model):
    """One change of a point's crisis state within an event (open, closed, back to normal)."""

    __tablename__ = "crisis_activation"
    __table_args__ = (Index("ix_crisis_activation_event_point", "event_id", "point_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("crisis_event.id"))
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    state: Mapped[str] = mapped_column(String(10))
    message: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_email: Mapped[str | None] = mapped_column(String(254))

    event: Mapped[CrisisEvent] = relationship(back_populates="activations")


class CrisisLogEntry(db.Model):
    """Something that happened at a point during an event, by whom, with an optional head count."""

    __tablename__ = "crisis_log_entry"
    __table_args__ = (Index("ix_crisis_log_point_at", "point_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("crisis_event.id"), index=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_email: Mapped[str | None] = mapped_column(String(254))
    text: Mapped[str] = mapped_column(Text)
    people: Mapped[int | None]


class FuelReading(db.Model):
    """Fuel in the generator's tank at a moment: litres, or a share of the tank; or a refill."""

    __tablename__ = "fuel_reading"
    __table_args__ = (Index("ix_fuel_reading_point_at", "point_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("crisis_event.id"), index=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_email: Mapped[str | None] = mapped_column(String(254))
    litres: Mapped[float | None]
    percent: Mapped[float | None]
    refuelled: Mapped[bool] = mapped_column(default=False)
