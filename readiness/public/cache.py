"""The short-lived cache of rendered public pages, cleared whenever point data is committed."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.http import generate_etag

from readiness.extensions import cache
from readiness.points.models import Agreement, Channel, Contact, Point, Power

_POINT_DATA = (Point, Power, Contact, Channel, Agreement)
_CHANGED = "public_pages_changed"


def cached_page(key: str, render: Callable[[], tuple[str, int]]) -> tuple[str, int, str]:
    """(html, status, etag) for `key`, rendered and hashed at most once per cache timeout."""
    hit = cache.get(key)
    if hit is None:
        html, status = render()
        hit = (html, status, generate_etag(html.encode()))
        cache.set(key, hit)
    return hit


@event.listens_for(Session, "after_flush")
def _note_point_changes(session, _flush_context) -> None:
    if any(isinstance(o, _POINT_DATA) for o in (*session.new, *session.dirty, *session.deleted)):
        session.info[_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _clear_after_commit(session) -> None:
    if session.info.pop(_CHANGED, False):
        with suppress(RuntimeError):  # no app context: a script using the models directly
            cache.clear()


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop(_CHANGED, None)
