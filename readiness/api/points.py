"""JSON API for points, exactly as contract.md describes."""

from __future__ import annotations

from flask import current_app, g, jsonify, request, url_for
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import documented
from readiness.criteria.list_args import ListArgsSchema, parse_list_args, point_filters
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.points import queries, writes
from readiness.points.history import change_json
from readiness.points.queries import PointFilters
from readiness.points.schemas import (
    ChangeSchema,
    PointPageSchema,
    PointSchema,
    point_patch_schema,
)
from readiness.timeutil import today_in_sweden


def point_filters_from_args() -> PointFilters:
    return point_filters(
        db.session,
        parse_list_args(request.args),
        today_in_sweden(),
        current_app.config["CRITERIA_OVERRIDES"],
    )


@bp.get("/points")
@documented(
    _l("List the active points, filtered and a page at a time"),
    tag="points",
    query=ListArgsSchema,
    response=PointPageSchema,
)
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
@documented(
    _l("Create a point (coordinators)"),
    tag="points",
    body=PointSchema,
    response=PointSchema,
    status=201,
    headers=("Location",),
    errors=(403,),
)
def create_point():
    point = writes.create_point(db.session, json_body(), g.actor)
    record_after_write([point.id])
    db.session.commit()
    response = jsonify(queries.point_document(point))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_point", point_id=point.id)
    return response


@bp.get("/points/<int:point_id>")
@documented(_l("One point, private fields included"), tag="points", response=PointSchema)
def get_point(point_id: int):
    return jsonify(queries.point_document(queries.get_point(db.session, point_id)))


@bp.patch("/points/<int:point_id>")
@documented(
    _l("Change a point: send the version you read and the fields to change"),
    tag="points",
    body=point_patch_schema,
    response=PointSchema,
    errors=(403, 409),
)
def update_point(point_id: int):
    body = json_body()
    point = queries.get_point(db.session, point_id)
    writes.update_point(db.session, point, body, g.actor)
    record_after_write([point.id])
    db.session.commit()
    return jsonify(queries.point_document(point))


@bp.delete("/points/<int:point_id>")
@documented(_l("Archive a point (coordinators)"), tag="points", status=204, errors=(403,))
def archive_point(point_id: int):
    point = queries.get_point(db.session, point_id)
    writes.archive_point(db.session, point, g.actor)
    db.session.commit()
    return "", 204


@bp.post("/points/<int:point_id>/restore")
@documented(
    _l("Restore an archived point (coordinators); 409 when it is not archived"),
    tag="points",
    response=PointSchema,
    errors=(403, 409),
)
def restore_point(point_id: int):
    point = queries.get_point(db.session, point_id, include_archived=True)
    writes.restore_point(db.session, point, g.actor)
    record_after_write([point.id])
    db.session.commit()
    return jsonify(queries.point_document(point))


@bp.get("/points/<int:point_id>/history")
@documented(
    _l("A point's saved changes, newest first"), tag="points", response=ChangeSchema, many=True
)
def point_history(point_id: int):
    point = queries.point_for_history(db.session, point_id, g.actor)
    return jsonify([change_json(change) for change in queries.point_history(db.session, point)])
