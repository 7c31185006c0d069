"""The årshjul through the API: tasks due, and the caller's calendar feed URL."""

from __future__ import annotations

from flask import g, jsonify

from readiness.api import bp
from readiness.extensions import db
from readiness.yearwheel.services import issue_feed, revoke_feed
from readiness.yearwheel.web import feed_url, task_args, task_json, tasks_for_user


@bp.get("/tasks")
def list_tasks():
    as_of, municipality, within_days = task_args()
    tasks = tasks_for_user(g.actor, as_of, municipality=municipality, within_days=within_days)
    return jsonify([task_json(t) for t in tasks])


@bp.post("/me/calendar-feed")
def create_calendar_feed():
    token = issue_feed(db.session, g.actor)
    db.session.commit()
    return jsonify(url=feed_url(token)), 201


@bp.delete("/me/calendar-feed")
def delete_calendar_feed():
    revoke_feed(db.session, g.actor)
    db.session.commit()
    return "", 204
