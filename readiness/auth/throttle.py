"""Login throttling with the `limits` library: failed attempts per client address.

Only the login form pays for it (no hook on every request), and only failures count.
"""

from __future__ import annotations

from flask import Flask, current_app
from limits import parse, storage, strategies

_EXTENSION = "login_throttle"


def init_app(app: Flask) -> None:
    backend = storage.storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions[_EXTENSION] = (
        strategies.MovingWindowRateLimiter(backend),
        parse(app.config["LOGIN_RATE_LIMIT"]),
    )


def login_blocked(client: str) -> bool:
    limiter, limit = current_app.extensions[_EXTENSION]
    return not limiter.test(limit, "login", client)


def record_failed_login(client: str) -> None:
    limiter, limit = current_app.extensions[_EXTENSION]
    limiter.hit(limit, "login", client)
