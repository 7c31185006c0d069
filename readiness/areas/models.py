"""An area's crisis staff, kept like a point's contacts: people with roles, and the history.

The area itself (its name, review date and staff version) is `points.models.Area`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from readiness.extensions import db
from readiness.timeutil import utcnow


class AreaContact(db.Model):
    """One person of an area's crisis staff; several holders of a role are its deputies."""

    __tablename__ = "area_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    alt_phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    # Whether the person agreed to be shown to residents (as on a point's contacts). No public
    # page or export lists area staff today, so it records consent and nothing reads it yet.
    public: Mapped[bool] = mapped_column(default=False)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)


class AreaChange(db.Model):
    """One saved change of an area's staff: who, when, and every value's old and new value."""

    __tablename__ = "area_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # The e-mail is copied so history stays readable if the account is later removed.
    user_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(10))  # update
    version: Mapped[int]  # the staff version after this change
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
