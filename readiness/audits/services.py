"""Audit visits: record one, list a point's."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from readiness.audits.models import Audit
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.errors import Invalid, NotFound
from readiness.points.models import Point
from readiness.points.writes import apply_audit_facts

if TYPE_CHECKING:  # criteria reads audits (AUDIT-RECENT); the catalog is passed in here
    from readiness.criteria.catalog import Catalog
    from readiness.criteria.engine import Evaluation


def record_audit(
    session: Session,
    point: Point,
    actor,
    audited_on: date,
    notes: str | None = None,
    *,
    auditor: str | None = None,
    present: str | None = None,
    checklist: list[dict] | None = None,
    findings: str | None = None,
    catalog: Catalog | None = None,
    apply_facts: list[str] | None = None,
) -> Audit:
    """Record that `auditor` (in words; the account is `actor`) audited the point on a day,
    with the checklist of `catalog` as observed, and set the facts the visit confirmed on the
    point (one history entry of action "audit")."""
    ensure_role(actor, *COORDINATORS)
    checklist = checklist or []
    if checklist:
        _check_criteria(checklist, catalog)
    audit = Audit(
        point_id=point.id,
        audited_on=audited_on,
        user_id=actor.id,
        user_email=actor.email,
        auditor=auditor,
        notes=notes,
        present=present,
        checklist=checklist,
        findings=findings,
        criteria_version=catalog.version if catalog else None,
    )
    session.add(audit)
    session.flush()
    if apply_facts:
        apply_audit_facts(session, point, actor, audited_on, apply_facts)
    return audit


def _check_criteria(checklist: list[dict], catalog: Catalog | None) -> None:
    known = set(catalog.weight_of) if catalog else set()
    ids = [item["criterion"] for item in checklist]
    unknown = sorted({i for i in ids if i not in known})
    if unknown:
        message = _l("Not a criterion of the catalog in force: %(ids)s.", ids=", ".join(unknown))
        raise Invalid({"checklist": [str(message)]})
    if len(set(ids)) != len(ids):
        raise Invalid({"checklist": [str(_l("Each criterion may be listed once."))]})


def preselected_checklist(evaluation: Evaluation, catalog: Catalog, locale: str) -> list[dict]:
    """The audit form's checklist: each criterion of the catalog in order, preselected with the
    point's current result (ok when it passes, gap when not, na when not applicable)."""
    gaps = set(evaluation.failed)
    not_applicable = set(evaluation.not_applicable)
    return [
        {
            "criterion": c.id,
            "title": c.title[locale],
            "observed": "gap" if c.id in gaps else "na" if c.id in not_applicable else "ok",
            "comment": "",
        }
        for c in catalog.criteria
    ]


def observed_gaps(audit: Audit, catalog: Catalog, locale: str) -> list[dict]:
    """The checklist items the auditor saw as gaps, in words: what an action can answer.
    A criterion no longer in the catalog keeps its id as its title."""
    titles = {c.id: c.title[locale] for c in catalog.criteria}
    return [
        {
            "criterion": item["criterion"],
            "title": titles.get(item["criterion"], item["criterion"]),
            "comment": item.get("comment") or "",
        }
        for item in audit.checklist or []
        if item.get("observed") == "gap"
    ]


def get_audit(session: Session, point_id: int, audit_id: int) -> Audit:
    audit = session.get(Audit, audit_id)
    if audit is None or audit.point_id != point_id:
        raise NotFound({"_request": [str(_l("No audit with id %(id)s.", id=audit_id))]})
    return audit


def point_audits(session: Session, point_id: int, limit: int | None = None) -> list[Audit]:
    """The point's audits, newest visit first (recorded later first on the same day)."""
    statement = (
        select(Audit)
        .where(Audit.point_id == point_id)
        .order_by(Audit.audited_on.desc(), Audit.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))
