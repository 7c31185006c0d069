"""The point page's audit section and the audit form's checklist, for the views (request-bound:
the user's e-mail, role, language and the local criteria come from the request). Reads only."""

from __future__ import annotations

from flask import current_app
from flask_babel import get_locale
from flask_login import current_user

from readiness.audits import services
from readiness.auth.permissions import is_coordinator
from readiness.criteria.catalog import Catalog, catalog_for
from readiness.criteria.web import readiness_for_request
from readiness.extensions import db
from readiness.points.models import Point
from readiness.timeutil import today_in_sweden

# The point page shows the latest few; the API lists them all.
RECENT_AUDITS = 5


def blank_audit_form() -> dict:
    return {
        "date": today_in_sweden().isoformat(),
        "auditor": current_user.email,
        "notes": "",
        "present": "",
        "findings": "",
        "apply_facts": [],
    }


def catalog_of(point: Point) -> Catalog:
    """The criteria catalog in force for the point's municipality."""
    return catalog_for(point.municipality.name, current_app.config["CRITERIA_OVERRIDES"])


def checklist_for_form(point: Point, submitted: list[dict] | None = None) -> list[dict]:
    """Every criterion in words, preselected with the point's current result, or with what
    the auditor chose when the form comes back with errors."""
    _as_of, [assessed] = readiness_for_request(point_ids=[point.id])
    rows = services.preselected_checklist(assessed.evaluation, assessed.catalog, str(get_locale()))
    if submitted is not None:
        chosen = {item["criterion"]: item for item in submitted}
        for row in rows:
            item = chosen.get(row["criterion"])
            if item:
                row["observed"], row["comment"] = item["observed"], item["comment"] or ""
    return rows


def point_audit_section(point: Point) -> dict:
    """What the point page's audit section needs: recent audits with the gaps seen (which a
    coordinator can make actions of) and, for coordinators, a form."""
    audits = services.point_audits(db.session, point.id, limit=RECENT_AUDITS)
    catalog, locale = catalog_of(point), str(get_locale())
    return {
        "audits": audits,
        "audit_gaps": {a.id: services.observed_gaps(a, catalog, locale) for a in audits},
        "can_audit": is_coordinator(current_user),
        "audit_values": blank_audit_form(),
        "audit_errors": {},
    }
