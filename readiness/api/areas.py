"""Areas and their crisis staff through the API: everyone signed in reads, coordinators write.

An extension of the contract: the staff is private, so every route needs a token."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import documented
from readiness.areas import queries, writes
from readiness.areas.schemas import AreaArgsSchema, AreaRecordSchema, AreaStaffPutSchema
from readiness.criteria.web import record_after_write
from readiness.extensions import db
from readiness.points.history import change_json
from readiness.points.schemas import ChangeSchema


def _area_json(area, staff: list) -> dict:
    return {
        "id": area.id,
        "municipality": area.municipality.name,
        "name": area.name,
        "version": area.staff_version,
        **queries.staff_document(area, staff),
    }


@bp.get("/areas")
@documented(
    _l("Every area with its crisis staff"),
    tag="areas",
    query=AreaArgsSchema,
    response=AreaRecordSchema,
    many=True,
)
def list_areas():
    municipality = (request.args.get("municipality") or "").strip()[:100] or None
    return jsonify(
        [_area_json(item.area, item.staff) for item in queries.area_list(db.session, municipality)]
    )


@bp.get("/areas/<int:area_id>")
@documented(_l("One area with its crisis staff"), tag="areas", response=AreaRecordSchema)
def get_area(area_id: int):
    area = queries.get_area(db.session, area_id)
    return jsonify(_area_json(area, queries.area_staff(db.session, area.id)))


@bp.put("/areas/<int:area_id>/staff")
@documented(
    _l("Replace an area's crisis staff and review date (coordinators)"),
    tag="areas",
    body=AreaStaffPutSchema,
    response=AreaRecordSchema,
    errors=(403, 409),
)
def put_area_staff(area_id: int):
    """Replace the staff and review date; the body carries the `version` last read."""
    area = queries.get_area(db.session, area_id)
    writes.update_staff(db.session, area, json_body(), g.actor)
    point_ids = [point.id for point in queries.area_points(db.session, area.id)]
    if point_ids:
        record_after_write(point_ids)  # AREA-STAFF of the area's points may have moved
    db.session.commit()
    area = queries.get_area(db.session, area_id)
    return jsonify(_area_json(area, queries.area_staff(db.session, area.id)))


@bp.get("/areas/<int:area_id>/history")
@documented(
    _l("The saved changes of an area's staff, newest first"),
    tag="areas",
    response=ChangeSchema,
    many=True,
)
def area_history(area_id: int):
    area = queries.get_area(db.session, area_id)
    return jsonify([change_json(change) for change in queries.area_history(db.session, area.id)])
