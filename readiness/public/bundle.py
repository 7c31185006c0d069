"""The offline bundle: every public page as static HTML with relative links, in one folder,
for a USB stick or a local Wi-Fi box at the point. Same templates as the live pages.

Municipality and area names are typed by staff, so file names never use them as they are: a
name becomes an ASCII slug (no separators, no `..`, no control characters), with a short hash
of the exact name when two names would share a slug. The bundle is written to a temporary
folder beside the target and moved into place only when complete."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session

from readiness.config import LANGUAGES
from readiness.points.codes import looks_like_code
from readiness.public.data import list_page, public_points

ListKey = tuple[str | None, str | None]  # (municipality, area); (None, None) is the index

# Every file the bundle writes has such a name: a leading letter or digit, then letters,
# digits, `-`, `_` and `.` (the language suffix), and no `..`.
_SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,200}")
_SLUG_PART_LENGTH = 60  # keeps a name with both parts far below file systems' 255 bytes


class BundleError(Exception):
    """The bundle cannot be written where asked; nothing was changed."""


def _suffix(lang: str) -> str:
    return ".en.html" if lang == "en" else ".html"


def slug(name: str) -> str:
    """'Övre dalen' -> 'ovre-dalen'; 'x/../../etc' -> 'x-etc'; '' when nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:_SLUG_PART_LENGTH].strip("-")


def _digest(key: ListKey) -> str:
    exact = "\x00".join(part or "" for part in key)  # NUL never occurs in a stored name
    return hashlib.sha256(exact.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _readable_stem(key: ListKey) -> tuple[str, bool]:
    """The slug-based stem of a list page, and whether the name is lost in it entirely."""
    parts = [slug(part) for part in key if part]
    return "-".join(["kommun", *filter(None, parts)]), not all(parts)


def _hashed_stem(key: ListKey) -> str:
    # `_` never occurs in a readable stem, so a hashed stem cannot equal one.
    return f"{_readable_stem(key)[0]}_{_digest(key)}"


class ListFileNames:
    """File stems of the bundle's list pages: the readable slug when it is the only name with
    that slug, else the slug plus a hash of the exact name (so none overwrites another)."""

    def __init__(self, keys: Iterable[ListKey]):
        by_stem: dict[str, set[ListKey]] = defaultdict(set)
        self._stems: dict[ListKey, str] = {}
        for key in keys:
            stem, name_lost = _readable_stem(key)
            if name_lost:
                self._stems[key] = _hashed_stem(key)
            else:
                by_stem[stem].add(key)
        for stem, group in by_stem.items():
            for key in group:
                self._stems[key] = stem if len(group) == 1 else _hashed_stem(key)

    def stem(self, municipality: str | None, area: str | None = None) -> str:
        if not municipality:
            return "index"
        key = (municipality, area or None)
        return self._stems.get(key) or _hashed_stem(key)


def point_stem(code: str) -> str:
    """A point's page is named by its code; a code we never print (e.g. restored from elsewhere)
    gets a slug and hash like a list page."""
    return code if looks_like_code(code) else f"punkt-{slug(code)}_{_digest((code, None))}"


class BundleLinks:
    """Relative links between the bundle's files; `page` names the file being written."""

    feed = None  # the alert feed is live only: a bundle page links none

    def __init__(self, page: str, names: ListFileNames):
        self.page = page  # file name without the language suffix
        self.names = names

    def point(self, code: str, lang: str) -> str:
        return f"{point_stem(code)}{_suffix(lang)}"

    def listing(self, municipality: str | None, lang: str, area: str | None = None) -> str:
        return f"{self.names.stem(municipality, area)}{_suffix(lang)}"

    def switch_language(self, lang: str) -> str:
        return f"{self.page}{_suffix(lang)}"


def _safe_path(folder: Path, name: str) -> Path:
    """`folder/name`, refused unless it is a plain file name directly inside `folder`."""
    path = folder / name
    if (
        not _SAFE_FILE_NAME.fullmatch(name)
        or ".." in name
        or path.resolve().parent != folder.resolve()
    ):
        raise BundleError(f"Refusing to write {name!r}: not a plain file name in the bundle.")
    return path


def _looks_like_bundle(folder: Path) -> bool:
    """An existing target may be replaced only when it is empty or an earlier bundle (so a
    mistyped `export-bundle ~` cannot wipe a home folder)."""
    return all(
        entry.is_file() and not entry.is_symlink() and entry.name.endswith(".html")
        for entry in folder.iterdir()
    )


def _render_bundle(session: Session, folder: Path) -> list[str]:
    """Write every page into `folder`; returns the file names written."""
    index = list_page(session, None)
    pages = {m: list_page(session, m) for m in index.municipalities}
    keys = [(m, None) for m in pages] + [(m, a) for m, p in pages.items() for a, _n in p.areas]
    names = ListFileNames(keys)
    written: list[str] = []

    def write(stem: str, lang: str, template: str, **context) -> None:
        with force_locale(lang):
            html = render_template(template, links=BundleLinks(stem, names), lang=lang, **context)
        name = f"{stem}{_suffix(lang)}"
        # "x": a second page with the same name is an error, never a silent overwrite.
        with _safe_path(folder, name).open("x", encoding="utf-8") as file:
            file.write(html)
        written.append(name)

    with current_app.test_request_context("/p/"):
        for lang in LANGUAGES:
            write("index", lang, "public/list.html", page=index)
            for municipality, page in pages.items():
                write(names.stem(municipality), lang, "public/list.html", page=page)
                for area, _count in page.areas:
                    area_page = list_page(session, municipality, area)
                    write(names.stem(municipality, area), lang, "public/list.html", page=area_page)
                for point in public_points(session, municipality):
                    write(point_stem(point.code), lang, "public/point.html", point=point)
    return written


def export_bundle(session: Session, target: Path) -> list[Path]:
    """Write the bundle into `target` (created, or an earlier bundle there replaced) and return
    its files. On any failure the target is as it was and no temporary folder remains."""
    target = Path(os.path.abspath(target))
    if target.exists() and not (target.is_dir() and _looks_like_bundle(target)):
        raise BundleError(
            f"{target} exists and is not an earlier bundle; choose a new or empty folder."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        staging.chmod(0o755)  # public pages, e.g. served by a web server on a Wi-Fi box
        names = _render_bundle(session, staging)
        _move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in names]


def _move_into_place(staging: Path, target: Path) -> None:
    """Swap the finished bundle in: the old one is kept aside until the new one is in place."""
    if not target.exists():
        staging.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
    target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
