"""The årshjul's pages: the year view, tasks recorded done, own tasks, the calendar feed."""

from __future__ import annotations

from contextlib import suppress
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from readiness.apidoc import ICALENDAR, documented
from readiness.auth.access import roles_required
from readiness.auth.permissions import ACCOUNT_ROLES, COORDINATORS, is_coordinator
from readiness.errors import Invalid, NotFound
from readiness.extensions import db
from readiness.i18n import display_date
from readiness.points import queries as points
from readiness.timeutil import today_in_sweden, utcnow
from readiness.yearwheel.ics import calendar_bytes
from readiness.yearwheel.rules import OWN_TASK, RECORDED_TASKS, own_task_key
from readiness.yearwheel.schemas import load_own_task, load_task_done
from readiness.yearwheel.services import (
    add_own_task,
    issue_feed,
    record_task_done,
    remove_own_task,
    revoke_feed,
    user_for_feed,
)
from readiness.yearwheel.text import task_name, task_place, task_state
from readiness.yearwheel.web import feed_url, task_args, tasks_for_user
from readiness.yearwheel.year import year_months

bp = Blueprint("yearwheel", __name__)


def _render_year(errors: dict | None = None, values: dict | None = None, status: int = 200):
    as_of, municipality, _within = task_args()
    tasks = tasks_for_user(current_user, as_of, municipality=municipality)
    recordable = [
        t for t in tasks if t.point_id is None and (t.task in RECORDED_TASKS or t.task == OWN_TASK)
    ]
    return render_template(
        "yearwheel/year.html",
        as_of=as_of,
        municipality=municipality,
        municipalities=points.municipality_names(db.session),
        months=year_months(tasks, as_of),
        overdue=[
            (task_name(t), task_place(t), t, task_state(t, as_of)) for t in tasks if t.overdue
        ],
        recordable=[
            (
                own_task_key(t.own_task_id) if t.own_task_id else t.task,
                task_name(t),
                t,
                task_state(t, as_of),
            )
            for t in recordable
        ],
        can_record=is_coordinator(current_user),
        errors=errors or {},
        values=values or {"municipality": municipality or ""},
    ), status


@bp.get("/arshjul")
def year():
    return _render_year()


@bp.post("/arshjul/done")
@roles_required(*COORDINATORS)
def record_done():
    form = request.form
    values = {
        "municipality": form.get("municipality", ""),
        "task": form.get("task", ""),
        "done_on": form.get("done_on") or None,
    }
    try:
        data = load_task_done(values)
        record_task_done(
            db.session, data["municipality"], data["task"], data["done_on"], current_user.email
        )
    except Invalid as error:
        db.session.rollback()
        return _render_year({f"done.{k}": v for k, v in error.errors.items()}, status=422)
    db.session.commit()
    flash(_("Recorded as done on %(date)s.", date=display_date(data["done_on"])))
    return redirect(url_for("yearwheel.year", municipality=data["municipality"]))


@bp.post("/arshjul/own-tasks")
@roles_required(*COORDINATORS)
def create_own_task():
    form = request.form
    values = {
        "municipality": form.get("municipality", ""),
        "title": form.get("title", ""),
        "every_months": form.get("every_months") or None,
        "first_due": form.get("first_due") or None,
    }
    try:
        data = load_own_task(values)
        add_own_task(db.session, **data)
    except Invalid as error:
        db.session.rollback()
        return _render_year(error.errors, values, status=422)
    db.session.commit()
    flash(_("The task %(title)s was added to the annual wheel.", title=data["title"]))
    return redirect(url_for("yearwheel.year", municipality=data["municipality"]))


@bp.post("/arshjul/own-tasks/<int:task_id>/delete")
@roles_required(*COORDINATORS)
def delete_own_task(task_id: int):
    task = remove_own_task(db.session, task_id)
    municipality = task.municipality.name
    db.session.commit()
    flash(_("The task %(title)s was taken off the annual wheel.", title=task.title))
    return redirect(url_for("yearwheel.year", municipality=municipality))


@bp.post("/account/calendar-feed")
@roles_required(*ACCOUNT_ROLES)
def create_feed():
    token = issue_feed(db.session, current_user)
    db.session.commit()
    # The URL is shown on this response only (never redirected through the session cookie).
    body = render_template("yearwheel/feed.html", url=feed_url(token))
    return body, 201, {"Cache-Control": "no-store"}


@bp.post("/account/calendar-feed/revoke")
@roles_required(*ACCOUNT_ROLES)
def revoke():
    # Already revoked (a second click) is the outcome the user asked for.
    with suppress(NotFound):
        revoke_feed(db.session, current_user)
    db.session.commit()
    flash(_("Your calendar feed was revoked: its address no longer works."))
    return redirect(url_for("auth.account", _anchor="calendar-feed"))


@bp.get("/calendar/<token>.ics")
@documented(
    _l("The årshjul as an iCalendar feed: the secret address is the key; 404 once revoked"),
    tag="feeds",
    media_type=ICALENDAR,
    public=True,
    html_errors=True,
)
def calendar_feed(token: str):
    """The subscribed calendar: no login, the secret token is the key; 404 once revoked."""
    user = user_for_feed(db.session, token)
    if user is None:
        raise NotFound()
    as_of = today_in_sweden()
    tasks = tasks_for_user(user, as_of)
    domain = urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname or "localhost"
    body = calendar_bytes(tasks, as_of, utcnow(), domain)
    return (
        body,
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": 'inline; filename="arshjul.ics"',
            "Cache-Control": "private, no-cache",
            "X-Robots-Tag": "noindex",
        },
    )
