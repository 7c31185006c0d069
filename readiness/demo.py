"""Demo data: two municipalities with points of mixed completeness, and demo accounts.

The data live in demo.toml beside this file; this module resolves its relative dates and loads it.
"""

from __future__ import annotations

import secrets
import tomllib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from readiness.areas.queries import find_area
from readiness.areas.writes import update_staff
from readiness.audits.services import record_audit
from readiness.auth.actors import SYSTEM
from readiness.auth.services import assign_points, create_user, find_user, set_password
from readiness.config import DEFAULT_PASSWORD_HASH_METHOD
from readiness.notices.services import record_posting
from readiness.points.models import Point, PointChange, PublicRevision
from readiness.points.writes import create_point
from readiness.timeutil import STOCKHOLM, today_in_sweden

DEMO_FILE = Path(__file__).with_name("demo.toml")


def has_points(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(Point)) or 0) > 0


def resolve_dates(value, today: date):
    """`value` with each relative date ({days_ago} or {year_offset, month, day}) as an ISO date."""
    if isinstance(value, list):
        return [resolve_dates(item, today) for item in value]
    if not isinstance(value, dict):
        return value
    if "days_ago" in value:
        return (today - timedelta(days=value["days_ago"])).isoformat()
    if "year_offset" in value:
        return date(today.year + value["year_offset"], value["month"], value["day"]).isoformat()
    return {key: resolve_dates(item, today) for key, item in value.items()}


def demo_data(today: date | None = None) -> dict:
    """demo.toml with its dates resolved against `today` (default: today in Sweden)."""
    data = tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return resolve_dates(data, today or today_in_sweden())


def demo_points() -> list[dict]:
    """The demo points as API input, one dict per point."""
    return demo_data()["points"]


def _backdate(session: Session, point: Point, day: date) -> None:
    """Make `point` look entered on `day` and untouched since, so the "still correct?" queue
    (CONFIRMED-RECENT) has points to show on the demo."""
    moment = datetime.combine(day, time(12), STOCKHOLM).astimezone(UTC)  # stored as UTC
    session.flush()
    point.created_at = point.updated_at = moment
    session.execute(update(PointChange).where(PointChange.point_id == point.id).values(at=moment))
    session.execute(
        update(PublicRevision).where(PublicRevision.point_id == point.id).values(changed_at=moment)
    )


def load_demo(
    session: Session, instance_dir: Path, *, hash_method: str = DEFAULT_PASSWORD_HASH_METHOD
) -> list[str]:
    """Create the demo points and accounts (passwords hashed with `hash_method`, the app's
    PASSWORD_HASH_METHOD); return the lines that tell the demo login."""
    data = demo_data()
    points = []
    for point_data in data["points"]:
        entered = point_data.pop("entered", None)
        point = create_point(session, point_data, SYSTEM)
        if entered:
            _backdate(session, point, date.fromisoformat(entered))
        points.append(point)
    by_name = {point.name: point for point in points}
    audit_of = {name: audit for audit in data["audits"] for name in audit["points"]}
    for point in points:
        audit = audit_of.get(point.name)
        if audit is None:
            continue
        if audit.get("sheet_posted"):
            record_posting(session, point, SYSTEM)
        audited_on = date.fromisoformat(audit["audited_on"])
        record_audit(session, point, SYSTEM, audited_on, audit.get("notes"))
    for entry in data.get("areas", []):
        area = find_area(session, entry["municipality"], entry["area"])
        staff = {key: entry[key] for key in ("staff", "staff_reviewed") if key in entry}
        update_staff(session, area, {**staff, "version": area.staff_version}, SYSTEM)
    password_file = instance_dir / "demo-login.txt"
    password = secrets.token_urlsafe(9)
    lines = [f"Demo login at /login (password for all three: {password})"]
    for account in data["accounts"]:
        email, role = account["email"], account["role"]
        user = find_user(session, email)
        if user is None:
            user = create_user(session, email, role, password, hash_method=hash_method)
        else:  # --force on a database that has the demo accounts: reset their password
            set_password(user, password, hash_method=hash_method)
        if "points" in account:
            assign_points(user, [by_name[name] for name in account["points"]])
        lines.append(f"  {email}  ({role})")
    instance_dir.mkdir(parents=True, exist_ok=True)
    password_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    password_file.chmod(0o600)
    return lines
