"""Area pages: the areas of each municipality, an area's crisis staff, its form and history."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from readiness.areas import queries, writes
from readiness.areas.forms import (
    display_values,
    error_labels,
    form_errors,
    form_to_input,
    row_count,
)
from readiness.areas.roles import area_role_coverage
from readiness.auth.access import roles_required
from readiness.auth.permissions import COORDINATORS, is_coordinator
from readiness.criteria.catalog import catalog_for
from readiness.criteria.web import record_after_write
from readiness.errors import Conflict, Invalid
from readiness.extensions import db
from readiness.points.models import Area
from readiness.points.queries import municipality_names
from readiness.validation import parse_whole_number

bp = Blueprint("areas", __name__)


def _coverage(area: Area, staff: list) -> list:
    """The area roles as AREA-STAFF judges them, with the municipality's own parameters."""
    catalog = catalog_for(area.municipality.name, current_app.config["CRITERIA_OVERRIDES"])
    params = catalog.get("AREA-STAFF").params
    return area_role_coverage(staff, params["roles"], params["min_coordinators"])


@bp.get("/areas")
def index():
    municipality = (request.args.get("municipality") or "").strip()[:100] or None
    areas = queries.area_list(db.session, municipality)
    rows = [(item, _coverage(item.area, item.staff)) for item in areas]
    by_municipality: dict[str, list] = {}
    for item, coverage in rows:
        by_municipality.setdefault(item.area.municipality.name, []).append((item, coverage))
    return render_template(
        "areas/list.html",
        by_municipality=by_municipality,
        municipality=municipality,
        municipalities=municipality_names(db.session),
    )


@bp.get("/areas/<int:area_id>")
def show(area_id: int):
    area = queries.get_area(db.session, area_id)
    staff = queries.area_staff(db.session, area.id)
    return render_template(
        "areas/show.html",
        area=area,
        staff=staff,
        roles=_coverage(area, staff),
        points=queries.area_points(db.session, area.id),
        last_change=queries.last_change(db.session, area.id),
        can_edit=is_coordinator(current_user),
    )


@bp.get("/areas/<int:area_id>/history")
def history(area_id: int):
    area = queries.get_area(db.session, area_id)
    return render_template(
        "areas/history.html",
        area=area,
        changes=queries.area_history(db.session, area.id),
        can_edit=is_coordinator(current_user),
    )


def _render_form(area: Area, values: dict, errors=None, *, version, conflict=None, status=200):
    action = request.form.get("action")
    errors = form_errors(errors or {})
    rows = row_count(values, request.form if action == "add_person" else None)
    return render_template(
        "areas/form.html",
        area=area,
        values=display_values(values),
        errors=errors,
        error_labels=error_labels(errors),
        version=version,
        conflict=conflict,
        rows=rows,
        # The row just added: focused, with a note that nothing is saved yet.
        new_row=f"staff.{rows - 1}" if action == "add_person" else None,
        unsaved=request.method == "POST",
    ), status


@bp.route("/areas/<int:area_id>/edit", methods=["GET", "POST"])
@roles_required(*COORDINATORS)
def edit(area_id: int):
    area = queries.get_area(db.session, area_id)
    if request.method == "GET":
        staff = queries.area_staff(db.session, area.id)
        document = queries.staff_document(area, staff)
        return _render_form(area, document, version=area.staff_version)
    data = form_to_input(request.form)
    version = request.form.get("version")
    if request.form.get("action", "save") != "save":
        return _render_form(area, data, version=version)
    try:
        change = writes.update_staff(db.session, area, {**data, "version": version}, current_user)
    except Invalid as error:
        db.session.rollback()
        return _render_form(area, data, error.errors, version=version, status=422)
    except Conflict as error:
        db.session.rollback()
        area = queries.get_area(db.session, area_id)
        theirs = queries.changes_since(db.session, area.id, parse_whole_number(version) or 0)
        # Keep what this user typed; the new version lets them save it over the other change.
        return _render_form(
            area, data, error.errors, version=area.staff_version, conflict=theirs, status=409
        )
    if change is None:
        flash(_("Nothing was changed."))
        return redirect(url_for("areas.show", area_id=area.id))
    # AREA-STAFF of every point in the area may have moved: keep the trend log current.
    point_ids = [point.id for point in queries.area_points(db.session, area.id)]
    if point_ids:
        record_after_write(point_ids)
    db.session.commit()
    flash(_("The crisis staff of %(area)s was saved.", area=area.name))
    return redirect(url_for("areas.show", area_id=area.id))
