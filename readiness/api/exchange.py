"""Export of points as a spreadsheet (contract.md, "Data in and out"): every point the list's
filters select, with its readiness, in the layout the import reads back."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.apidoc import CSV, XLSX, documented
from readiness.criteria.list_args import parse_list_args, point_filters
from readiness.exchange.exporting import (
    CsvExportArgsSchema,
    ExportArgsSchema,
    export_selection,
    points_csv,
    points_xlsx,
)
from readiness.exchange.web import download, export_name, sheet_arg
from readiness.extensions import db
from readiness.timeutil import today_in_sweden


def _selection():
    today = today_in_sweden()
    overrides = current_app.config["CRITERIA_OVERRIDES"]
    filters = point_filters(db.session, parse_list_args(request.args), today, overrides)
    return export_selection(db.session, filters, today, overrides)


@bp.get("/points.xlsx")
@documented(
    _l("Every point the filters select, with readiness, as an Excel workbook"),
    tag="points",
    description=_l(
        "Sheets of points, contacts and channels (keyed by point code) and one explaining "
        "each column: the layout import-points reads back. Readiness columns (level, score, "
        "gaps as criterion ids) are ignored by the import."
    ),
    query=ExportArgsSchema,
    media_type=XLSX,
    headers=("Content-Disposition",),
)
def export_points_xlsx():
    points, readiness = _selection()
    return download(points_xlsx(points, readiness), XLSX, export_name("xlsx"))


@bp.get("/points.csv")
@documented(
    _l("Every point the filters select as CSV (UTF-8 with BOM, semicolons)"),
    tag="points",
    description=_l(
        "One sheet of the workbook per file: `sheet=points` (default, with readiness), "
        "`contacts` or `channels`."
    ),
    query=CsvExportArgsSchema,
    media_type=CSV,
    headers=("Content-Disposition",),
)
def export_points_csv():
    sheet = sheet_arg()
    points, readiness = _selection()
    return download(points_csv(points, readiness, sheet), CSV, export_name("csv", sheet))
