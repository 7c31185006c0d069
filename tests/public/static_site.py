"""The public pages kept in PUBLIC_STATIC_DIR, as the tests read them: an app with the folder
set, the URL each file stands for (as deploy/nginx.conf maps it) and the app's answer there."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from readiness.extensions import db
from readiness.jobs.queue import ThreadBackend
from tests.conftest import make_app
from tests.factories import ApiClient, make_user

# The feed of an event-less register says "updated" at the moment it is rendered.
_EMPTY_FEED_UPDATED = re.compile(rb"<updated>[^<]*</updated>")


def url_of(name: str) -> str:
    """The URL a file in the folder answers, e.g. "p/kommun/Krokom/index.en.html" ->
    "/p/?municipality=Krokom&lang=en" (the app's links, names percent-encoded alike)."""
    parts = name.split("/")
    lang = "en" if ".en." in parts[-1] else None
    args = []
    if "kommun" in parts:
        args.append(f"municipality={parts[parts.index('kommun') + 1]}")
    if "omrade" in parts:
        args.append(f"area={parts[parts.index('omrade') + 1]}")
    if lang:
        args.append("lang=en")
    query = "?" + "&".join(args) if args else ""
    if name.startswith("api/"):
        return f"/api/v1/public/points.geojson{query}"
    if parts[-1].startswith("feed"):
        return f"/p/feed.atom{query}"
    if parts[-1].startswith("404"):
        return f"/p/ZZZZZZ{query}"  # a code no point has
    if len(parts) == 3 and parts[0] == "p" and parts[1] not in ("kommun",):
        return f"/p/{parts[1]}{query}"
    return f"/p/{query}"


def settle(*apps: Flask) -> None:
    """Wait until the re-renders the apps' commits queued (a thread each, one task at a time)
    are done: a task queued after them has run."""
    for app in apps:
        made = app.extensions.get("readiness.jobs")
        if made is not None and isinstance(made[1], ThreadBackend):
            made[1].tasks.submit(lambda: None).result(timeout=120)


@dataclass
class Site:
    """An app that keeps its public pages in `root`; the test's session is its twin's."""

    app: Flask
    twin: Flask
    root: Path

    @property
    def session(self):
        return db.session

    def settle(self) -> None:
        settle(self.app, self.twin)

    def files(self) -> dict[str, bytes]:
        """Every page file (no lock, log or temporary file), by its name in the folder, once
        the renders queued so far are done."""
        self.settle()
        return {
            path.relative_to(self.root).as_posix(): path.read_bytes()
            for path in sorted(self.root.rglob("*"))
            if path.is_file() and not path.name.startswith(".")
        }

    def read(self, name: str) -> bytes:
        self.settle()
        return (self.root / name).read_bytes()

    def served(self, url: str) -> tuple[int, bytes]:
        response = self.app.test_client().get(url)
        return response.status_code, response.data

    def api(self, role: str = "auditor") -> ApiClient:
        return ApiClient(self.app.test_client(), db.session, make_user(db.session, role))

    def assert_files_equal_the_app(self) -> dict[str, bytes]:
        """Each file is the app's answer for its URL, byte for byte (a 200, but the 404 page)."""
        files = self.files()
        assert files, "no file rendered"
        for name, data in files.items():
            if name.endswith(".gz"):
                assert gzip.decompress(data) == files[name.removesuffix(".gz")], name
                continue
            status, body = self.served(url_of(name))
            assert status == (404 if "/404" in name else 200), (name, status)
            if name.endswith(".atom") and b"<entry>" not in data:
                data, body = (_EMPTY_FEED_UPDATED.sub(b"", d) for d in (data, body))
            assert data == body, f"{name} differs from GET {url_of(name)}"
        return files


def changes(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, set[str]]:
    return {
        "written": {n for n in after if n in before and after[n] != before[n]},
        "added": set(after) - set(before),
        "removed": set(before) - set(after),
    }


@pytest.fixture
def site(app, database_url, tmp_path):
    """The app keeping its pages in tmp_path/static (the `app` fixture emptied the database).
    The test's own session is a twin's with the same folder (as the `session` fixture), so each
    request to the app gets a fresh app context, as in production."""
    root = tmp_path / "static"
    # Renders run in a thread of each app (no REDIS_URL, whatever the environment says).
    site_app, twin = (
        make_app(database_url, PUBLIC_STATIC_DIR=str(root), REDIS_URL=None) for _ in range(2)
    )
    with twin.app_context():
        yield Site(site_app, twin, root)
        settle(site_app, twin)  # nothing renders while the next test empties the tables
        db.session.remove()
        db.engine.dispose()
    with site_app.app_context():
        db.engine.dispose()
