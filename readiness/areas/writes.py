"""Writing an area's crisis staff: validate, check the version, record the change, flush.

Callers (the area form, the demo data loader) pass the raw input and the acting user, then
commit once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.orm import Session

from readiness.areas.models import AreaChange, AreaContact
from readiness.areas.queries import area_staff, staff_document
from readiness.areas.schemas import STAFF_COLUMNS, area_staff_schema
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.errors import Conflict, Invalid
from readiness.points.history import diff_documents
from readiness.points.models import Area
from readiness.timeutil import utcnow
from readiness.validation import load_input, read_version


def validate_staff_input(raw) -> dict:
    return load_input(area_staff_schema, raw)


def _stale(yours: int, current: int) -> Conflict:
    message = _l(
        "The crisis staff of this area was changed by someone else (you edited version "
        "%(yours)s, it is now at version %(current)s). Nothing was saved.",
        yours=yours,
        current=current,
    )
    return Conflict({"version": [str(message)]})


def _sync_staff(session: Session, area: Area, rows: list[AreaContact], items: list[dict]) -> None:
    """Update rows in place by position so ids stay stable; add or delete the rest."""
    for position, item in enumerate(items):
        if position >= len(rows):
            rows.append(AreaContact(area_id=area.id))
            session.add(rows[-1])
        row = rows[position]
        row.position = position
        for column in STAFF_COLUMNS:
            setattr(row, column, item.get(column))
        row.public = bool(item.get("public"))
        row.roles = item.get("roles") or []
    for extra in rows[len(items) :]:
        session.delete(extra)


def update_staff(session: Session, area: Area, raw, actor) -> AreaChange | None:
    """Replace the area's staff and review date with `raw` (`staff`, `staff_reviewed`, and the
    `version` the user edited); the recorded change, or None when nothing changed."""
    ensure_role(actor, *COORDINATORS)
    if not isinstance(raw, dict):
        raise Invalid({"_schema": [str(_l("Expected an object."))]})
    fields = dict(raw)
    version = read_version(fields)
    fields.pop("version", None)
    data = validate_staff_input(fields)
    rows = area_staff(session, area.id)
    changes = diff_documents(staff_document(area, rows), area_staff_schema.dump(data))
    if version != area.staff_version:
        raise _stale(version, area.staff_version)
    if not changes:
        return None
    # Claim the next version in one statement: of two saves from the same version, the second
    # finds no row to update (on PostgreSQL it waits for the first and then finds none).
    claimed = session.execute(
        update(Area)
        .where(Area.id == area.id, Area.staff_version == version)
        .values(staff_version=version + 1, staff_reviewed=data.get("staff_reviewed"))
        .execution_options(synchronize_session="fetch")
    )
    if claimed.rowcount != 1:
        session.refresh(area)
        raise _stale(version, area.staff_version)
    _sync_staff(session, area, rows, data["staff"])
    change = AreaChange(
        area_id=area.id,
        at=utcnow(),
        user_id=actor.id,
        user_email=actor.email,
        action="update",
        version=version + 1,
        changes=changes,
    )
    session.add(change)
    session.flush()
    return change
