"""The årshjul's reads and writes: tasks from the stored data, tasks done, calendar feeds."""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from readiness.auth.models import User
from readiness.auth.permissions import is_coordinator
from readiness.auth.services import token_digest
from readiness.criteria.catalog import catalog_for
from readiness.criteria.facts import load_facts
from readiness.errors import Invalid, NotFound
from readiness.points.models import Municipality, Point, name_matches
from readiness.timeutil import utcnow
from readiness.yearwheel.models import CalendarFeed, MunicipalTask, TaskDone
from readiness.yearwheel.rules import (
    RECORDED_TASKS,
    OwnTask,
    Task,
    municipal_tasks,
    own_task_key,
    point_tasks,
    sort_tasks,
)


def user_point_ids(user) -> list[int] | None:
    """The points whose tasks the user sees: coordinators every point (None), staff their own."""
    if is_coordinator(user):
        return None
    return [point.id for point in getattr(user, "assigned_points", ())]


def wheel_tasks(
    session: Session,
    as_of: date,
    overrides: dict,
    *,
    municipality: str | None = None,
    point_ids: list[int] | None = None,
    with_municipal: bool = True,
) -> list[Task]:
    """Every årshjul task in scope on `as_of`, by due date. `point_ids` limits the point tasks
    (a staff member's points) and leaves out the municipality-level ones."""
    tasks: list[Task] = []
    facts = load_facts(session, as_of, municipality=municipality, point_ids=point_ids)
    if facts:
        ids = [f.id for f in facts]
        codes = {
            row.id: row.code
            for row in session.execute(select(Point.id, Point.code).where(Point.id.in_(ids)))
        }
        for point in facts:
            catalog = catalog_for(point.municipality, overrides)
            tasks.extend(point_tasks(point, catalog, as_of, codes.get(point.id)))
    if with_municipal and point_ids is None:
        tasks.extend(_municipal(session, as_of, municipality))
    return sort_tasks(tasks)


def _municipal(session: Session, as_of: date, municipality: str | None) -> list[Task]:
    statement = select(Municipality.id, Municipality.name).order_by(Municipality.name)
    if municipality:
        statement = statement.where(name_matches(Municipality.name, municipality))
    municipalities = session.execute(statement).all()
    ids = [row.id for row in municipalities]
    if not ids:
        return []
    done: dict[int, dict[str, date]] = defaultdict(dict)
    for row in session.execute(
        select(TaskDone.municipality_id, TaskDone.task, func.max(TaskDone.done_on))
        .where(TaskDone.municipality_id.in_(ids), TaskDone.done_on <= as_of)
        .group_by(TaskDone.municipality_id, TaskDone.task)
    ):
        done[row[0]][row[1]] = row[2]
    own: dict[int, list[OwnTask]] = defaultdict(list)
    names = {row.id: row.name for row in municipalities}
    for row in session.scalars(
        select(MunicipalTask)
        .where(MunicipalTask.municipality_id.in_(ids))
        .order_by(MunicipalTask.title, MunicipalTask.id)
    ):
        own[row.municipality_id].append(
            OwnTask(row.id, names[row.municipality_id], row.title, row.every_months, row.first_due)
        )
    tasks = []
    for row in municipalities:
        tasks.extend(municipal_tasks(row.name, done[row.id], own[row.id], as_of))
    return tasks


def _municipality(session: Session, name: str) -> Municipality:
    found = session.scalar(select(Municipality).where(name_matches(Municipality.name, name)))
    if found is None:
        raise Invalid({"municipality": [str(_l("Unknown municipality."))]})
    return found


def record_task_done(
    session: Session, municipality: str, task: str, done_on: date, user_email: str | None
) -> TaskDone:
    """Record a municipality-level task (a meeting, the report, an own task) done on a day."""
    place = _municipality(session, municipality)
    allowed = set(RECORDED_TASKS) | {
        own_task_key(i)
        for i in session.scalars(
            select(MunicipalTask.id).where(MunicipalTask.municipality_id == place.id)
        )
    }
    if task not in allowed:
        raise Invalid({"task": [str(_l("Unknown task."))]})
    done = TaskDone(municipality_id=place.id, task=task, done_on=done_on, user_email=user_email)
    session.add(done)
    session.flush()
    return done


def add_own_task(
    session: Session, municipality: str, title: str, every_months: int, first_due: date
) -> MunicipalTask:
    place = _municipality(session, municipality)
    task = MunicipalTask(
        municipality_id=place.id, title=title, every_months=every_months, first_due=first_due
    )
    session.add(task)
    session.flush()
    return task


def remove_own_task(session: Session, task_id: int) -> MunicipalTask:
    """Take a municipality's own task off the wheel. What was recorded done stays recorded."""
    task = session.get(MunicipalTask, task_id)
    if task is None:
        raise NotFound({"_request": [str(_l("No such task."))]})
    session.delete(task)
    session.flush()
    return task


# Calendar feeds: a secret token in the URL, only its SHA-256 digest stored (as API tokens).


def feed_of(session: Session, user: User) -> CalendarFeed | None:
    return session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def issue_feed(session: Session, user: User) -> str:
    """Create the user's feed, or rotate it (the old URL stops working); returns the token."""
    token = secrets.token_urlsafe(32)
    feed = feed_of(session, user)
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        session.add(feed)
    feed.token_hash = token_digest(token)
    feed.created_at = utcnow()
    session.flush()
    return token


def revoke_feed(session: Session, user: User) -> None:
    """Revoke the user's feed: its URL answers 404 from now on."""
    feed = feed_of(session, user)
    if feed is None:
        raise NotFound({"_request": [str(_l("You have no calendar feed."))]})
    session.delete(feed)
    session.flush()


def user_for_feed(session: Session, token: str) -> User | None:
    """The active account whose feed has this token, or None (unknown, revoked or rotated)."""
    if not token or len(token) > 100:
        return None
    return session.scalar(
        select(User)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == token_digest(token), User.active.is_(True))
    )
