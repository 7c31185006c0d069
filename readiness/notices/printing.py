"""Notice PDFs for download: rendering records nothing (a download is not a posted sheet)."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from flask import Response
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from readiness.config import LANGUAGES
from readiness.errors import Invalid, NotFound
from readiness.notices.pdf import render_notices, render_notices_in_chunks
from readiness.points.public import PublicPoint
from readiness.public.data import public_points
from readiness.timeutil import today_in_sweden
from readiness.validation import unknown_choice


def checked_language(lang: str | None) -> str:
    if lang in (None, ""):
        return "sv"
    if lang not in LANGUAGES:
        raise Invalid({"lang": [unknown_choice(LANGUAGES)]})
    return lang


def _points_to_print(session: Session, **scope) -> list[PublicPoint]:
    points = public_points(session, **scope)
    if not points:
        raise NotFound({"_request": [str(_l("No points to print."))]})
    return points


def print_notices(
    session: Session,
    base_url: str,
    lang: str | None,
    *,
    codes: list[str] | None = None,
    municipality: str | None = None,
    area: str | None = None,
) -> bytes:
    """One PDF of the points in scope, one page each in name order."""
    lang = checked_language(lang)
    points = _points_to_print(session, municipality=municipality, area=area, codes=codes)
    return render_notices(points, lang, base_url, today_in_sweden())


def print_notices_to(
    out: BinaryIO,
    session: Session,
    base_url: str,
    lang: str | None,
    *,
    municipality: str | None = None,
    area: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """The batch of print_notices written into `out` part by part (a job's file), calling
    `progress(sheets done, sheets in all)` as it goes; returns the number of sheets."""
    lang = checked_language(lang)
    points = _points_to_print(session, municipality=municipality, area=area)
    total = len(points)
    if progress is not None:
        progress(0, total)
    render_notices_in_chunks(
        points,
        lang,
        base_url,
        today_in_sweden(),
        out,
        progress=None if progress is None else lambda done: progress(done, total),
    )
    return total


def pdf_response(pdf: bytes, filename: str) -> Response:
    """A PDF to open in the browser; never cached (it says "printed on" today)."""
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
