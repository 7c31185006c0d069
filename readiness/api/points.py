"""JSON API for points, exactly as contract.md describes."""

from __future__ import annotations

from flask import current_app, g, jsonify, request, url_for

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.criteria.list_args import parse_list_args, point_filters
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.points import queries, writes
from readiness.points.history import change_json
from readiness.points.queries import PointFilters
from readiness.timeutil import today_in_sweden


def point_filters_from_args() -> PointFilters:
    return point_filters(
        db.session,
        parse_list_args(request.args),
        today_in_sweden(),
        current_app.config["CRITERIA_OVERRIDES"],
    )


@bp.get("/points")
def list_points():
    filters = point_filters_from_args()
    points, total = queries.list_points(db.session, filters)
    return jsonify(
        items=[queries.point_document(p) for p in points],
        page=filters.page,
        per_page=filters.per_page,
        total=total,
    )


@bp.post("/points")
def create_point():
    point = writes.create_point(db.session, json_body(), g.actor)
    record_after_write([point.id])
    db.session.commit()
    response = jsonify(queries.point_document(point))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_point", point_id=point.id)
    return response


@bp.get("/points/<int:point_id>")
def get_point(point_id: int):
    return jsonify(queries.point_document(queries.get_point(db.session, point_id)))


@bp.patch("/points/<int:point_id>")
def update_point(point_id: int):
    body = json_body()
    point = queries.get_point(db.session, point_id)
    writes.update_point(db.session, point, body, g.actor)
    record_after_write([point.id])
    db.session.commit()
    return jsonify(queries.point_document(point))


@bp.delete("/points/<int:point_id>")
def archive_point(point_id: int):
    point = queries.get_point(db.session, point_id)
    writes.archive_point(db.session, point, g.actor)
    db.session.commit()
    return "", 204


@bp.post("/points/<int:point_id>/restore")
def restore_point(point_id: int):
    point = queries.get_point(db.session, point_id, include_archived=True)
    writes.restore_point(db.session, point, g.actor)
    record_after_write([point.id])
    db.session.commit()
    return jsonify(queries.point_document(point))


@bp.get("/points/<int:point_id>/history")
def point_history(point_id: int):
    point = queries.point_for_history(db.session, point_id, g.actor)
    return jsonify([change_json(change) for change in queries.point_history(db.session, point)])
