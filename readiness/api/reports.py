"""The yearly report through the API (contract: the coordinator's year); coordinators only."""

from __future__ import annotations

from flask import g, jsonify
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.apidoc import PDF, documented
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.reports.pdf import pdf_response, report_pdf
from readiness.reports.schemas import ReportArgsSchema, YearlyReportSchema
from readiness.reports.services import report_json
from readiness.reports.web import report_context, report_for_request


@bp.get("/reports/yearly")
@documented(
    _l("A municipality's year in figures, with the year before (coordinators)"),
    tag="reports",
    description=_l("year: from 2001 to the current year; municipality: one in the register."),
    query=ReportArgsSchema,
    response=YearlyReportSchema,
    errors=(403,),
)
def yearly_report():
    ensure_role(g.actor, *COORDINATORS)
    return jsonify(report_json(report_for_request()))


@bp.get("/reports/yearly.pdf")
@documented(
    _l("The yearly report as PDF (coordinators)"),
    tag="reports",
    query=ReportArgsSchema,
    media_type=PDF,
    headers=("Content-Disposition",),
    errors=(403,),
)
def yearly_report_pdf():
    ensure_role(g.actor, *COORDINATORS)
    report = report_for_request()
    return pdf_response(report_pdf(report_context(report), str(get_locale())), report)
