"""The point register: municipalities, areas, points and what belongs to each point."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from readiness.extensions import db
from readiness.timeutil import utcnow

if TYPE_CHECKING:
    from readiness.crisis.models import CrisisEvent


def name_matches(column, name: str):
    """Municipality and area names match whatever their case ("krokom", "Ås"/"ås").
    SQLite's lower() is made Unicode-aware in extensions.py, so both databases agree."""
    return func.lower(column) == name.lower()


class Municipality(db.Model):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    areas: Mapped[list[Area]] = relationship(back_populates="municipality")


class Area(db.Model):
    __tablename__ = "area"
    __table_args__ = (
        UniqueConstraint("municipality_id", "name", name="uq_area_municipality_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    name: Mapped[str] = mapped_column(String(100))
    # The area's crisis staff (areas/models.py AreaContact): when it was last reviewed, and
    # its version, raised by every saved change of the staff (two editors never overwrite).
    staff_reviewed: Mapped[date | None]
    staff_version: Mapped[int] = mapped_column(default=1, server_default="1")

    municipality: Mapped[Municipality] = relationship(back_populates="areas")


class Point(db.Model):
    __tablename__ = "point"
    __table_args__ = (Index("ix_point_municipality_name", "municipality_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    # Optimistic locking: SQLAlchemy adds "WHERE version = :old" to every UPDATE.
    version: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    locality: Mapped[str | None] = mapped_column(String(100))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    capacity: Mapped[int | None]
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    opening_hours: Mapped[str | None] = mapped_column(String(200))
    crisis_hours: Mapped[str | None] = mapped_column(String(200))
    public_info: Mapped[str | None] = mapped_column(Text)
    accessibility: Mapped[str | None] = mapped_column(String(500))
    activation: Mapped[list[str]] = mapped_column(JSON, default=list)
    contacts_reviewed: Mapped[date | None]
    last_exercise: Mapped[date | None]
    crisis_state: Mapped[str] = mapped_column(String(10), default="normal")
    crisis_message: Mapped[str | None] = mapped_column(String(500))
    crisis_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The crisis event (or exercise) the current state belongs to (crisis/models.py).
    crisis_event_id: Mapped[int | None] = mapped_column(ForeignKey("crisis_event.id"))
    # When staff last confirmed that nothing changed ("still correct?"; HSDS `assured_date`).
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # When a field shown to residents last changed, and how many times it has: a posted sheet
    # showing an older content version is stale (see notices/models.py).
    public_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    content_version: Mapped[int] = mapped_column(default=1, server_default="1")
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    municipality: Mapped[Municipality] = relationship()
    area: Mapped[Area | None] = relationship()
    # The current event's name and whether it is an exercise (public pages show ÖVNING).
    crisis_event: Mapped[CrisisEvent | None] = relationship()
    power: Mapped[Power | None] = relationship(
        back_populates="point", cascade="all, delete-orphan", uselist=False
    )
    agreement: Mapped[Agreement | None] = relationship(
        back_populates="point", cascade="all, delete-orphan", uselist=False
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="Contact.position"
    )
    channels: Mapped[list[Channel]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="Channel.position"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def municipality_name(self) -> str:
        return self.municipality.name

    @property
    def area_name(self) -> str | None:
        return self.area.name if self.area else None

    @property
    def crisis(self) -> dict:
        return {
            "state": self.crisis_state,
            "message": self.crisis_message,
            "since": self.crisis_since,
        }

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Power(db.Model):
    __tablename__ = "power"

    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), default="none")
    generator_kw: Mapped[float | None]
    fuel: Mapped[str | None] = mapped_column(String(10))
    tank_litres: Mapped[float | None]
    consumption_lph: Mapped[float | None]
    covers: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_test_run: Mapped[date | None]
    last_load_test: Mapped[date | None]
    fuel_checked: Mapped[date | None]
    refuel_plan: Mapped[str | None] = mapped_column(String(500))

    point: Mapped[Point] = relationship(back_populates="power")


class Agreement(db.Model):
    __tablename__ = "agreement"

    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), primary_key=True)
    counterparty: Mapped[str | None] = mapped_column(String(200))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]

    point: Mapped[Point] = relationship(back_populates="agreement")


class Contact(db.Model):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    alt_phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    public: Mapped[bool] = mapped_column(default=False)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)

    point: Mapped[Point] = relationship(back_populates="contacts")


class Channel(db.Model):
    __tablename__ = "channel"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(String(200))
    last_tested: Mapped[date | None]

    point: Mapped[Point] = relationship(back_populates="channels")


class PointChange(db.Model):
    """One saved change of a point: who, when, and every field's old and new value."""

    __tablename__ = "point_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # The e-mail is copied so history stays readable if the account is later removed.
    user_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(10))  # create, update, archive, restore
    version: Mapped[int]  # the point's version after this change
    changes: Mapped[dict] = mapped_column(JSON, default=dict)


class PublicRevision(db.Model):
    """The point's public content (what a sheet shows) reached `content_version` at `changed_at`.

    Kept so that whether a posted sheet was current on a past date has an exact answer."""

    __tablename__ = "public_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    content_version: Mapped[int]
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
