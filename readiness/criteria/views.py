"""The readiness dashboard and the criteria catalog page."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from readiness.auth.permissions import is_staff, own_point_ids
from readiness.criteria.catalog import Catalog, base_catalog, catalog_for
from readiness.criteria.list_args import parse_list_args
from readiness.criteria.param_text import override_lines, parameter_lines
from readiness.criteria.services import (
    LEVELS,
    area_gaps,
    critical_gaps,
    dashboard,
    trend,
    work_list,
)
from readiness.criteria.web import readiness_for_request
from readiness.extensions import db
from readiness.points.queries import area_names, municipality_names
from readiness.timeutil import today_in_sweden

bp = Blueprint("criteria", __name__)


@bp.app_template_filter("parameter_lines")
def parameters_in_words(params: dict) -> list[str]:
    """A criterion's parameters as words in the reader's language."""
    return parameter_lines(params, str(get_locale()))


@bp.app_template_filter("override_lines")
def overrides_in_words(catalog: Catalog) -> list[str]:
    """A municipality's own parameter values as words in the reader's language."""
    return override_lines(catalog, str(get_locale()))


# The "which points" list of a common gap names this many; the count covers them all.
COMMON_GAP_NAMES = 20

SORTS = {
    "score": lambda a: (a.evaluation.score, a.facts.name.lower()),
    "name": lambda a: a.facts.name.lower(),
    "level": lambda a: (LEVELS.index(a.evaluation.level), a.evaluation.score),
}


@bp.get("/readiness")
def dashboard_page():
    args = parse_list_args(request.args, tuple(SORTS))
    municipality, area, level = args.municipality, args.area, args.level
    only_ids = own_point_ids(current_user, args.mine)
    today = today_in_sweden()
    as_of, assessed = readiness_for_request(
        municipality=municipality, area=area, point_ids=only_ids
    )
    # Every panel shows the selection; only the level tiles count across all levels.
    figures = dashboard(assessed, level)
    sort = args.sort or "score"
    locale = str(get_locale())
    data_locale = current_app.config["BABEL_DEFAULT_LOCALE"]  # what people type: Swedish
    # The figures count every point; the work list and the table show one page (a region has
    # thousands of points), both from `page`, `per_page` points each.
    start, stop = (args.page - 1) * args.per_page, args.page * args.per_page
    rows = sorted(figures.points, key=SORTS[sort])[start:stop]
    needing_work = sum(1 for item in figures.points if item.evaluation.gaps)
    return render_template(
        "criteria/dashboard.html",
        figures=figures,
        rows=rows,
        work=work_list(figures.points, locale, data_locale, start=start, stop=stop),
        needing_work=needing_work,
        first_shown=start + 1,
        pages=max(1, -(-len(figures.points) // args.per_page)),
        area_gaps=area_gaps(figures.points, locale, data_locale),
        critical=critical_gaps(rows, locale, data_locale),
        common_gap_names=COMMON_GAP_NAMES,
        as_of=as_of,
        today=today,
        sort=sort,
        filters={"municipality": municipality, "area": area, "level": level, "page": args.page},
        mine=(only_ids is not None) if is_staff(current_user) else None,
        municipalities=municipality_names(db.session),
        areas=area_names(db.session, municipality),
        trend=trend(db.session, [a.facts.id for a in figures.points], today),
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
