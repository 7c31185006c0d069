"""The yearly report as an A4 PDF (WeasyPrint): the page's figures, charts and plan."""

from __future__ import annotations

from flask import Response, render_template

from readiness.criteria.catalog import slug
from readiness.reports.services import YearlyReport


def report_pdf(context: dict, lang: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_template("pdf/yearly_report.html", lang=lang, **context)
    # Nothing to fetch (the charts are inline SVG): no protocol is allowed, nothing goes out.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def report_file_name(report: YearlyReport) -> str:
    return f"arsrapport-{slug(report.municipality)}-{report.year}.pdf"


def pdf_response(pdf: bytes, report: YearlyReport) -> Response:
    name = report_file_name(report)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store"},
    )
