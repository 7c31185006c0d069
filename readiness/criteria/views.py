"""The readiness dashboard and the criteria catalog page."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import get_locale

from readiness.criteria.catalog import base_catalog, catalog_for
from readiness.criteria.list_args import parse_list_args
from readiness.criteria.messages import gap_text
from readiness.criteria.services import LEVELS, dashboard, trend
from readiness.criteria.web import readiness_for_request
from readiness.extensions import db
from readiness.points.queries import area_names, municipality_names
from readiness.timeutil import today_in_sweden

bp = Blueprint("criteria", __name__)


SORTS = {
    "score": lambda a: (a.evaluation.score, a.facts.name.lower()),
    "name": lambda a: a.facts.name.lower(),
    "level": lambda a: (LEVELS.index(a.evaluation.level), a.evaluation.score),
}


@bp.get("/readiness")
def dashboard_page():
    args = parse_list_args(request.args, tuple(SORTS))
    municipality, area, level = args.municipality, args.area, args.level
    today = today_in_sweden()
    as_of, assessed = readiness_for_request(municipality=municipality, area=area)
    figures = dashboard(assessed)
    sort = args.sort or "score"
    rows = sorted(
        (a for a in assessed if level is None or a.evaluation.level == level), key=SORTS[sort]
    )
    locale = str(get_locale())
    critical = {
        a.facts.id: [
            gap_text(g, a.catalog, locale) for g in a.evaluation.gaps if g.severity == "critical"
        ]
        for a in rows
    }
    return render_template(
        "criteria/dashboard.html",
        figures=figures,
        rows=rows,
        critical=critical,
        as_of=as_of,
        today=today,
        sort=sort,
        filters={"municipality": municipality, "area": area, "level": level},
        municipalities=municipality_names(db.session),
        areas=area_names(db.session, municipality),
        trend=trend(db.session, [a.facts.id for a in assessed], today),
        catalog=catalog_for(municipality, current_app.config["CRITERIA_OVERRIDES"]),
        locale=locale,
    )


@bp.get("/criteria")
def criteria_page():
    overrides = current_app.config["CRITERIA_OVERRIDES"]
    return render_template(
        "criteria/criteria.html",
        catalog=base_catalog(),
        locale=str(get_locale()),
        municipal={name: catalog_for(name, overrides) for name in overrides},
    )
