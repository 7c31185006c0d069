"""Request helpers shared by the export's pages and API routes: the download response, the
`sheet` argument of a CSV file and the files' names."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, request
from flask_babel import gettext as _

from readiness.errors import Invalid
from readiness.exchange.columns import POINTS, SHEET_TITLES, SHEETS
from readiness.timeutil import today_in_sweden
from readiness.validation import unknown_choice


def download(data: bytes, mimetype: str, name: str) -> Response:
    """A file to save, never cached (it holds private contact details)."""
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}",
            "Cache-Control": "no-store",
        },
    )


def sheet_arg() -> str:
    """`?sheet=points|contacts|channels` of a CSV file (it holds one sheet); 422 otherwise."""
    sheet = request.args.get("sheet") or POINTS
    if sheet not in SHEETS:
        raise Invalid({"sheet": [unknown_choice(SHEETS)]})
    return sheet


def file_name(stem: str, sheet: str | None, extension: str) -> str:
    """`trygghetspunkter-2026-11-23-kontakter.csv`: the sheet named for all but the points."""
    part = f"-{SHEET_TITLES[sheet]}".lower() if sheet and sheet != POINTS else ""
    return f"{stem}{part}.{extension}"


def export_name(extension: str, sheet: str | None = None) -> str:
    stem = _("safety-points")  # a file name: lower case, no spaces
    return file_name(f"{stem}-{today_in_sweden().isoformat()}", sheet, extension)
