"""The files of the public pages kept in PUBLIC_STATIC_DIR: where each page lives, how it is
written, and the lock that keeps renders in order.

A file is written to a temporary file in its own folder and moved over the old one with
os.replace, so a reader (the reverse proxy) sees the old file or the new one, never half of one;
a file whose content is unchanged is left alone. Renders take a lock on the folder one at a time
and read the database only once they hold it, so the render that runs later always has the later
data; a render asked for before another one started reading has nothing left to do (`RenderLog`).
"""

from __future__ import annotations

import fcntl
import gzip
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

PAGE = {"sv": "index.html", "en": "index.en.html"}
FEED = {"sv": "feed.atom", "en": "feed.en.atom"}
NOT_FOUND = {"sv": "404.html", "en": "404.en.html"}
GEOJSON = "points.geojson"
GEOJSON_FOLDER = "api/v1/public"
# Everything a full render may remove when it did not write it; any other file stays.
MANAGED = {*PAGE.values(), *FEED.values(), *NOT_FOUND.values(), GEOJSON, f"{GEOJSON}.gz"}
TREES = ("p", GEOJSON_FOLDER)
LOCK_FILE = ".render.lock"
LOG_FILE = ".render-log.json"

log = logging.getLogger(__name__)

# A query value of the app's links as it stands in the URL (percent-encoded by werkzeug), that
# may also be one folder name and one nginx `map` match: no "/", "?" or "$", not "." or "..".
# deploy/nginx.conf checks the same pattern; a name outside it is served by the app only.
SEGMENT = re.compile(r"[A-Za-z0-9%+_~!'()*,:;@-][A-Za-z0-9%+._~!'()*,:;@-]{0,199}")


class StaticError(Exception):
    """The static folder is not configured or cannot be written."""


def list_folder(link: str) -> str | None:
    """The folder of a list page from the app's link to it: `/p/` -> "p/",
    `/p/?municipality=%C3%96stersund` -> "p/kommun/%C3%96stersund/", with `&area=X` ->
    ".../omrade/X/". The names stay percent-encoded as in the link, so the proxy finds the
    folder from the query arguments as a browser sends them. None: not servable from a file."""
    values = dict(part.partition("=")[::2] for part in urlsplit(link).query.split("&") if part)
    municipality, area = values.get("municipality"), values.get("area")
    if not municipality:
        return "p/"
    if not SEGMENT.fullmatch(municipality) or (area and not SEGMENT.fullmatch(area)):
        return None
    return f"p/kommun/{municipality}/" + (f"omrade/{area}/" if area else "")


def geojson_folder(list_folder_path: str) -> str:
    """The GeoJSON of a municipality beside the whole region's: "api/v1/public/kommun/X/"."""
    return GEOJSON_FOLDER + "/" + list_folder_path.removeprefix("p/")


class StaticFiles:
    """Writes and removes files under `root`; remembers what it wrote and what it changed."""

    def __init__(self, root: Path):
        self.root = root
        self.written: set[str] = set()  # every file rendered (changed or not)
        self.changed: set[str] = set()  # files whose content changed, or that were removed

    def write(self, name: str, data: bytes) -> None:
        path = self.root / name
        self.written.add(name)
        try:
            if path.read_bytes() == data:
                return
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.chmod(temporary, 0o644)  # the proxy runs as another user
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.changed.add(name)

    def write_geojson(self, folder: str, body: str) -> None:
        data = body.encode()
        self.write(folder + GEOJSON, data)
        # For nginx's gzip_static; mtime=0 so the same body gives the same bytes (left alone).
        self.write(folder + GEOJSON + ".gz", gzip.compress(data, compresslevel=6, mtime=0))

    def remove(self, name: str) -> None:
        path = self.root / name
        if path.is_file():
            path.unlink()
            self.changed.add(name)
        self._drop_empty_folders(path.parent)

    def remove_folder(self, folder: str, keep: set[str] = frozenset()) -> None:
        """Remove the page files under `folder` except those in `keep` (and then empty folders)."""
        base = self.root / folder
        if not base.is_dir():
            return
        for path in sorted(base.rglob("*"), reverse=True):
            name = path.relative_to(self.root).as_posix()
            if path.is_file() and path.name in MANAGED and name not in keep:
                self.remove(name)

    def prune(self) -> None:
        """After a full render: remove every page file it did not write, and temporary files
        a killed render left behind (an hour old: none that a render is writing now)."""
        for tree in TREES:
            self.remove_folder(tree, keep=self.written)
            for path in (self.root / tree).rglob(".*.tmp"):
                if path.is_file() and path.stat().st_mtime < time.time() - 3600:
                    path.unlink(missing_ok=True)

    def _drop_empty_folders(self, folder: Path) -> None:
        tops = {self.root / tree for tree in TREES} | {self.root}
        while folder not in tops and folder.is_relative_to(self.root):
            try:
                folder.rmdir()  # only when empty
            except OSError:
                return
            folder = folder.parent


class RenderLog:
    """When the last completed render of each part began reading the database. A render asked
    for (after its commit) before that moment finds the part up to date and skips it."""

    KEEP_SECONDS = 24 * 3600

    def __init__(self, path: Path, started: float):
        self.path = path
        self.started = started
        try:
            self.done: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.done = {}

    def is_current(self, part: str, requested_at: float | None) -> bool:
        if requested_at is None:
            return False
        return max(self.done.get(part, 0.0), self.done.get("full", 0.0)) >= requested_at

    def completed(self, part: str) -> None:
        self.done[part] = self.started

    def save(self) -> None:
        oldest = self.started - self.KEEP_SECONDS
        kept = {part: moment for part, moment in self.done.items() if moment >= oldest}
        temporary = self.path.with_name(f"{self.path.name}.tmp")
        try:
            temporary.write_text(json.dumps(kept), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as error:
            # Only an optimisation: without it the next render just renders everything asked.
            temporary.unlink(missing_ok=True)
            log.warning("Cannot keep the render log %s: %s", self.path, error)


@contextmanager
def render_lock(root: Path) -> Iterator[RenderLog]:
    """Hold the folder's render lock (across processes and threads); yields the render log with
    the moment the lock was taken: read the database only after that."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = (root / LOCK_FILE).open("a")
    except OSError as error:
        raise StaticError(f"Cannot write the public pages into {root}: {error}") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        log = RenderLog(root / LOG_FILE, time.time())
        try:
            yield log
        finally:
            log.save()
            fcntl.flock(lock, fcntl.LOCK_UN)
