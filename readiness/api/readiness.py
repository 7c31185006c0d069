"""Readiness and criteria endpoints of contract.md."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.apidoc import documented
from readiness.criteria.catalog import catalog_for
from readiness.criteria.list_args import parse_list_args
from readiness.criteria.messages import catalog_json, evaluation_json
from readiness.criteria.schemas import (
    AsOfArgsSchema,
    CriteriaArgsSchema,
    CriterionSchema,
    EvaluationSchema,
    ReadinessArgsSchema,
    ReadinessSchema,
)
from readiness.criteria.web import readiness_for_request
from readiness.extensions import db
from readiness.points import queries as points


@bp.get("/points/<int:point_id>/readiness")
@documented(
    _l("A point's readiness on a day (default today), computed, never stored"),
    tag="readiness",
    query=AsOfArgsSchema,
    response=EvaluationSchema,
)
def point_readiness(point_id: int):
    points.get_point(db.session, point_id)  # 404 for unknown or archived points
    _as_of, [item] = readiness_for_request(point_ids=[point_id])
    return jsonify(evaluation_json(item.evaluation, item.catalog, str(get_locale())))


@bp.get("/readiness")
@documented(
    _l("The readiness of every active point in a municipality or area"),
    tag="readiness",
    query=ReadinessArgsSchema,
    response=ReadinessSchema,
)
def readiness():
    args = parse_list_args(request.args)
    municipality = args.municipality
    as_of, assessed = readiness_for_request(municipality=municipality, area=args.area)
    catalog = catalog_for(municipality, current_app.config["CRITERIA_OVERRIDES"])
    locale = str(get_locale())
    return jsonify(
        {
            "as_of": as_of.isoformat(),
            "criteria_version": catalog.version,
            "points": [evaluation_json(a.evaluation, a.catalog, locale) for a in assessed],
        }
    )


@bp.get("/criteria")
@documented(
    _l("The readiness criteria, with a municipality's local parameters"),
    tag="readiness",
    query=CriteriaArgsSchema,
    response=CriterionSchema,
    many=True,
)
def criteria():
    catalog = catalog_for(
        request.args.get("municipality"), current_app.config["CRITERIA_OVERRIDES"]
    )
    return jsonify(catalog_json(catalog, str(get_locale())))
