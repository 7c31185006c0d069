"""The årshjul for views and the API: query arguments, the caller's tasks, task JSON."""

from __future__ import annotations

from datetime import date

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from readiness.auth.permissions import is_staff
from readiness.criteria.services import parse_as_of
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.timeutil import today_in_sweden
from readiness.validation import parse_whole_number
from readiness.yearwheel.rules import Task, due_within
from readiness.yearwheel.schemas import MAX_WITHIN_DAYS
from readiness.yearwheel.services import user_point_ids, wheel_tasks
from readiness.yearwheel.text import task_name, task_place, task_state

# The staff's "due soon" list: what falls due within a month, and everything overdue.
DUE_SOON_DAYS = 30


def feed_url(token: str) -> str:
    """The secret URL calendar apps subscribe to (absolute: it is pasted into another app)."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/calendar/{token}.ics"


def task_args() -> tuple[date, str | None, int | None]:
    """`as_of`, `municipality` and `within_days` of the query string; Invalid naming bad ones."""
    errors: dict[str, list[str]] = {}
    try:
        as_of = parse_as_of(request.args.get("as_of"), today_in_sweden())
    except Invalid as error:
        errors.update(error.errors)
        as_of = today_in_sweden()
    municipality = (request.args.get("municipality") or "").strip() or None
    if municipality and len(municipality) > 200:
        errors["municipality"] = [str(_l("At most %(max)s characters.", max=200))]
    raw = request.args.get("within_days")
    within_days = None
    if raw not in (None, ""):
        within_days = parse_whole_number(raw, maximum=MAX_WITHIN_DAYS)
        if within_days is None:
            errors["within_days"] = [
                str(_l("Must be a whole number from 0 to %(max)s.", max=MAX_WITHIN_DAYS))
            ]
    if errors:
        raise Invalid(errors)
    return as_of, municipality, within_days


def tasks_for_user(
    user, as_of: date, *, municipality: str | None = None, within_days: int | None = None
) -> list[Task]:
    """The tasks the user sees: coordinators every task in scope, staff their points' tasks."""
    tasks = wheel_tasks(
        db.session,
        as_of,
        current_app.config["CRITERIA_OVERRIDES"],
        municipality=municipality,
        point_ids=user_point_ids(user),
    )
    return due_within(tasks, as_of, within_days)


def task_json(task: Task) -> dict:
    """The contract's task: `task`, `point_code` (point tasks only), `due`, `overdue`; then
    the task in words and what else identifies it."""
    body: dict = {"task": task.task}
    if task.point_code is not None:
        body["point_code"] = task.point_code
    body.update(due=task.due.isoformat(), overdue=task.overdue)
    body.update(title=task_name(task), municipality=task.municipality)
    if task.channel:
        body["channel"] = task.channel
    if task.own_task_id:
        body["own_task_id"] = task.own_task_id
    body["never_done"] = task.never_done
    return body


def due_soon_for_staff(user) -> list[dict] | None:
    """The point list's "due soon / overdue" for staff (their points), or None for others."""
    if not is_staff(user):
        return None
    as_of = today_in_sweden()
    tasks = tasks_for_user(user, as_of, within_days=DUE_SOON_DAYS)
    return [
        {"task": t, "name": task_name(t), "place": task_place(t), "state": task_state(t, as_of)}
        for t in tasks
    ]
