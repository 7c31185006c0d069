"""Audit visits through the API: auditors and admins record them; everyone may list them."""

from __future__ import annotations

from flask import current_app, g, jsonify
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import documented
from readiness.audits import services
from readiness.audits.schemas import AuditRecordSchema, AuditSchema, audit_json, load_audit
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.criteria.catalog import catalog_for
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.points import queries as points


@bp.post("/points/<int:point_id>/audits")
@documented(
    _l("Record an audit visit (coordinators); apply_facts also dates the facts it confirmed"),
    tag="audits",
    body=AuditSchema,
    response=AuditRecordSchema,
    status=201,
    errors=(403,),
)
def record_audit(point_id: int):
    # Role first: staff get 403 whatever they send, and learn nothing from validation.
    ensure_role(g.actor, *COORDINATORS)
    point = points.get_point(db.session, point_id)
    data = load_audit(json_body())
    audit = services.record_audit(
        db.session,
        point,
        g.actor,
        data["audited_on"],
        data["notes"],
        auditor=data["auditor"],
        present=data["present"],
        checklist=data["checklist"],
        findings=data["findings"],
        catalog=catalog_for(point.municipality.name, current_app.config["CRITERIA_OVERRIDES"]),
        apply_facts=data["apply_facts"],
    )
    record_after_write([point.id])  # AUDIT-RECENT and the applied facts' criteria may have moved
    db.session.commit()
    return jsonify(audit_json(audit)), 201


@bp.get("/points/<int:point_id>/audits")
@documented(
    _l("A point's audit visits, newest first"),
    tag="audits",
    response=AuditRecordSchema,
    many=True,
)
def list_audits(point_id: int):
    point = points.get_point(db.session, point_id)
    return jsonify([audit_json(a) for a in services.point_audits(db.session, point.id)])
