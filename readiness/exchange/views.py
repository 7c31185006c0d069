"""Import and export pages: "Importera punkter" (upload, dry run, import), the templates and the
point list's export. HTTP only; the work is in reading/importing/exporting."""

from __future__ import annotations

import base64
import binascii
import zlib

from flask import Blueprint, current_app, render_template, request
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from readiness.auth.access import roles_required
from readiness.auth.permissions import COORDINATORS, own_point_ids
from readiness.criteria.list_args import parse_list_args, point_filters
from readiness.criteria.web import record_after_write
from readiness.exchange.columns import SHEET_TITLES, SHEETS, allowed_text, columns_of
from readiness.exchange.exporting import (
    XLSX_MIMETYPE,
    export_selection,
    points_csv,
    points_xlsx,
    template_csv,
    template_xlsx,
)
from readiness.exchange.importing import counts_text, import_file
from readiness.exchange.reading import MAX_FILE_BYTES, WEB_MAX_POINTS
from readiness.exchange.web import download, export_name, file_name, sheet_arg
from readiness.extensions import csrf, db
from readiness.notices.services import notice_statuses
from readiness.notices.status import NEVER, STALE
from readiness.points.change_text import change_lines
from readiness.points.queries import SORTS
from readiness.timeutil import today_in_sweden

bp = Blueprint("exchange", __name__)

# The request may carry the file twice over (the upload, or the checked file sent back as
# text with "Importera"): room for that, so a file just over the limit gets a clear message.
_REQUEST_LIMIT = 2 * MAX_FILE_BYTES + 64 * 1024


# ----- templates ----------------------------------------------------------------------------


@bp.get("/import/template.xlsx")
@roles_required(*COORDINATORS)
def template_workbook():
    return download(template_xlsx(), XLSX_MIMETYPE, file_name(_("import-template"), None, "xlsx"))


@bp.get("/import/template.csv")
@roles_required(*COORDINATORS)
def template_table():
    sheet = sheet_arg()
    return download(template_csv(sheet), "text/csv", file_name(_("import-template"), sheet, "csv"))


# ----- import -------------------------------------------------------------------------------


def _column_help() -> list[dict]:
    return [
        {
            "sheet": str(SHEET_TITLES[kind]),
            "columns": [
                (c.header, c.help, allowed_text(c), c.required)
                for c in columns_of(kind)
                if c.kind != "output"
            ],
        }
        for kind in SHEETS
    ]


def _page(status: int = 200, **context):
    context.setdefault("problems", [])
    return render_template(
        "exchange/import.html",
        column_help=_column_help(),
        counts_text=counts_text,
        max_mb=MAX_FILE_BYTES // (1024 * 1024),
        max_points=format_decimal(WEB_MAX_POINTS, format="#,##0"),
        **context,
    ), status


def _pack(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data)).decode("ascii")


def _unpack(text: str) -> bytes | None:
    try:
        return zlib.decompress(base64.b64decode(text, validate=True), bufsize=MAX_FILE_BYTES)
    except (binascii.Error, ValueError, zlib.error):
        return None


def _outcome_lines(result) -> list[dict]:
    locale = str(get_locale())
    return [
        {"outcome": outcome, "lines": change_lines(outcome.changes, locale)}
        for outcome in result.outcomes
        if outcome.action != "unchanged"
    ]


@bp.get("/import")
@roles_required(*COORDINATORS)
def import_page():
    return _page()


@bp.post("/import")
@csrf.exempt  # checked below, once the larger limit for this upload is set
@roles_required(*COORDINATORS)
def import_upload():
    request.max_content_length = _REQUEST_LIMIT
    request.max_form_memory_size = _REQUEST_LIMIT
    try:
        csrf.protect()
        form, files = request.form, request.files
    except RequestEntityTooLarge:
        message = _(
            "The file is larger than %(max)s MB. Split it into several files.",
            max=MAX_FILE_BYTES // (1024 * 1024),
        )
        return _page(413, refused=message)
    confirm = form.get("action") == "import"
    if confirm:
        name = form.get("file_name", "")[:200]
        data = _unpack(form.get("file_data", ""))
        if data is None:
            return _page(400, refused=_("The checked file did not come back. Choose it again."))
    else:
        upload = files.get("file")
        if upload is None or not upload.filename:
            return _page(422, refused=_("Choose a file to import."))
        name = upload.filename[:200]
        data = upload.stream.read(MAX_FILE_BYTES + 1)
    result = import_file(db.session, name, data, current_user, max_points=WEB_MAX_POINTS)
    if not result.ok:
        db.session.rollback()
        return _page(422, problems=result.problems, file_name=name)
    if confirm and form.get("plan") == result.fingerprint():
        record_after_write(result.changed_ids)
        db.session.commit()
        return _page(result=result, changed=_outcome_lines(result), done=True, file_name=name)
    db.session.rollback()  # a dry run: show what would happen, keep nothing
    return _page(
        result=result,
        changed=_outcome_lines(result),
        done=False,
        moved=confirm,  # the register changed since the check: check again
        file_name=name,
        file_data=_pack(data),
        plan=result.fingerprint(),
    )


# ----- export from the point list -----------------------------------------------------------


def _list_selection():
    """The points the list page shows for these arguments (every page), with readiness."""
    args = parse_list_args(request.args, tuple(SORTS))
    overrides = current_app.config["CRITERIA_OVERRIDES"]
    today = today_in_sweden()
    filters = point_filters(
        db.session, args, today, overrides, only_ids=own_point_ids(current_user, args.mine)
    )
    if request.args.get("notice") == "outdated":
        outdated = [i for i, s in notice_statuses(db.session).items() if s in (STALE, NEVER)]
        filters.ids = outdated if filters.ids is None else sorted(set(filters.ids) & set(outdated))
    return export_selection(db.session, filters, today, overrides)


@bp.get("/points/export.xlsx")
def export_workbook():
    points, readiness = _list_selection()
    return download(points_xlsx(points, readiness), XLSX_MIMETYPE, export_name("xlsx"))


@bp.get("/points/export.csv")
def export_table():
    sheet = sheet_arg()
    points, readiness = _list_selection()
    data = points_csv(points, readiness, sheet)
    return download(data, "text/csv", export_name("csv", sheet))
