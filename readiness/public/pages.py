"""The public pages and feeds as the app serves them, rendered from the database. The views answer
with them and static.py keeps them written in PUBLIC_STATIC_DIR: one renderer for both, so a
file there equals the app's answer for the same URL."""

from __future__ import annotations

from flask import current_app, render_template, request, url_for
from sqlalchemy.orm import Session

from readiness.points.public import PublicPoint
from readiness.public import alerts
from readiness.public.data import ListPage, find_public_point, list_page


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


def not_found_page(lang: str) -> tuple[str, int]:
    return render_template("public/not_found.html", links=WebLinks(), lang=lang), 404


def point_html(point: PublicPoint, lang: str) -> str:
    return render_template("public/point.html", point=point, links=WebLinks(), lang=lang)


def point_page(session: Session, code: str, lang: str) -> tuple[str, int]:
    found = find_public_point(session, code)
    return not_found_page(lang) if found is None else (point_html(found, lang), 200)


def list_html(
    session: Session, municipality: str | None, area: str | None, lang: str
) -> tuple[str, int]:
    return render_list(list_page(session, municipality, area), municipality, lang)


def render_list(page: ListPage, asked: str | None, lang: str) -> tuple[str, int]:
    """The list page; 404 when the municipality `asked` for has no public point."""
    found = not asked or page.points or page.areas or page.activated
    html = render_template("public/list.html", page=page, links=WebLinks(), lang=lang)
    return html, 200 if found else 404


def feed_body(session: Session, asked: str | None, lang: str) -> tuple[str, int]:
    """The Atom feed of every activation (of one municipality when asked), or the 404 page."""
    municipality = alerts.municipality_name(session, asked) if asked else None
    if asked and municipality is None:
        return not_found_page(lang)
    entries = alerts.recent_activations(session, municipality)
    base_url = current_app.config["PUBLIC_BASE_URL"]
    return alerts.atom_feed(entries, base_url, municipality, lang).decode(), 200
