"""Register pages: list, point page, create/edit forms, archive and restore."""

from __future__ import annotations

from babel.numbers import get_decimal_symbol
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from readiness.audits.web import point_audit_section
from readiness.auth.access import roles_required
from readiness.auth.permissions import (
    COORDINATORS,
    can_edit_point,
    ensure_can_edit_point,
    is_coordinator,
    is_staff,
    own_point_ids,
)
from readiness.confirmations.web import due_for_staff
from readiness.crisis.web import point_crisis_section
from readiness.criteria.catalog import catalog_for
from readiness.criteria.list_args import parse_list_args, point_filters
from readiness.criteria.services import (
    assess,
    last_level_change,
    point_readiness_view,
)
from readiness.criteria.web import readiness_for_request, record_after_write
from readiness.errors import Conflict, Invalid
from readiness.extensions import db
from readiness.jobs.kinds import notice_sheet_count
from readiness.notices.services import notice_statuses, posting_history
from readiness.notices.status import NEVER, STALE
from readiness.points import queries, writes
from readiness.points.forms import (
    display_values,
    error_labels,
    flatten_values,
    form_errors,
    form_to_input,
    row_count,
)
from readiness.points.power import runtime_hours
from readiness.points.queries import SORTS
from readiness.points.roles import role_coverage
from readiness.timeutil import today_in_sweden, utcnow
from readiness.validation import parse_whole_number
from readiness.yearwheel.web import due_soon_for_staff

bp = Blueprint("points", __name__)


def _render_list(template: str, archived: bool):
    args = parse_list_args(request.args, tuple(SORTS))
    overrides = current_app.config["CRITERIA_OVERRIDES"]
    only_ids = None if archived else own_point_ids(current_user, args.mine)
    filters = point_filters(
        db.session, args, today_in_sweden(), overrides, archived=archived, only_ids=only_ids
    )
    level = None if archived else args.level
    notice_filter = request.args.get("notice") == "outdated" and not archived
    if notice_filter:
        outdated = [i for i, s in notice_statuses(db.session).items() if s in (STALE, NEVER)]
        filters.ids = outdated if filters.ids is None else sorted(set(filters.ids) & set(outdated))
    points, total = queries.list_points(db.session, filters)
    levels = {}
    if points and not archived:
        levels = {
            a.facts.id: a.evaluation
            for a in assess(
                db.session, today_in_sweden(), overrides, point_ids=[p.id for p in points]
            )
        }
    return render_template(
        template,
        points=points,
        total=total,
        filters=filters,
        pages=max(1, -(-total // filters.per_page)),
        municipalities=queries.municipality_names(db.session),
        areas=queries.area_names(db.session, filters.municipality),
        editable={p.id for p in points if can_edit_point(current_user, p)},
        levels=levels,
        notices=notice_statuses(db.session, [p.id for p in points]) if points else {},
        notice_filter=notice_filter,
        level=level,
        # The *My points* switch, for staff: on, off, or None where it is not offered.
        mine=(only_ids is not None) if is_staff(current_user) and not archived else None,
        due_tasks=None if archived else due_soon_for_staff(current_user),
        due_confirmations=None if archived else due_for_staff(),
        # Above the threshold the batch button starts a background job instead.
        batch_sheets=notice_sheet_count(db.session, filters.municipality, filters.area)
        if filters.municipality and not archived
        else 0,
        batch_threshold=current_app.config["NOTICE_JOB_THRESHOLD"],
    )


@bp.get("/")
def home():
    return redirect(url_for("points.index"))


@bp.get("/points")
def index():
    return _render_list("points/list.html", archived=False)


@bp.get("/points/archived")
@roles_required(*COORDINATORS)
def archived():
    return _render_list("points/archived.html", archived=True)


@bp.get("/points/<int:point_id>")
def show(point_id: int):
    point = queries.get_point(db.session, point_id)
    power = point.power
    _as_of, [assessed] = readiness_for_request(point_ids=[point.id])
    # The role list judges roles as ROLE-FILLED and ROLE-DEPUTY do, local overrides included.
    catalog = catalog_for(point.municipality.name, current_app.config["CRITERIA_OVERRIDES"])
    filled, deputy = catalog.get("ROLE-FILLED").params, catalog.get("ROLE-DEPUTY").params
    return render_template(
        "points/show.html",
        point=point,
        readiness=point_readiness_view(
            assessed, str(get_locale()), current_app.config["BABEL_DEFAULT_LOCALE"]
        ),
        level_since=last_level_change(db.session, point.id),
        notice=notice_statuses(db.session, [point.id]).get(point.id),
        postings=posting_history(db.session, point.id),
        runtime=runtime_hours(power.tank_litres, power.consumption_lph) if power else None,
        roles=role_coverage(
            point.contacts, filled["roles"], deputy["roles"], deputy["min_holders"]
        ),
        can_edit=can_edit_point(current_user, point),
        can_archive=is_coordinator(current_user),
        last_change=queries.last_change(db.session, point.id),
        **point_audit_section(point),
        **point_crisis_section(point, utcnow()),
    )


@bp.get("/points/<int:point_id>/history")
def history(point_id: int):
    point = queries.point_for_history(db.session, point_id, current_user)
    return render_template(
        "points/history.html", point=point, changes=queries.point_history(db.session, point)
    )


def _render_form(
    point, values: dict, errors: dict | None = None, *, version=None, conflict=None, status=200
):
    action = request.form.get("action")
    errors = form_errors(errors or {})
    # "Add another" buttons submit the form and get one more blank row (works without JS).
    contact_rows = row_count(values, "contacts", request.form if action == "add_contact" else None)
    channel_rows = row_count(values, "channels", request.form if action == "add_channel" else None)
    new_row = {
        "add_contact": f"contacts.{contact_rows - 1}",
        "add_channel": f"channels.{channel_rows - 1}",
    }.get(action)
    return render_template(
        "points/form.html",
        point=point,
        values=display_values(flatten_values(values), get_decimal_symbol(get_locale())),
        errors=errors,
        error_labels=error_labels(errors),
        version=version,
        conflict=conflict,
        contact_rows=contact_rows,
        channel_rows=channel_rows,
        new_row=new_row,  # the row just added: focused, with a note that nothing is saved yet
        unsaved=request.method == "POST",
        municipalities=queries.municipality_names(db.session),
    ), status


@bp.route("/points/new", methods=["GET", "POST"])
@roles_required(*COORDINATORS)
def new():
    if request.method == "GET":
        return _render_form(None, {"municipality": request.args.get("municipality")})
    data = form_to_input(request.form)
    if request.form.get("action", "save") != "save":
        return _render_form(None, data)
    try:
        point = writes.create_point(db.session, data, current_user)
    except Invalid as error:
        db.session.rollback()
        return _render_form(None, data, error.errors, status=422)
    record_after_write([point.id])
    db.session.commit()
    flash(_("The point %(name)s was created.", name=point.name))
    return redirect(url_for("points.show", point_id=point.id))


@bp.route("/points/<int:point_id>/edit", methods=["GET", "POST"])
def edit(point_id: int):
    point = queries.get_point(db.session, point_id)
    ensure_can_edit_point(current_user, point)
    if request.method == "GET":
        return _render_form(point, queries.editable_document(point), version=point.version)
    data = form_to_input(request.form)
    version = request.form.get("version")
    if request.form.get("action", "save") != "save":
        return _render_form(point, data, version=version)
    try:
        writes.update_point(db.session, point, {**data, "version": version}, current_user)
    except Invalid as error:
        db.session.rollback()
        return _render_form(point, data, error.errors, version=version, status=422)
    except Conflict as error:
        db.session.rollback()
        point = queries.get_point(db.session, point_id)
        their_changes = queries.changes_since(db.session, point, parse_whole_number(version) or 0)
        # Keep what this user typed; the new version lets them save it over the other change.
        return _render_form(
            point, data, error.errors, version=point.version, conflict=their_changes, status=409
        )
    record_after_write([point.id])
    db.session.commit()
    flash(_("Your changes to %(name)s were saved.", name=point.name))
    return redirect(url_for("points.show", point_id=point.id))


@bp.post("/points/<int:point_id>/archive")
@roles_required(*COORDINATORS)
def archive(point_id: int):
    point = queries.get_point(db.session, point_id)
    writes.archive_point(db.session, point, current_user)
    db.session.commit()
    flash(_("%(name)s was archived. It can be restored from the archive.", name=point.name))
    return redirect(url_for("points.index"))


@bp.post("/points/<int:point_id>/restore")
@roles_required(*COORDINATORS)
def restore(point_id: int):
    point = queries.get_point(db.session, point_id, include_archived=True)
    writes.restore_point(db.session, point, current_user)
    record_after_write([point.id])
    db.session.commit()
    flash(_("%(name)s was restored.", name=point.name))
    return redirect(url_for("points.show", point_id=point.id))
