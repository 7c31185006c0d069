"""Public pages that outlive the app: with PUBLIC_STATIC_DIR set, the resident pages, the list
pages, the alert feeds and the GeoJSON are kept rendered there for the reverse proxy
(deploy/nginx.conf), which serves them even while the app or the database is down.

    p/<CODE>/index.html, index.en.html         a point's page (/p/<CODE>, ?lang=en)
    p/index.html, index.en.html                the list of municipalities (/p/)
    p/kommun/<M>/index.html, index.en.html     a municipality (/p/?municipality=<M>)
    p/kommun/<M>/omrade/<A>/index.html, ...    an area (/p/?municipality=<M>&area=<A>)
    p/feed.atom, feed.en.atom                  the alert feed; p/kommun/<M>/feed.atom: one
                                               municipality's (/p/feed.atom?municipality=<M>)
    p/404.html, 404.en.html                    the app's "no such point" page
    api/v1/public/points.geojson (+ .gz)       GET /api/v1/public/points.geojson;
    api/v1/public/kommun/<M>/points.geojson    ... ?municipality=<M>

<M> and <A> are the names as the app's own links encode them (static_files.list_folder). Every
file is rendered by the same code as the app's answer (pages.py, geojson.py) in a request for
the same URL, so its bytes equal the app's. A point that is no longer public (archived, deleted)
has no file: the proxy asks the app, which answers 404, or serves 404.html when the app is down.

Every commit that changes public data re-renders the files it affects, through the job queue
(run_later); each job reads the database when it runs, not what the commit saw. `render_all`
(`flask --app wsgi render-public`) rebuilds every file and removes those no longer wanted."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, has_app_context
from flask_babel import force_locale
from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import Session

from readiness.config import LANGUAGES
from readiness.crisis.models import CrisisActivation, CrisisEvent
from readiness.extensions import db
from readiness.jobs.queue import run_later
from readiness.points.codes import looks_like_code
from readiness.points.models import Area, Channel, Contact, Municipality, Point, Power
from readiness.points.public import PublicPoint
from readiness.public.data import (
    ListPage,
    list_page,
    points_list_page,
    public_codes,
    public_municipalities,
    public_points,
)
from readiness.public.geojson import feature_collection, feature_collection_of, points_geojson
from readiness.public.pages import (
    WebLinks,
    feed_body,
    not_found_page,
    point_html,
    render_list,
)
from readiness.public.static_files import (
    FEED,
    GEOJSON,
    GEOJSON_FOLDER,
    NOT_FOUND,
    PAGE,
    StaticError,
    StaticFiles,
    geojson_folder,
    list_folder,
    render_lock,
)

log = logging.getLogger(__name__)

RENDER_CHANGES = "readiness.public.static:render_changes"


def static_root() -> Path | None:
    folder = current_app.config.get("PUBLIC_STATIC_DIR")
    return Path(folder).absolute() if folder else None


class _Renderer:
    """Renders pages with one session into files; each page in a request for its own URL (its
    links, the language switch included, are then the app's)."""

    def __init__(self, session: Session, files: StaticFiles):
        self.session = session
        self.files = files
        self.links = WebLinks()

    @contextmanager
    def _request(self, url: str, lang: str) -> Iterator[None]:
        with current_app.test_request_context(url), force_locale(lang):
            yield

    def point(self, code: str, point: PublicPoint | None) -> None:
        """The point's pages; none when it is not public (any more): `point` is None."""
        if not looks_like_code(code):
            return  # the app has no page for it either
        if point is None:
            self.files.remove_folder(f"p/{code}/")
            return
        for lang in LANGUAGES:
            with self._request(self.links.point(code, lang), lang):
                html = point_html(point, lang)
            self.files.write(f"p/{code}/{PAGE[lang]}", html.encode())

    def _list(self, folder: str, page: ListPage, municipality: str | None, area=None) -> bool:
        for lang in LANGUAGES:
            with self._request(self.links.listing(municipality, lang, area), lang):
                html, status = render_list(page, municipality, lang)
            if status != 200:
                return False
            self.files.write(folder + PAGE[lang], html.encode())
        return True

    def _feed(self, folder: str, municipality: str | None) -> None:
        for lang in LANGUAGES:
            with self._request(self.links.feed(municipality), lang):
                body, status = feed_body(self.session, municipality, lang)
            if status == 200:
                self.files.write(folder + FEED[lang], body.encode())

    def municipality(self, name: str, points: list[PublicPoint] | None = None) -> None:
        """The municipality's list, its areas' lists, its feed and its GeoJSON, from one read
        of its points (`points`: read already); all removed when it has no public point."""
        folder = list_folder(self.links.listing(name, "sv"))
        if folder is None:
            log.info("Public pages of %r are served by the app only (name unfit for a file).", name)
            return
        if points is None:
            points = public_points(self.session, name)
        if not self._list(folder, points_list_page(points, name, None), name):
            self.files.remove_folder(folder)
            self.files.remove_folder(geojson_folder(folder))
            return
        self._feed(folder, name)
        by_area: dict[str, list[PublicPoint]] = {}
        for point in points:  # in the list's order: each area's points stay in it
            if point.area:
                by_area.setdefault(point.area, []).append(point)
        keep = set()
        for area, in_area in by_area.items():
            area_folder = list_folder(self.links.listing(name, "sv", area))
            if area_folder and self._list(
                area_folder, points_list_page(in_area, name, area), name, area
            ):
                keep.update(area_folder + page for page in PAGE.values())
        self.files.remove_folder(folder + "omrade/", keep=keep)
        self.files.write_geojson(geojson_folder(folder), feature_collection(points))

    def region(self) -> None:
        """The list of municipalities, the whole feed, the 404 pages, the whole GeoJSON (after
        the municipalities: it is put together from theirs when it can)."""
        self._list("p/", list_page(self.session, None), None)
        self._feed("p/", None)
        for lang in LANGUAGES:
            with self._request(self.links.listing(None, lang), lang):
                html, _status = not_found_page(lang)
            self.files.write(f"p/{NOT_FOUND[lang]}", html.encode())
        self.files.write_geojson(GEOJSON_FOLDER + "/", self._region_geojson())

    def _region_geojson(self) -> str:
        """The whole region's GeoJSON: the municipalities' features as their files have them
        (each rewritten whenever one of its points changes) in the order of the database, which
        takes milliseconds where reading 5,000 points takes seconds. Read from the database
        when a point is missing from them (a municipality whose name is unfit for a folder)."""
        features: dict[str, dict] = {}
        for name in public_municipalities(self.session):
            folder = list_folder(self.links.listing(name, "sv"))
            path = self.files.root / geojson_folder(folder or "-/") / GEOJSON
            if folder is None or not path.is_file():
                return points_geojson(self.session)
            for feature in json.loads(path.read_bytes())["features"]:
                features[feature["properties"]["code"]] = feature
        codes = public_codes(self.session)
        if not all(code in features for code in codes):
            return points_geojson(self.session)
        return feature_collection_of([features[code] for code in codes])


def _root_or_fail() -> Path:
    root = static_root()
    if root is None:
        raise StaticError("PUBLIC_STATIC_DIR is not set: there is no folder to render into.")
    return root


def render_all() -> StaticFiles:
    """Render every public file into PUBLIC_STATIC_DIR and remove those no longer wanted."""
    root = _root_or_fail()
    files = StaticFiles(root)
    with render_lock(root) as done, Session(db.engine) as session:
        with current_app.test_request_context("/p/"):
            render = _Renderer(session, files)
            for municipality in public_municipalities(session):
                points = public_points(session, municipality)
                render.municipality(municipality, points)
                for point in points:
                    render.point(point.code, point)
                session.rollback()  # ends the read transaction: no long snapshot
            render.region()
        files.prune()
        done.completed("full")
    return files


def render_changes(
    *,
    point_ids: list[int] = (),
    codes: list[str] = (),
    municipality_ids: list[int] = (),
    event_ids: list[int] = (),
    full: bool = False,
    requested_at: float | None = None,
) -> list[str]:
    """Re-render what a commit changed: the pages of these points (by id, by former code, or in
    these events), their municipalities' lists, feeds and GeoJSON, and the region's. Read from
    the database now; parts rendered since `requested_at` are skipped. Returns changed files."""
    if full:
        return sorted(render_all().changed)
    root = static_root()
    if root is None:
        return []
    files = StaticFiles(root)
    with render_lock(root) as done, Session(db.engine) as session:
        codes, municipalities = _affected(session, point_ids, codes, municipality_ids, event_ids)
        public = {point.code: point for point in public_points(session, codes=codes)}
        parts = [
            (f"point:{code}", lambda render, code=code: render.point(code, public.get(code)))
            for code in codes
        ]
        parts += [
            (f"municipality:{name.casefold()}", lambda render, name=name: render.municipality(name))
            for name in municipalities
        ]
        parts.append(("region", lambda render: render.region()))
        failed = []
        with current_app.test_request_context("/p/"):
            render = _Renderer(session, files)
            for part, write in parts:  # a point's own page first: it matters most
                if done.is_current(part, requested_at):
                    continue
                try:
                    write(render)
                    done.completed(part)
                except Exception:  # one broken part must not hold back the others
                    log.exception("Rendering %s into PUBLIC_STATIC_DIR failed.", part)
                    failed.append(part)
                finally:
                    session.rollback()  # ends the read transaction: no long snapshot
    if failed:
        raise StaticError(f"Not rendered (previous files kept): {', '.join(failed)}")
    return sorted(files.changed)


def _affected(session, point_ids, codes, municipality_ids, event_ids):
    """(codes, municipality names) to re-render, as the database has them now."""
    point_ids, event_ids = list(point_ids), list(event_ids)
    in_events = select(CrisisActivation.point_id).where(CrisisActivation.event_id.in_(event_ids))
    rows = session.execute(
        select(Point.code, Municipality.name)
        .join(Point.municipality)
        .where(
            or_(
                Point.id.in_(point_ids),
                Point.crisis_event_id.in_(event_ids),
                Point.id.in_(in_events),
            )
        )
    ).all()
    names = session.scalars(select(Municipality.name).where(Municipality.id.in_(municipality_ids)))
    found_codes = sorted({*codes, *(code for code, _m in rows)})
    municipalities = sorted({*names, *(name for _c, name in rows)})
    return found_codes, municipalities


# --- Noticing commits that change public data -------------------------------------------------

_PENDING = "public_static_pending"


@dataclass
class Changes:
    """What a transaction's flushes touched, as ids (and former codes): the job looks up the
    rest when it runs."""

    point_ids: set[int] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    municipality_ids: set[int] = field(default_factory=set)
    event_ids: set[int] = field(default_factory=set)
    full: bool = False

    def note(self, item: object, deleted: bool) -> None:
        # Values as loaded (state.dict): nothing here may load from the database mid-flush.
        state = inspect(item)
        values = state.dict
        if isinstance(item, Point):
            self.point_ids.add(values.get("id"))
            for name, found in (("code", self.codes), ("municipality_id", self.municipality_ids)):
                found.update((*state.attrs[name].history.deleted, values.get(name)))
        elif isinstance(item, (Power, Contact, Channel, CrisisActivation)):
            self.point_ids.add(values.get("point_id"))  # (an Agreement shows nowhere public)
        elif isinstance(item, CrisisEvent):
            self.event_ids.add(values.get("id"))
        elif isinstance(item, Area):
            self.municipality_ids.add(values.get("municipality_id"))
        elif isinstance(item, Municipality) and (deleted or state.attrs.name.history.deleted):
            self.full = True  # a renamed municipality moves every one of its files

    def __bool__(self) -> bool:
        return self.full or any(
            value is not None
            for value in (*self.point_ids, *self.codes, *self.municipality_ids, *self.event_ids)
        )

    def job_arguments(self) -> dict:
        def known(values: set) -> list:
            return sorted(value for value in values if value is not None)

        return {
            "point_ids": known(self.point_ids),
            "codes": known(self.codes),
            "municipality_ids": known(self.municipality_ids),
            "event_ids": known(self.event_ids),
            "full": self.full,
        }


def _enabled() -> bool:
    return has_app_context() and bool(current_app.config.get("PUBLIC_STATIC_DIR"))


@event.listens_for(Session, "after_flush")
def _note_changes(session, _flush_context) -> None:
    if not _enabled():
        return
    changes = session.info.setdefault(_PENDING, Changes())
    for item in (*session.new, *session.dirty):
        changes.note(item, deleted=False)
    for item in session.deleted:
        changes.note(item, deleted=True)


@event.listens_for(Session, "after_commit")
def _render_after_commit(session) -> None:
    changes = session.info.pop(_PENDING, None)
    if changes and _enabled():  # a commit of nothing public (a login, an audit) renders nothing
        # Off the request: RQ's tasks queue with REDIS_URL, else a thread of this process.
        run_later(RENDER_CHANGES, **changes.job_arguments(), requested_at=time.time())


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop(_PENDING, None)
