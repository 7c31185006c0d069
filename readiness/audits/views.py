"""The audit form of the register: coordinators record a visit from the point page, with the
checklist of the criteria in force; everyone signed in prints an audit for the owner to sign."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from readiness.audits import services
from readiness.audits.pdf import audit_pdf
from readiness.audits.schemas import OBSERVATIONS, load_audit
from readiness.audits.web import blank_audit_form, catalog_of, checklist_for_form
from readiness.auth.access import roles_required
from readiness.auth.permissions import COORDINATORS
from readiness.criteria.web import record_after_write
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.i18n import display_date
from readiness.points import queries as points
from readiness.points.models import Point
from readiness.points.writes import AUDIT_FACTS

bp = Blueprint("audits", __name__)


def _form_input(form, criteria: list[str]) -> dict:
    # A blank date field is a missing date ("required"), not a malformed one. The checklist
    # holds the criteria the form showed (the short form on the point page shows none).
    return {
        "date": form.get("date") or None,
        "auditor": form.get("auditor", ""),
        "notes": form.get("notes", ""),
        "present": form.get("present", ""),
        "findings": form.get("findings", ""),
        "checklist": [
            {
                "criterion": criterion,
                "observed": form.get(f"observed-{criterion}"),
                "comment": form.get(f"comment-{criterion}", ""),
            }
            for criterion in criteria
            if f"observed-{criterion}" in form
        ],
        "apply_facts": [f for f in form.getlist("apply_facts") if f in AUDIT_FACTS],
    }


def _render_form(point: Point, values: dict, errors: dict, checklist: list[dict], status=200):
    return render_template(
        "audits/form.html",
        point=point,
        audit_values=values,
        audit_errors=errors,
        checklist=checklist,
        observations=OBSERVATIONS,
    ), status


@bp.route("/points/<int:point_id>/audits", methods=["GET", "POST"])
@roles_required(*COORDINATORS)
def record(point_id: int):
    point = points.get_point(db.session, point_id)
    catalog = catalog_of(point)
    if request.method == "GET":
        return _render_form(point, blank_audit_form(), {}, checklist_for_form(point))
    values = _form_input(request.form, [c.id for c in catalog.criteria])
    try:
        data = load_audit(values)
        services.record_audit(
            db.session,
            point,
            current_user,
            data["audited_on"],
            data["notes"],
            auditor=data["auditor"],
            present=data["present"],
            checklist=data["checklist"],
            findings=data["findings"],
            catalog=catalog,
            apply_facts=data["apply_facts"],
        )
    except Invalid as error:  # raised before anything is written
        return _render_form(
            point, values, error.errors, checklist_for_form(point, values["checklist"]), 422
        )
    record_after_write([point.id])
    db.session.commit()
    flash(
        _(
            "Audit of %(name)s on %(date)s recorded.",
            name=point.name,
            date=display_date(data["audited_on"]),
        )
    )
    return redirect(url_for("points.show", point_id=point.id, _anchor="audits"))


@bp.get("/points/<int:point_id>/audits/<int:audit_id>.pdf")
def audit_sheet(point_id: int, audit_id: int):
    point = points.get_point(db.session, point_id)
    audit = services.get_audit(db.session, point.id, audit_id)
    pdf = audit_pdf(point, audit, catalog_of(point), str(get_locale()))
    name = f"revision-{point.code}-{audit.audited_on.isoformat()}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store"},
    )
