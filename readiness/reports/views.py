"""The yearly report page (coordinators only)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.extensions import db
from readiness.points import queries as points
from readiness.reports.pdf import pdf_response, report_pdf
from readiness.reports.services import report_year
from readiness.reports.web import report_context, report_for_request
from readiness.timeutil import today_in_sweden

bp = Blueprint("reports", __name__)


@bp.get("/reports/yearly")
def yearly():
    ensure_role(current_user, *COORDINATORS)
    municipalities = points.municipality_names(db.session)
    if not request.args.get("municipality") and municipalities:
        # From the menu: the first municipality's January report (being prepared from December).
        year = report_year(today_in_sweden())
        return redirect(url_for("reports.yearly", municipality=municipalities[0], year=year))
    return render_template(
        "reports/yearly.html",
        municipalities=points.municipality_names(db.session),
        **report_context(report_for_request()),
    )


@bp.get("/reports/yearly.pdf")
def yearly_pdf():
    ensure_role(current_user, *COORDINATORS)
    report = report_for_request()
    return pdf_response(report_pdf(report_context(report), str(get_locale())), report)
