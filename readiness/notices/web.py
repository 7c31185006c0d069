"""Notice PDFs as responses, for the register's buttons and the API alike (request-bound: the
language comes from `?lang=`, the link base from the app's config). Neither writes."""

from __future__ import annotations

from flask import Response, current_app, request

from readiness.extensions import db
from readiness.notices.printing import checked_language, pdf_response, print_notices
from readiness.points import queries as points

# File names in the sheet's language: a Swedish sheet is an anslag, an English one a notice.
SHEET_FILE = {"sv": "anslag-{code}.pdf", "en": "notice-{code}.pdf"}
BATCH_FILE = {"sv": "anslag.pdf", "en": "notices.pdf"}


def _language() -> str:
    return checked_language(request.args.get("lang"))


def point_notice_response(point_id: int) -> Response:
    """One point's sheet (404 for an unknown or archived point)."""
    point = points.get_point(db.session, point_id)
    pdf = print_notices(
        db.session,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        codes=[point.code],
    )
    return pdf_response(pdf, SHEET_FILE[_language()].format(code=point.code))


def batch_notices_response(municipality: str | None, area: str | None) -> Response:
    """One PDF with a sheet per point of the municipality (and area), in name order."""
    pdf = print_notices(
        db.session,
        current_app.config["PUBLIC_BASE_URL"],
        request.args.get("lang"),
        municipality=municipality,
        area=area,
    )
    return pdf_response(pdf, BATCH_FILE[_language()])
