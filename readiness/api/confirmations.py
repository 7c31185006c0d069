"""The "still correct?" queue through the API (contract: the coordinator's year)."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.apidoc import documented
from readiness.confirmations import services
from readiness.confirmations.schemas import ConfirmedSchema, DueConfirmationSchema
from readiness.confirmations.web import due_for_request
from readiness.criteria.list_args import MunicipalityArgsSchema, parse_list_args
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.points import queries as points
from readiness.timeutil import utcnow


@bp.post("/points/<int:point_id>/confirm")
@documented(
    _l("Confirm the point's data is still correct (its version stays)"),
    tag="confirmations",
    response=ConfirmedSchema,
    errors=(403,),
)
def confirm_point(point_id: int):
    point = points.get_point(db.session, point_id)
    at = utcnow()
    services.confirm(db.session, point, g.actor, at)
    record_after_write([point.id])  # CONFIRMED-RECENT may have moved
    db.session.commit()
    return jsonify({"point_id": point.id, "confirmed_at": at.isoformat()}), 200


@bp.get("/confirmations/due")
@documented(
    _l("The points whose data waits for a confirmation"),
    tag="confirmations",
    query=MunicipalityArgsSchema,
    response=DueConfirmationSchema,
    many=True,
)
def due_confirmations():
    municipality = parse_list_args(request.args).municipality
    return jsonify([services.due_json(row) for row in due_for_request(municipality=municipality)])
