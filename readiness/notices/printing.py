"""Print notices: render first, then log every sheet (nothing is logged when rendering fails)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from readiness.config import LANGUAGES
from readiness.errors import Invalid, NotFound
from readiness.notices.pdf import render_notices
from readiness.notices.services import record_print
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
    actor,
    base_url: str,
    lang: str | None,
    *,
    codes: list[str] | None = None,
    municipality: str | None = None,
    area: str | None = None,
) -> bytes:
    """One PDF of the points in scope, one page each in name order; each print is logged."""
    lang = checked_language(lang)
    points = public_points(session, municipality=municipality, area=area, codes=codes)
    if not points:
        raise NotFound({"_request": [str(_l("No points to print."))]})
    pdf = render_notices(points, lang, base_url, today_in_sweden())
    for point in points:
        record_print(session, point, actor, lang)
    return pdf
