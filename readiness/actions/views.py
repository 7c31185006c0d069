"""Action plan pages: the list per municipality and per point, the CSV export, the form."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from readiness import timeutil
from readiness.actions import services
from readiness.actions.export import actions_csv
from readiness.actions.schemas import load_action, load_action_patch, parse_action_filters
from readiness.actions.web import action_rows, form_choices, met_now
from readiness.auth.access import roles_required
from readiness.auth.permissions import (
    COORDINATORS,
    can_change_action_status,
    can_edit_action,
    is_coordinator,
)
from readiness.errors import Conflict, Forbidden, Invalid
from readiness.extensions import db
from readiness.labels import labels_for
from readiness.points import queries as points
from readiness.validation import parse_whole_number

bp = Blueprint("actions", __name__)

FIELD_LABELS = {
    "title": _l("What is to be done"),
    "description": _l("Why, and how"),
    "point_id": _l("Point"),
    "municipality": _l("Municipality"),
    "criterion": _l("Criterion"),
    "audit_id": _l("Audit"),
    "responsible": _l("Responsible (name or organisation)"),
    "responsible_user_id": _l("Responsible account"),
    "deadline": _l("Deadline"),
    "financing.source": _l("Financing source"),
    "financing.amount_sek": _l("Amount (SEK)"),
    "financing.approved": _l("Financing approved"),
    "status": _l("Status"),
}


def _list_page(point=None):
    filters = parse_action_filters(request.args, point_id=point.id if point else None)
    actions, total = services.list_actions(db.session, filters, timeutil.today_in_sweden())
    return render_template(
        "actions/list.html",
        point=point,
        rows=action_rows(actions),
        total=total,
        filters=filters,
        pages=max(1, -(-total // filters.per_page)),
        municipality_options=[(m, m) for m in points.municipality_names(db.session)],
        status_options=labels_for("action_status"),
        criterion_options=form_choices()["criterion_options"],
        can_create=is_coordinator(current_user),
    )


@bp.get("/actions")
def index():
    return _list_page()


@bp.get("/points/<int:point_id>/actions")
def point_actions(point_id: int):
    return _list_page(points.get_point(db.session, point_id))


@bp.get("/actions.csv")
def export_csv():
    filters = parse_action_filters(request.args)
    today = timeutil.today_in_sweden()
    actions = services.all_actions(db.session, filters, today)
    name = _("action-plan") + (f"-{filters.municipality}" if filters.municipality else "")
    return Response(
        actions_csv(actions, today, met_now(actions)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}.csv",
            "Cache-Control": "no-store",
        },
    )


def _blank(value: str | None):
    value = (value or "").strip()
    return value or None


def _form_input(form, *, status_only: bool = False) -> dict:
    """The form as schema input: blank optional fields are missing (None), not malformed."""
    if status_only:
        return {"status": form.get("status", "")}
    return {
        "title": form.get("title", ""),
        "description": form.get("description", ""),
        "point_id": _blank(form.get("point_id")),
        "municipality": _blank(form.get("municipality")),
        "criterion": _blank(form.get("criterion")),
        "audit_id": _blank(form.get("audit_id")),
        "responsible": form.get("responsible", ""),
        "responsible_user_id": _blank(form.get("responsible_user_id")),
        "deadline": _blank(form.get("deadline")),
        "financing": {
            "source": form.get("financing.source", ""),
            "amount_sek": _blank(form.get("financing.amount_sek")),
            "approved": form.get("financing.approved") == "yes",
        },
        "status": form.get("status", "planned"),
    }


def _display(values: dict) -> dict:
    """Schema-shaped values as the form's flat field values."""
    financing = values.get("financing") or {}
    flat = {k: v for k, v in values.items() if k != "financing"}
    flat["financing.source"] = financing.get("source")
    flat["financing.amount_sek"] = financing.get("amount_sek")
    flat["financing.approved"] = bool(financing.get("approved"))
    for key in ("point_id", "responsible_user_id", "audit_id"):
        flat[key] = None if flat.get(key) is None else str(flat[key])
    if flat.get("deadline") is not None:
        flat["deadline"] = str(flat["deadline"])
    return flat


def _render_form(
    values: dict, errors: dict, *, action=None, status_only=False, status=200, version=None
):
    return render_template(
        "actions/form.html",
        action=action,
        version=version if version is not None else (action.version if action else None),
        values=_display(values),
        errors=errors,
        labels={k: str(v) for k, v in FIELD_LABELS.items()},
        status_options=labels_for("action_status"),
        status_only=status_only,
        history=action.status_changes if action else [],
        audit=services.audit_answered(
            db.session, action.audit_id if action else values.get("audit_id")
        ),
        **({} if status_only else form_choices()),
    ), status


@bp.route("/actions/new", methods=["GET", "POST"])
@roles_required(*COORDINATORS)
def new():
    if request.method == "GET":
        # "Make it an action" from a point's gap prefills the point, criterion and title.
        point_id = parse_whole_number(request.args.get("point_id"), minimum=1)
        values = {
            "title": (request.args.get("title") or "")[:200],
            "description": (request.args.get("description") or "")[:2000],
            "point_id": point_id,
            "audit_id": parse_whole_number(request.args.get("audit_id"), minimum=1),
            "criterion": request.args.get("criterion"),
            "municipality": request.args.get("municipality"),
            "status": "planned",
            "financing": {},
        }
        return _render_form(values, {})
    values = _form_input(request.form)
    try:
        data = load_action(values)
        action = services.create_action(db.session, data, current_user, timeutil.utcnow())
    except Invalid as error:
        db.session.rollback()
        return _render_form(values, error.errors, status=422)
    db.session.commit()
    flash(_("Action “%(title)s” saved.", title=action.title))
    return redirect(_back_to(action))


def _back_to(action) -> str:
    if action.point_id:
        return url_for("actions.point_actions", point_id=action.point_id)
    return url_for("actions.index", municipality=action.municipality.name)


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
def edit(action_id: int):
    action = services.get_action(db.session, action_id)
    if not can_change_action_status(current_user, action):
        raise Forbidden({"_request": [_("Your role does not allow this.")]})
    status_only = not can_edit_action(current_user)
    if request.method == "GET":
        return _render_form(
            services.current_values(action), {}, action=action, status_only=status_only
        )
    values = _form_input(request.form, status_only=status_only)
    values.pop("audit_id", None)  # set when the action is made, never changed
    try:
        data = load_action_patch({**values, "version": request.form.get("version")})
        services.update_action(db.session, action, data, current_user, timeutil.utcnow())
    except (Invalid, Conflict) as error:
        db.session.rollback()
        code = 409 if isinstance(error, Conflict) else 422
        action = services.get_action(db.session, action_id)
        if status_only:
            values = {**services.current_values(action), **values}
        # After a conflict the form carries the current version: saving again applies these.
        version = None if code == 409 else request.form.get("version")
        return _render_form(
            values,
            error.errors,
            action=action,
            status_only=status_only,
            status=code,
            version=version,
        )
    db.session.commit()
    flash(_("Action “%(title)s” saved.", title=action.title))
    return redirect(_back_to(action))
