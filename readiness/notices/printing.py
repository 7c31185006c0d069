"""Notice PDFs for download: rendering records nothing (a download is not a posted sheet)."""

from __future__ import annotations

from flask import Response
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from readiness.config import LANGUAGES
from readiness.errors import Invalid, NotFound
from readiness.notices.pdf import render_notices
from readiness.public.data import public_points
from readiness.timeutil import today_in_sweden
from readiness.validation import unknown_choice


def checked_language(lang: str | None) -> str:
    if lang in (None, ""):
        return "sv"
    if lang not in LANGUAGES:
        raise Invalid({"lang": [unknown_choice(LANGUAGES)]})
    return lang


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
    points = public_points(session, municipality=municipality, area=area, codes=codes)
    if not points:
        raise NotFound({"_request": [str(_l("No points to print."))]})
    return render_notices(points, lang, base_url, today_in_sweden())


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
