"""`GET /healthz` for monitoring: can this app process reach its database and Redis?

The answer names each part "ok" or "down" (Redis "not configured" without REDIS_URL) and is 503
when a configured part is down. It never says why: the reason (hostnames, error messages) goes
to the log. Both checks run at once and get CHECK_SECONDS together, so a part that does not
answer costs the probe a second, not a TCP time-out. Nothing is cached and nothing written: the
database is read through a read-only connection of its own (SQLite opened read-only, so a
missing file stays missing)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_for

import redis
from flask import Blueprint, current_app, jsonify
from sqlalchemy import URL, create_engine, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)

CHECK_SECONDS = 1.0
# libpq's shortest connect timeout; the answer does not wait for it (CHECK_SECONDS).
_PG_CONNECT_SECONDS = 2
# Checks that outlive CHECK_SECONDS finish here in the background (bounded by their timeouts).
_checks = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")
_lock = threading.Lock()
_engines: dict[str, Engine] = {}
_redis_clients: dict[str, redis.Redis] = {}


def _check_engine(url: URL) -> Engine:
    """A small engine of its own per database: the app's pool may be busy or its connections
    stale, and the probe must not wait on either."""
    key = url.render_as_string(hide_password=False)
    with _lock:
        if key not in _engines:
            if url.get_backend_name() == "sqlite":
                path = url.database or ""
                if path and path != ":memory:" and not path.startswith("file:"):
                    url = url.set(database=f"file:{path}", query={"mode": "ro", "uri": "true"})
                _engines[key] = create_engine(url, poolclass=NullPool)
            else:
                _engines[key] = create_engine(
                    url,
                    pool_size=1,
                    max_overflow=0,
                    pool_timeout=CHECK_SECONDS,
                    pool_pre_ping=True,
                    connect_args={"connect_timeout": _PG_CONNECT_SECONDS},
                )
        return _engines[key]


def _redis_client(url: str) -> redis.Redis:
    with _lock:
        if url not in _redis_clients:
            _redis_clients[url] = redis.Redis.from_url(
                url, socket_connect_timeout=CHECK_SECONDS, socket_timeout=CHECK_SECONDS
            )
        return _redis_clients[url]


def check_database(url: URL) -> None:
    with _check_engine(url).connect() as connection:
        connection.execute(text("SELECT 1"))


def check_redis(url: str) -> None:
    _redis_client(url).ping()


def redis_urls(config) -> list[str]:
    """Every Redis the app uses: jobs and sessions (REDIS_URL), the page cache, the throttle."""
    urls = {config.get("REDIS_URL")}
    if "redis" in str(config.get("CACHE_TYPE", "")).lower():
        urls.add(config.get("CACHE_REDIS_URL"))
    throttle = config.get("RATELIMIT_STORAGE_URI") or ""
    if throttle.startswith(("redis://", "rediss://", "unix://")):
        urls.add(throttle)
    return sorted(url for url in urls if url)


def run_checks(checks: dict[str, Callable[[], None]], seconds: float = CHECK_SECONDS) -> dict:
    """{name: "ok" | "down"} of each check, all run at once within `seconds` together."""
    futures = {name: _checks.submit(check) for name, check in checks.items()}
    wait_for(futures.values(), timeout=seconds)
    states = {}
    for name, future in futures.items():
        if not future.done():
            log.warning("Health check: %s did not answer within %s s.", name, seconds)
            states[name] = "down"
        elif future.exception() is not None:
            log.warning("Health check: %s is down: %r", name, future.exception())
            states[name] = "down"
        else:
            states[name] = "ok"
    return states


def _all_ok(states: dict, names) -> str:
    return "ok" if all(states[name] == "ok" for name in names) else "down"


def _masked(url: str) -> str:
    """A Redis URL for the log: without its password."""
    try:
        return make_url(url).render_as_string()
    except Exception:  # not URL-shaped enough to mask: keep the password out of the log
        return url.split("://", 1)[0] + "://…"


@bp.get("/healthz")
def healthz():
    config = current_app.config
    database = make_url(config["SQLALCHEMY_DATABASE_URI"])
    checks: dict[str, Callable[[], None]] = {
        f"database {database.render_as_string()}": lambda: check_database(database)
    }
    redis_checks = {f"redis {_masked(url)}": url for url in redis_urls(config)}
    for name, url in redis_checks.items():
        checks[name] = lambda url=url: check_redis(url)
    states = run_checks(checks)
    body = {
        "database": next(state for name, state in states.items() if name.startswith("database")),
        "redis": _all_ok(states, redis_checks) if redis_checks else "not configured",
    }
    healthy = all(value != "down" for value in body.values())
    response = jsonify(body)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
