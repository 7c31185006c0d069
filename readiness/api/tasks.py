"""The årshjul through the API: tasks due, and the caller's calendar feed URL."""

from __future__ import annotations

from flask import g, jsonify, url_for
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import documented
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.extensions import db
from readiness.yearwheel.rules import own_task_key
from readiness.yearwheel.schemas import (
    CalendarFeedSchema,
    OwnTaskRecordSchema,
    OwnTaskSchema,
    TaskArgsSchema,
    TaskDoneRecordSchema,
    TaskDoneSchema,
    TaskSchema,
    load_own_task,
    load_task_done,
)
from readiness.yearwheel.services import (
    add_own_task,
    issue_feed,
    record_task_done,
    remove_own_task,
    revoke_feed,
)
from readiness.yearwheel.web import feed_url, task_args, task_json, tasks_for_user


@bp.get("/tasks")
@documented(
    _l("The årshjul's tasks: coordinators every task in scope, staff their points' tasks"),
    tag="tasks",
    query=TaskArgsSchema,
    response=TaskSchema,
    many=True,
)
def list_tasks():
    as_of, municipality, within_days = task_args()
    tasks = tasks_for_user(g.actor, as_of, municipality=municipality, within_days=within_days)
    return jsonify([task_json(t) for t in tasks])


@bp.post("/tasks/done")
@documented(
    _l("Record a task done that the register cannot see happen (coordinators)"),
    tag="tasks",
    description=_l("task: serviceforum, yearly_report or own_task:<id>, in a known municipality."),
    body=TaskDoneSchema,
    response=TaskDoneRecordSchema,
    status=201,
    errors=(403,),
)
def record_done():
    """A task the register cannot see happen (`serviceforum`, `yearly_report`, an own task
    `own_task:<id>`) recorded done: it leaves the due list until its next time."""
    ensure_role(g.actor, *COORDINATORS)
    data = load_task_done(json_body())
    done = record_task_done(
        db.session, data["municipality"], data["task"], data["done_on"], g.actor.email
    )
    db.session.commit()
    return jsonify(
        municipality=data["municipality"], task=done.task, done_on=done.done_on.isoformat()
    ), 201


@bp.post("/tasks/own")
@documented(
    _l("Add a municipality's own recurring task (coordinators)"),
    tag="tasks",
    body=OwnTaskSchema,
    response=OwnTaskRecordSchema,
    status=201,
    headers=("Location",),
    errors=(403,),
)
def create_own_task():
    ensure_role(g.actor, *COORDINATORS)
    data = load_own_task(json_body())
    task = add_own_task(db.session, **data)
    db.session.commit()
    body = {
        "id": task.id,
        "task": own_task_key(task.id),
        "municipality": data["municipality"],
        "title": task.title,
        "every_months": task.every_months,
        "first_due": task.first_due.isoformat(),
    }
    return jsonify(body), 201, {"Location": url_for("api.list_tasks")}


@bp.delete("/tasks/own/<int:task_id>")
@documented(_l("Remove an own task (coordinators)"), tag="tasks", status=204, errors=(403,))
def delete_own_task(task_id: int):
    ensure_role(g.actor, *COORDINATORS)
    remove_own_task(db.session, task_id)
    db.session.commit()
    return "", 204


@bp.post("/me/calendar-feed")
@documented(
    _l("A new secret calendar feed address for your tasks (replaces the old one)"),
    tag="tasks",
    response=CalendarFeedSchema,
    status=201,
)
def create_calendar_feed():
    token = issue_feed(db.session, g.actor)
    db.session.commit()
    return jsonify(url=feed_url(token)), 201


@bp.delete("/me/calendar-feed")
@documented(
    _l("Revoke your calendar feed; 404 when you have none"),
    tag="tasks",
    status=204,
    errors=(404,),
)
def delete_calendar_feed():
    revoke_feed(db.session, g.actor)
    db.session.commit()
    return "", 204
