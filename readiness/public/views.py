"""Public pages for residents: no login, no JavaScript, no cookies, tiny, cacheable."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from readiness.crisis.models import CrisisEvent
from readiness.extensions import db
from readiness.points.codes import looks_like_code
from readiness.public import alerts
from readiness.public.cache import cached_page
from readiness.public.data import find_public_point, list_page
from readiness.public.moments import short_moment
from readiness.public.responses import cacheable

bp = Blueprint("public", __name__, url_prefix="/p")
bp.add_app_template_filter(short_moment, "moment")


class WebLinks:
    """Links for the live site (the offline bundle has its own with relative paths)."""

    def point(self, code: str, lang: str) -> str:
        return url_for("public.point", code=code, **({"lang": lang} if lang == "en" else {}))

    def listing(self, municipality: str | None, lang: str, area: str | None = None) -> str:
        args = {"municipality": municipality} if municipality else {}
        if area:
            args["area"] = area
        return url_for("public.listing", **args, **({"lang": lang} if lang == "en" else {}))

    def feed(self, municipality: str | None) -> str:
        return url_for("public.feed", **({"municipality": municipality} if municipality else {}))

    def switch_language(self, lang: str) -> str:
        # Only what the page depends on: the cached page must not carry stray query arguments.
        args = {k: request.args[k] for k in ("municipality", "area") if k in request.args}
        if lang == "en":
            args["lang"] = "en"
        return url_for(request.endpoint, **(request.view_args or {}), **args)


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "sv"


@bp.get("/<code>")
def point(code: str):
    lang = _lang()
    if not looks_like_code(code.upper()):
        # Not a code we print (e.g. "%00"): no query, and no cache entry per made-up code.
        return cacheable(render_template("public/not_found.html", links=WebLinks(), lang=lang), 404)

    def render() -> tuple[str, int]:
        found = find_public_point(db.session, code)
        if found is None:
            return render_template("public/not_found.html", links=WebLinks(), lang=lang), 404
        return render_template("public/point.html", point=found, links=WebLinks(), lang=lang), 200

    return cacheable(*cached_page(f"public:point:{code.upper()}:{lang}", render))


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
        page = list_page(db.session, municipality, area)
        found = not municipality or page.points or page.areas or page.activated
        html = render_template("public/list.html", page=page, links=WebLinks(), lang=lang)
        return html, 200 if found else 404

    key = f"public:list:{(municipality or '').casefold()}:{(area or '').casefold()}:{lang}"
    return cacheable(*cached_page(key, render))


@bp.get("/feed.atom")
def feed():
    """Every activation as an Atom entry, newest first; `?municipality=` for one municipality."""
    asked = request.args.get("municipality") or None
    lang = _lang()

    def render() -> tuple[str, int]:
        municipality = alerts.municipality_name(db.session, asked) if asked else None
        if asked and municipality is None:
            return render_template("public/not_found.html", links=WebLinks(), lang=lang), 404
        entries = alerts.recent_activations(db.session, municipality)
        base_url = current_app.config["PUBLIC_BASE_URL"]
        return alerts.atom_feed(entries, base_url, municipality, lang).decode(), 200

    key = f"public:feed:{(asked or '').casefold()}:{lang}"
    html_or_feed, status, etag = cached_page(key, render)
    response = cacheable(html_or_feed, status, etag)
    if status == 200:
        response.mimetype = "application/atom+xml"
    return response


@bp.get("/cap/<int:event_id>.xml")
def cap(event_id: int):
    """The event as a CAP 1.2 alert: an <info> in Swedish and one in English."""

    def render() -> tuple[str, int]:
        event = db.session.get(CrisisEvent, event_id)
        if event is None:
            return render_template("public/not_found.html", links=WebLinks(), lang="sv"), 404
        points = alerts.event_points(db.session, event)
        base_url = current_app.config["PUBLIC_BASE_URL"]
        return alerts.cap_alert(event, points, base_url).decode(), 200

    body, status, etag = cached_page(f"public:cap:{event_id}", render)
    response = cacheable(body, status, etag)
    if status == 200:
        response.mimetype = "application/cap+xml"
    return response
