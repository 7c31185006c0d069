"""The yearly report through the API (contract: the coordinator's year); coordinators only."""

from __future__ import annotations

from flask import g, jsonify
from flask_babel import get_locale

from readiness.api import bp
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.reports.pdf import pdf_response, report_pdf
from readiness.reports.services import report_json
from readiness.reports.web import report_context, report_for_request


@bp.get("/reports/yearly")
def yearly_report():
    ensure_role(g.actor, *COORDINATORS)
    return jsonify(report_json(report_for_request()))


@bp.get("/reports/yearly.pdf")
def yearly_report_pdf():
    ensure_role(g.actor, *COORDINATORS)
    report = report_for_request()
    return pdf_response(report_pdf(report_context(report), str(get_locale())), report)
