"""Login throttling with the `limits` library: failed attempts per client address.

Only the login form pays for it (no hook on every request), and only failures count. With
`RATELIMIT_STORAGE_URI` (or `REDIS_URL`) on Redis every worker counts in one place; with the
default `memory://` each worker process counts on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from limits import RateLimitItem, parse, storage, strategies
from limits.errors import StorageError

_EXTENSION = "login_throttle"
# A Redis that hangs must not hang the login form: give up quickly and count locally instead.
_REDIS_OPTIONS = {
    "socket_timeout": 1.0,
    "socket_connect_timeout": 1.0,
    "key_prefix": "readiness-login",
}


@dataclass
class LoginThrottle:
    limiter: strategies.RateLimiter
    limit: RateLimitItem
    # Used while the shared storage does not answer, so a Redis outage never locks everyone out
    # nor lets attempts through uncounted.
    fallback: strategies.RateLimiter


def _storage(uri: str) -> storage.Storage:
    options = dict(_REDIS_OPTIONS) if uri.startswith(("redis", "rediss", "valkey")) else {}
    return storage.storage_from_string(uri, wrap_exceptions=True, **options)


def init_app(app: Flask) -> None:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    app.extensions[_EXTENSION] = LoginThrottle(
        limiter=strategies.MovingWindowRateLimiter(_storage(uri)),
        limit=parse(app.config["LOGIN_RATE_LIMIT"]),
        fallback=strategies.MovingWindowRateLimiter(storage.MemoryStorage()),
    )
    if uri.startswith("memory://") and app.config.get("WORKERS", 1) > 1:
        app.logger.warning(
            "The login throttle counts failed logins per worker process (%s workers, so up to "
            "%s times the limit). Set REDIS_URL (or RATELIMIT_STORAGE_URI) to a Redis server "
            "to count them in one place.",
            app.config["WORKERS"],
            app.config["WORKERS"],
        )


def _throttle() -> LoginThrottle:
    return current_app.extensions[_EXTENSION]


def login_blocked(client: str) -> bool:
    throttle = _throttle()
    try:
        return not throttle.limiter.test(throttle.limit, "login", client)
    except StorageError as error:
        current_app.logger.error("Login throttle storage failed, counting locally: %s", error)
        return not throttle.fallback.test(throttle.limit, "login", client)


def record_failed_login(client: str) -> None:
    throttle = _throttle()
    try:
        throttle.limiter.hit(throttle.limit, "login", client)
    except StorageError as error:
        current_app.logger.error("Login throttle storage failed, counting locally: %s", error)
        throttle.fallback.hit(throttle.limit, "login", client)
