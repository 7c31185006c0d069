"""Writing points: validate, check the version, record history and public revisions, flush.

Callers (the HTML views, the API, the demo data loader) pass the raw input and the acting user,
then commit once.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import fields
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from readiness.auth.permissions import (
    COORDINATORS,
    ensure_can_edit_point,
    ensure_role,
)
from readiness.errors import Conflict, Invalid
from readiness.points.codes import new_code
from readiness.points.history import diff_documents
from readiness.points.models import (
    Agreement,
    Area,
    Channel,
    Contact,
    Municipality,
    Point,
    PointChange,
    Power,
    PublicRevision,
    name_matches,
)
from readiness.points.public import notice_content
from readiness.points.queries import editable_document
from readiness.points.schemas import (
    AgreementSchema,
    ChannelSchema,
    ContactSchema,
    PointSchema,
    PowerSchema,
    point_schema,
)
from readiness.timeutil import utcnow
from readiness.validation import load_input, read_version


def _is_nested(field: fields.Field) -> bool:
    return isinstance(field, fields.Nested) or isinstance(
        getattr(field, "inner", None), fields.Nested
    )


# Plain columns copied from validated input to the Point row: every field a client sends except
# the nested objects and lists (set below) and municipality and area, which load under another
# attribute (`municipality_name`, `area_name`) and are looked up by name.
_POINT_COLUMNS = tuple(
    name
    for name, field in PointSchema().fields.items()
    if not field.dump_only and field.attribute is None and not _is_nested(field)
)
_POWER_COLUMNS = tuple(PowerSchema().fields)
_AGREEMENT_COLUMNS = tuple(AgreementSchema().fields)
_CONTACT_COLUMNS = tuple(ContactSchema().fields)
_CHANNEL_COLUMNS = tuple(ChannelSchema().fields)
# Objects merged key by key on PATCH; everything else is replaced whole.
_MERGED_OBJECTS = ("power", "agreement", "crisis")


def validate_point_input(raw) -> dict:
    return load_input(point_schema, raw)


def merge_patch(document: dict, patch: dict) -> dict:
    """PATCH semantics: top-level fields replace, the objects power/agreement/crisis merge."""
    merged = dict(document)
    for key, value in patch.items():
        current = merged.get(key)
        if key in _MERGED_OBJECTS and isinstance(value, dict) and isinstance(current, dict):
            merged[key] = {**current, **value}
        else:
            merged[key] = value
    return merged


def _insert_unless_present(session: Session, model, values: dict) -> None:
    """INSERT … ON CONFLICT DO NOTHING: when two requests create the same new municipality or
    area at once, the second one finds the first one's row instead of failing on the unique
    name (a look-up-then-insert race). Same statement on PostgreSQL and SQLite."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(model).values(**values).on_conflict_do_nothing())


def _municipality(session: Session, name: str) -> Municipality:
    lookup = select(Municipality).where(name_matches(Municipality.name, name))
    found = session.scalars(lookup).first()
    if found is None:
        _insert_unless_present(session, Municipality, {"name": name})
        found = session.scalars(lookup).first()
    return found


def _area(session: Session, municipality: Municipality, name: str | None) -> Area | None:
    if not name:
        return None
    lookup = select(Area).where(
        Area.municipality_id == municipality.id, name_matches(Area.name, name)
    )
    found = session.scalars(lookup).first()
    if found is None:
        _insert_unless_present(session, Area, {"municipality_id": municipality.id, "name": name})
        found = session.scalars(lookup).first()
    return found


def _sync_rows(rows: list, items: list[dict], make, columns: tuple[str, ...]) -> None:
    """Update list rows in place by position so row ids stay stable; add or drop the rest."""
    for position, item in enumerate(items):
        if position >= len(rows):
            rows.append(make())
        row = rows[position]
        row.position = position
        for column in columns:
            setattr(row, column, item.get(column))
    del rows[len(items) :]


def _apply(session: Session, point: Point, data: dict, actor) -> None:
    # No autoflush: a lookup half-way would write a half-built row (and bump the version twice).
    with session.no_autoflush:
        _apply_fields(session, point, data, actor)


def _apply_fields(session: Session, point: Point, data: dict, actor) -> None:
    for column in _POINT_COLUMNS:
        setattr(point, column, data.get(column))
    point.municipality = _municipality(session, data["municipality_name"])
    point.area = _area(session, point.municipality, data.get("area_name"))

    power = data.get("power") or {}
    if point.power is None:
        point.power = Power()
    for column in _POWER_COLUMNS:
        setattr(point.power, column, power.get(column))
    point.power.source = power.get("source") or "none"
    point.power.covers = power.get("covers") or []

    agreement = data.get("agreement")
    if agreement and any(agreement.values()):
        if point.agreement is None:
            point.agreement = Agreement()
        for column in _AGREEMENT_COLUMNS:
            setattr(point.agreement, column, agreement.get(column))
    else:
        point.agreement = None

    _sync_rows(point.contacts, data.get("contacts") or [], Contact, _CONTACT_COLUMNS)
    _sync_rows(point.channels, data.get("channels") or [], Channel, _CHANNEL_COLUMNS)

    crisis = data.get("crisis") or {"state": "normal", "message": None}
    crisis_changed = (crisis["state"], crisis.get("message")) != (
        point.crisis_state or "normal",
        point.crisis_message,
    )
    if crisis_changed:
        # Staff may open and close their own points (update_point checked the point is theirs).
        if crisis["state"] != (point.crisis_state or "normal") or point.crisis_since is None:
            point.crisis_since = utcnow()
        point.crisis_state = crisis["state"]
        point.crisis_message = crisis.get("message")


def _record(session: Session, point: Point, actor, action: str, changes: dict) -> PointChange:
    change = PointChange(
        point_id=point.id,
        user_id=actor.id,
        user_email=actor.email,
        action=action,
        version=point.version,
        changes=changes,
        at=point.updated_at,
    )
    session.add(change)
    return change


def _flush_or_conflict(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        # Another request saved between our read and our write; our changes are void (the
        # caller's error handling rolls the transaction back).
        raise Conflict({"version": [str(_l("Someone else saved this point just now."))]}) from None


def _public_content_changed(point: Point, at) -> None:
    """What a sheet shows changed: sheets posted before `at` are stale from then on.
    Set before the flush, so the point's row is updated (and its version bumped) once."""
    point.content_version += 1
    point.public_changed_at = at


def _keep_revision(session: Session, point: Point) -> None:
    """Keep the content version with its time, for evaluations at a past date."""
    session.add(
        PublicRevision(
            point_id=point.id,
            content_version=point.content_version,
            changed_at=point.public_changed_at,
        )
    )


def _unused_code(session: Session) -> str:
    while True:
        code = new_code()
        if session.scalar(select(func.count()).where(Point.code == code)) == 0:
            return code


def create_point(session: Session, raw, actor, *, code: str | None = None) -> Point:
    """A new point; `code` keeps a code it had elsewhere (an import), else a new one is drawn."""
    ensure_role(actor, *COORDINATORS)
    data = validate_point_input(raw)
    point = Point(code=code or _unused_code(session), crisis_state="normal")
    session.add(point)
    _apply(session, point, data, actor)
    now = utcnow()
    point.created_at = point.updated_at = point.public_changed_at = now
    point.content_version = 1
    _flush_or_conflict(session)
    _keep_revision(session, point)
    _record(session, point, actor, "create", diff_documents({}, editable_document(point)))
    session.flush()
    return point


def update_point(session: Session, point: Point, raw, actor) -> Point:
    ensure_can_edit_point(actor, point)
    if not isinstance(raw, dict):
        raise Invalid({"_schema": [str(_l("Expected an object."))]})
    patch = dict(raw)
    patch.pop("version", None)
    version = read_version(raw)
    before = editable_document(point)
    sheet_before = notice_content(point)
    data = validate_point_input(merge_patch(before, patch))
    if version != point.version:
        raise Conflict(
            {
                "version": [
                    str(
                        _l(
                            "This point was changed by someone else (you edited version %(yours)s, "
                            "it is now at version %(current)s). Nothing was saved.",
                            yours=version,
                            current=point.version,
                        )
                    )
                ]
            }
        )
    _apply(session, point, data, actor)
    after = editable_document(point)
    changes = diff_documents(before, after)
    point.updated_at = utcnow()
    public_changed = notice_content(point) != sheet_before
    if public_changed:
        _public_content_changed(point, point.updated_at)
    _flush_or_conflict(session)
    if public_changed:
        _keep_revision(session, point)
    if changes:
        _record(session, point, actor, "update", changes)
        session.flush()
    return point


def archive_point(session: Session, point: Point, actor) -> Point:
    ensure_role(actor, *COORDINATORS)
    point.archived_at = point.updated_at = utcnow()
    _flush_or_conflict(session)
    _record(session, point, actor, "archive", {"archived": [False, True]})
    session.flush()
    return point


def restore_point(session: Session, point: Point, actor) -> Point:
    ensure_role(actor, *COORDINATORS)
    if point.archived_at is None:
        raise Conflict({"_request": [str(_l("The point is not archived."))]})
    point.archived_at = None
    point.updated_at = utcnow()
    _public_content_changed(point, point.updated_at)
    _flush_or_conflict(session)
    _keep_revision(session, point)
    _record(session, point, actor, "restore", {"archived": [True, False]})
    session.flush()
    return point


def set_crisis_state(
    session: Session, point: Point, actor, state: str, message: str | None, event_id, at
) -> bool:
    """Open, close or return a point to normal within a crisis event, with its history entry.
    False when the point was in that state with that message already."""
    ensure_can_edit_point(actor, point)
    before = {"state": point.crisis_state or "normal", "message": point.crisis_message}
    after = {"state": state, "message": message if state != "normal" else None}
    new_event = event_id if state != "normal" else None
    if before == after and point.crisis_event_id == new_event:
        return False
    if state != before["state"] or point.crisis_since is None:
        point.crisis_since = at
    point.crisis_state, point.crisis_message = after["state"], after["message"]
    point.crisis_event_id = new_event
    point.updated_at = at
    _flush_or_conflict(session)
    changes = diff_documents({"crisis": before}, {"crisis": after})
    _record(session, point, actor, "crisis", changes or {"crisis.state": [state, state]})
    return True


def record_exercise(session: Session, point: Point, actor, day) -> None:
    """An exercise the point took part in ended on `day`: it is the point's last exercise."""
    if point.last_exercise is not None and point.last_exercise >= day:
        return
    old = point.last_exercise
    point.last_exercise = day
    point.updated_at = utcnow()
    _flush_or_conflict(session)
    change = [old.isoformat() if old else None, day.isoformat()]
    _record(session, point, actor, "exercise", {"last_exercise": change})


def confirm_point(session: Session, point: Point, actor, at) -> None:
    """Staff confirm the point's data is still correct: `confirmed_at` and a history entry.

    The data and its version stay as they were, so a form someone has open stays valid."""
    ensure_can_edit_point(actor, point)
    session.execute(
        update(Point).where(Point.id == point.id).values(confirmed_at=at),
        execution_options={"synchronize_session": False},
    )
    # Known to the object without an UPDATE of its own (the statement above wrote it).
    set_committed_value(point, "confirmed_at", at)
    change = _record(session, point, actor, "confirm", {})
    change.at = at
    session.flush()


# What an audit visit can confirm on the point (audits/): each is a dated fact set to the visit day.
AUDIT_FACTS = ("test_run", "contacts_reviewed", "channels_tested")


def apply_audit_facts(session: Session, point: Point, actor, day, facts) -> bool:
    """Set the facts an audit saw on `day` (never moving a date back), with ONE history entry
    of action "audit". False when nothing changed (no entry)."""
    ensure_role(actor, *COORDINATORS)
    before = editable_document(point)
    with session.no_autoflush:
        if "test_run" in facts and point.power is not None and point.power.source != "none":
            point.power.last_test_run = _later(point.power.last_test_run, day)
        if "contacts_reviewed" in facts:
            point.contacts_reviewed = _later(point.contacts_reviewed, day)
        if "channels_tested" in facts:
            for channel in point.channels:
                channel.last_tested = _later(channel.last_tested, day)
    changes = diff_documents(before, editable_document(point))
    if not changes:
        return False
    point.updated_at = utcnow()
    _flush_or_conflict(session)
    _record(session, point, actor, "audit", changes)
    session.flush()
    return True


def _later(current, day):
    return day if current is None or current < day else current
