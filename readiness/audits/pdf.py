"""An audit as a one-page A4 PDF for the point's owner to sign (WeasyPrint)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import render_template

from readiness.audits.models import Audit
from readiness.points.models import Point

if TYPE_CHECKING:  # criteria reads audits (AUDIT-RECENT); the catalog is passed in here
    from readiness.criteria.catalog import Catalog


def checklist_in_words(audit: Audit, catalog: Catalog, locale: str) -> list[dict]:
    """The stored checklist with each criterion's title (its id if the catalog dropped it)."""
    titles = {c.id: c.title[locale] for c in catalog.criteria}
    return [
        {**item, "title": titles.get(item["criterion"], item["criterion"])}
        for item in audit.checklist or []
    ]


def audit_pdf(point: Point, audit: Audit, catalog: Catalog, locale: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_template(
        "pdf/audit.html",
        point=point,
        audit=audit,
        checklist=checklist_in_words(audit, catalog, locale),
        lang=locale,
    )
    # Nothing to fetch: no protocol is allowed, so rendering never goes out.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
