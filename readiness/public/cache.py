"""The short-lived cache of rendered public pages, cleared whenever public data is committed.

With `REDIS_URL` (or `CACHE_TYPE=RedisCache`) every worker shares one cache in Redis, so a
state change committed by one worker clears the pages of all of them at once; without it each
process keeps its own (SimpleCache). A cache that does not answer never stops a page: the page
is rendered without it, a warning is logged, and the cache is left alone for a short while.

A commit that changes points (their data, crisis state, activations) drops only the pages those
points appear on: their own pages, their municipalities' and areas' lists, the region's list,
the feeds, the GeoJSON and their events' CAP alerts. In a storm a coordinator changes a point a
minute while thousands of residents reload the other points' pages, which stay cached. Any other
public change (an event started or ended, an area or a municipality renamed) drops every page.
The keys below name every cached page; the views build them with these functions."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import current_app, has_app_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session
from werkzeug.http import generate_etag

from readiness.config import LANGUAGES
from readiness.crisis.models import CrisisActivation, CrisisEvent
from readiness.extensions import cache
from readiness.points.models import Agreement, Area, Channel, Contact, Municipality, Point, Power

# What public pages, the GeoJSON, the bundle and the alert feeds are built from.
_PUBLIC_DATA = (
    Point,
    Power,
    Contact,
    Channel,
    Agreement,
    CrisisEvent,
    CrisisActivation,
    Area,
    Municipality,
)
# Rows that belong to one point: a change drops the pages that point is on.
_OF_A_POINT = (Power, Contact, Channel, Agreement, CrisisActivation)
_CHANGED = "public_pages_changed"
# A commit changing more points than this (an import, a whole municipality activated) drops
# every page: one clear instead of thousands of keys.
MAX_POINTS_DROPPED = 200
# After a cache failure, pages are rendered without the cache for this long (no timeout wait on
# every request while Redis is down).
CACHE_PAUSE_SECONDS = 30
_PAUSED_UNTIL = "public_cache_paused_until"

log = logging.getLogger(__name__)


def _cache_paused() -> bool:
    return current_app.extensions.get(_PAUSED_UNTIL, 0.0) > time.monotonic()


def _cache_failed(action: str, error: Exception) -> None:
    current_app.extensions[_PAUSED_UNTIL] = time.monotonic() + CACHE_PAUSE_SECONDS
    log.warning(
        "Public page cache (%s) failed to %s: %s; rendering without it for %s s.",
        current_app.config.get("CACHE_TYPE"),
        action,
        error,
        CACHE_PAUSE_SECONDS,
    )


# Changes with every drop of pages. A page rendered while pages were dropped may hold what the
# database had before the change: it is not kept (see cached_page).
_VERSION = "public:version"


def _new_version() -> None:
    cache.set(_VERSION, secrets.token_hex(8), timeout=0)  # 0: kept until the next drop


def _current_version() -> str:
    version = cache.get(_VERSION)
    if version is None:  # a new or emptied cache
        cache.add(_VERSION, secrets.token_hex(8), timeout=0)
        version = cache.get(_VERSION)
    return version


def cached_page(key: str, render: Callable[[], tuple[str, int]]) -> tuple[str, int, str]:
    """(html, status, etag) for `key`, rendered and hashed at most once per cache timeout.

    A render that began before a commit may finish after the commit dropped its page; kept, it
    would show the old state for a whole timeout. So the drops' version is read before the
    render and again after storing it: if it moved, the page just stored is dropped again."""
    hit = version = None
    if not _cache_paused():
        try:
            hit, version = cache.get_many(key, _VERSION)
            if hit is None and version is None:
                version = _current_version()
        except Exception as error:  # any backend's failure: Redis down, a network fault
            _cache_failed("read", error)
    if hit is None:
        html, status = render()
        hit = (html, status, generate_etag(html.encode()))
        if not _cache_paused() and version is not None:
            try:
                cache.set(key, hit)
                if cache.get(_VERSION) != version:
                    cache.delete(key)
            except Exception as error:
                _cache_failed("store", error)
    return hit


def _name(text: str | None) -> str:
    return (text or "").casefold()  # names match whatever their case


def point_key(code: str, lang: str) -> str:
    return f"public:point:{code.upper()}:{lang}"


def list_key(municipality: str | None, area: str | None, lang: str) -> str:
    return f"public:list:{_name(municipality)}:{_name(area)}:{lang}"


def feed_key(municipality: str | None, lang: str) -> str:
    return f"public:feed:{_name(municipality)}:{lang}"


def geojson_key(municipality: str | None) -> str:
    return f"public:geojson:{_name(municipality)}"


def cap_key(event_id: int) -> str:
    return f"public:cap:{event_id}"


def clear_public_pages() -> None:
    """Drop every rendered public page (only the cache's own keys: CACHE_KEY_PREFIX)."""
    try:
        _new_version()  # before and after: a render in between is not kept (cached_page)
        cache.clear()
        _new_version()
    except Exception as error:
        # Pages already cached elsewhere live out their CACHE_DEFAULT_TIMEOUT (seconds).
        _cache_failed("clear", error)


def drop_public_pages(keys: Iterable[str]) -> None:
    """Drop these rendered pages (the others stay cached)."""
    try:
        _new_version()  # first: a render storing its page after this drops it (cached_page)
        cache.delete_many(*keys)
    except Exception as error:
        _cache_failed("clear", error)


@dataclass
class _Touched:
    """What a transaction changed: noted from the flushed objects as loaded (an attribute load
    mid-flush could flush again), then looked up on the flush's own connection."""

    point_ids: set = field(default_factory=set)
    codes: set = field(default_factory=set)  # former codes too: their pages must go
    municipality_ids: set = field(default_factory=set)  # a point's former one too
    event_ids: set = field(default_factory=set)
    everything: bool = False
    # Looked up: municipality id -> (name, its areas' names), whose lists show the points.
    places: dict = field(default_factory=dict)
    _looked_up: set = field(default_factory=set)

    def note(self, item: object) -> None:
        state = inspect(item)
        values = state.dict
        if isinstance(item, Point):
            self.point_ids.add(values.get("id"))
            for name, found in (
                ("code", self.codes),
                ("municipality_id", self.municipality_ids),
                ("crisis_event_id", self.event_ids),
            ):
                found.update((*state.attrs[name].history.deleted, values.get(name)))
        elif isinstance(item, _OF_A_POINT):
            self.point_ids.add(values.get("point_id"))
            self.event_ids.add(values.get("event_id"))  # an activation's event
        else:  # an event (its name, exercise, end), an area, a municipality: every page
            self.everything = True
        if None in self.point_ids or len(self.point_ids) > MAX_POINTS_DROPPED:
            self.everything = True  # a row whose point is not known here, or a great many

    def look_up(self, connection) -> None:
        """Codes, events and places of the points noted since the last look-up, as this
        transaction has them (core queries on its connection: no flush, no second connection)."""
        if self.everything:
            return
        ids = sorted(self.point_ids - self._looked_up)
        self._looked_up.update(ids)
        points = select(Point.code, Point.crisis_event_id, Point.municipality_id)
        for code, event_id, municipality_id in (
            connection.execute(points.where(Point.id.in_(ids))) if ids else ()
        ):
            self.codes.add(code)
            self.event_ids.add(event_id)
            self.municipality_ids.add(municipality_id)
        wanted = sorted(m for m in self.municipality_ids - self.places.keys() if m is not None)
        if not wanted:
            return
        for municipality_id, name, area in connection.execute(
            select(Municipality.id, Municipality.name, Area.name)
            .select_from(Municipality)
            .outerjoin(Area, Area.municipality_id == Municipality.id)
            .where(Municipality.id.in_(wanted))
        ):
            self.places.setdefault(municipality_id, (name, set()))[1].add(area)

    def keys(self) -> set[str]:
        """The keys of every page these changes appear on."""
        municipalities = {name for name, _areas in self.places.values()} | {None}
        lists = {(m, None) for m in municipalities} | {
            (name, area) for name, areas in self.places.values() for area in areas
        }
        return {
            *(point_key(code, lang) for code in self.codes - {None} for lang in LANGUAGES),
            *(list_key(m, a, lang) for m, a in lists for lang in LANGUAGES),
            *(feed_key(m, lang) for m in municipalities for lang in LANGUAGES),
            *(geojson_key(m) for m in municipalities),
            *(cap_key(event_id) for event_id in self.event_ids - {None}),
        }


@event.listens_for(Session, "after_flush")
def _note_public_changes(session, _flush_context) -> None:
    changed = [
        o for o in (*session.new, *session.dirty, *session.deleted) if isinstance(o, _PUBLIC_DATA)
    ]
    if changed:
        touched = session.info.setdefault(_CHANGED, _Touched())
        for item in changed:
            touched.note(item)
        touched.look_up(session.connection())


@event.listens_for(Session, "after_commit")
def _clear_after_commit(session) -> None:
    touched = session.info.pop(_CHANGED, None)
    if touched is None or not has_app_context():
        # No app context: a script using the models directly, with no pages to clear.
        return
    if touched.everything:
        clear_public_pages()
    else:
        drop_public_pages(touched.keys())


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop(_CHANGED, None)
