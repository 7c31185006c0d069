"""The offline bundle: every public page as static HTML with relative links, in one folder,
for a USB stick or a local Wi-Fi box at the point. Same templates as the live pages."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session

from readiness.config import LANGUAGES
from readiness.criteria.catalog import slug
from readiness.public.data import list_page, public_points


def _suffix(lang: str) -> str:
    return ".en.html" if lang == "en" else ".html"


def list_file(municipality: str | None, area: str | None = None) -> str:
    if not municipality:
        return "index"
    return f"kommun-{slug(municipality)}" + (f"-{slug(area)}" if area else "")


class BundleLinks:
    """Relative links between the bundle's files; `page` names the file being written."""

    def __init__(self, page: str):
        self.page = page  # file name without the language suffix

    def point(self, code: str, lang: str) -> str:
        return f"{code}{_suffix(lang)}"

    def listing(self, municipality: str | None, lang: str, area: str | None = None) -> str:
        return f"{list_file(municipality, area)}{_suffix(lang)}"

    def switch_language(self, lang: str) -> str:
        return f"{self.page}{_suffix(lang)}"


def export_bundle(session: Session, target: Path) -> list[Path]:
    """Write the bundle into `target`; returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(name: str, lang: str, template: str, **context) -> None:
        with force_locale(lang):
            html = render_template(template, links=BundleLinks(name), lang=lang, **context)
        path = target / f"{name}{_suffix(lang)}"
        path.write_text(html, encoding="utf-8")
        written.append(path)

    index = list_page(session, None)
    with current_app.test_request_context("/p/"):
        for lang in LANGUAGES:
            write("index", lang, "public/list.html", page=index)
            for municipality in index.municipalities:
                page = list_page(session, municipality)
                write(list_file(municipality), lang, "public/list.html", page=page)
                for area, _count in page.areas:
                    area_page = list_page(session, municipality, area)
                    write(list_file(municipality, area), lang, "public/list.html", page=area_page)
                for point in public_points(session, municipality):
                    write(point.code, lang, "public/point.html", point=point)
    return written
