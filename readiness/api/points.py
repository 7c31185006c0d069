"""JSON API for points, exactly as contract.md describes."""

from __future__ import annotations

from flask import current_app, g, jsonify, request, url_for
from flask_babel import gettext as _

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.criteria.services import LEVELS, ids_at_level
from readiness.criteria.web import record_after_write
from readiness.errors import Invalid
from readiness.extensions import db
from readiness.points import queries, writes
from readiness.points.queries import PointFilters
from readiness.timeutil import as_utc, today_in_sweden
from readiness.validation import DB_INT_MAX, parse_whole_number, unknown_choice

MAX_PER_PAGE = 100


def _positive_int(name: str, default: int, maximum: int = DB_INT_MAX) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    number = parse_whole_number(raw, minimum=1, maximum=maximum)
    if number is None:
        raise Invalid({name: [_("Must be a whole number from 1 to %(max)s.", max=maximum)]})
    return number


def point_filters_from_args() -> PointFilters:
    filters = PointFilters(
        municipality=request.args.get("municipality") or None,
        area=request.args.get("area") or None,
        kind=request.args.get("kind") or None,
        q=request.args.get("q") or None,
        page=_positive_int("page", 1),
        per_page=_positive_int("per_page", 50, MAX_PER_PAGE),
    )
    level = request.args.get("level")
    if level:
        if level not in LEVELS:
            raise Invalid({"level": [unknown_choice(LEVELS)]})
        filters.ids = ids_at_level(
            db.session,
            level,
            today_in_sweden(),
            current_app.config["CRITERIA_OVERRIDES"],
            municipality=filters.municipality,
            area=filters.area,
        )
    return filters


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
    return jsonify(
        [
            {
                "at": as_utc(change.at).isoformat(),
                "user": change.user_email,
                "action": change.action,
                "version": change.version,
                "changes": change.changes,
            }
            for change in queries.point_history(db.session, point)
        ]
    )
