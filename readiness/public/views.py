"""Public pages for residents: no login, no JavaScript, no cookies, tiny, cacheable."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from readiness.apidoc import ATOM, CAP, documented
from readiness.crisis.models import CrisisEvent
from readiness.extensions import db
from readiness.points.codes import looks_like_code
from readiness.public import alerts
from readiness.public.cache import cached_page, cap_key, feed_key, list_key, point_key
from readiness.public.moments import short_moment
from readiness.public.pages import feed_body, list_html, not_found_page, point_page
from readiness.public.responses import cacheable
from readiness.public.schemas import FeedArgsSchema

bp = Blueprint("public", __name__, url_prefix="/p")
bp.add_app_template_filter(short_moment, "moment")


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "sv"


@bp.get("/<code>")
def point(code: str):
    lang = _lang()
    if not looks_like_code(code.upper()):
        # Not a code we print (e.g. "%00"): no query, and no cache entry per made-up code.
        return cacheable(*not_found_page(lang))

    def render() -> tuple[str, int]:
        return point_page(db.session, code, lang)

    return cacheable(*cached_page(point_key(code, lang), render))


@bp.get("/<code>/")
def point_with_slash(code: str):
    """A QR reader or a hand-typed link may add a slash: send it to the page itself."""
    args = {"lang": "en"} if _lang() == "en" else {}
    return redirect(url_for("public.point", code=code.upper(), **args), 301)


@bp.get("/")
def listing():
    municipality = request.args.get("municipality") or None
    area = request.args.get("area") or None
    lang = _lang()

    def render() -> tuple[str, int]:
        return list_html(db.session, municipality, area, lang)

    return cacheable(*cached_page(list_key(municipality, area, lang), render))


@bp.get("/feed.atom")
@documented(
    _l("Every activation as an Atom feed, newest first; 404 for an unknown municipality"),
    tag="feeds",
    query=FeedArgsSchema,
    media_type=ATOM,
    public=True,
    conditional=True,
    headers=("ETag",),
    errors=(404,),
    html_errors=True,
)
def feed():
    """Every activation as an Atom entry, newest first; `?municipality=` for one municipality."""
    asked = request.args.get("municipality") or None
    lang = _lang()

    def render() -> tuple[str, int]:
        return feed_body(db.session, asked, lang)

    html_or_feed, status, etag = cached_page(feed_key(asked, lang), render)
    response = cacheable(html_or_feed, status, etag)
    if status == 200:
        response.mimetype = "application/atom+xml"
    return response


@bp.get("/cap/<int:event_id>.xml")
@documented(
    _l("A crisis event as a CAP 1.2 alert, in Swedish and English"),
    tag="feeds",
    media_type=CAP,
    public=True,
    conditional=True,
    headers=("ETag",),
    html_errors=True,
)
def cap(event_id: int):
    """The event as a CAP 1.2 alert: an <info> in Swedish and one in English."""

    def render() -> tuple[str, int]:
        event = db.session.get(CrisisEvent, event_id)
        if event is None:
            return not_found_page("sv")
        points = alerts.event_points(db.session, event)
        base_url = current_app.config["PUBLIC_BASE_URL"]
        return alerts.cap_alert(event, points, base_url).decode(), 200

    body, status, etag = cached_page(cap_key(event_id), render)
    response = cacheable(body, status, etag)
    if status == 200:
        response.mimetype = "application/cap+xml"
    return response
