"""The short-lived cache of rendered public pages, cleared whenever public data is committed.

With `REDIS_URL` (or `CACHE_TYPE=RedisCache`) every worker shares one cache in Redis, so a
state change committed by one worker clears the pages of all of them at once; without it each
process keeps its own (SimpleCache). A cache that does not answer never stops a page: the page
is rendered without it, a warning is logged, and the cache is left alone for a short while."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.http import generate_etag

from readiness.crisis.models import CrisisActivation, CrisisEvent
from readiness.extensions import cache
from readiness.points.models import Agreement, Channel, Contact, Point, Power

# What public pages, the GeoJSON, the bundle and the alert feeds are built from.
_PUBLIC_DATA = (Point, Power, Contact, Channel, Agreement, CrisisEvent, CrisisActivation)
_CHANGED = "public_pages_changed"
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


def cached_page(key: str, render: Callable[[], tuple[str, int]]) -> tuple[str, int, str]:
    """(html, status, etag) for `key`, rendered and hashed at most once per cache timeout."""
    hit = None
    if not _cache_paused():
        try:
            hit = cache.get(key)
        except Exception as error:  # any backend's failure: Redis down, a network fault
            _cache_failed("read", error)
    if hit is None:
        html, status = render()
        hit = (html, status, generate_etag(html.encode()))
        if not _cache_paused():
            try:
                cache.set(key, hit)
            except Exception as error:
                _cache_failed("store", error)
    return hit


def clear_public_pages() -> None:
    """Drop every rendered public page (only the cache's own keys: CACHE_KEY_PREFIX)."""
    try:
        cache.clear()
    except Exception as error:
        # Pages already cached elsewhere live out their CACHE_DEFAULT_TIMEOUT (seconds).
        _cache_failed("clear", error)


@event.listens_for(Session, "after_flush")
def _note_public_changes(session, _flush_context) -> None:
    if any(isinstance(o, _PUBLIC_DATA) for o in (*session.new, *session.dirty, *session.deleted)):
        session.info[_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _clear_after_commit(session) -> None:
    if session.info.pop(_CHANGED, False) and has_app_context():
        # No app context: a script using the models directly, with no pages to clear.
        clear_public_pages()


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop(_CHANGED, None)
