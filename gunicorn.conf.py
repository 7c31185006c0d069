"""gunicorn's settings for this app, read automatically when gunicorn starts in this folder
(`gunicorn wsgi:app`, `make serve`, deploy/readiness-web.service). Command-line options override
them."""

import os

# Request lines up to gunicorn's maximum reach the app, which answers URLs over 4096 characters
# with 414 in the contract's error shape (readiness/request_guard.py). With gunicorn's default,
# 4094, gunicorn would answer first with its own HTML 414; lines over 8190 still get that one.
limit_request_line = 8190


def default_workers() -> int:
    """WEB_CONCURRENCY, else two sync workers per core and one more (gunicorn's advice): while
    one waits for the database another computes. `make serve` uses the same rule."""
    given = os.environ.get("WEB_CONCURRENCY", "")
    if given.isascii() and given.isdigit() and int(given) > 0:
        return int(given)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1) + 1


workers = default_workers()
# The app reads the count (config.py: the login throttle warns when workers count apart).
os.environ["WEB_CONCURRENCY"] = str(workers)
