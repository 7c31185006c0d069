"""A real Redis for the tests that need one: database 14, emptied before and after each test.
Under pytest-xdist each worker has its own database: 14, 15, then 13, 12, ... downwards."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import xdist_worker_index

BASE_REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
REDIS_DATABASES = 16  # Redis's default `databases`


def worker_redis_url(url: str, index: int) -> str:
    """The Redis database of xdist worker `index`: the URL's own one for the first worker, then
    the ones above it, then those below it (never database 0, the usual default)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    numbers = list(range(base, REDIS_DATABASES)) + list(range(base - 1, 0, -1))
    if index >= len(numbers):
        raise pytest.UsageError(f"no Redis database left for xdist worker {index}: use fewer -n")
    return urlunsplit(parts._replace(path=f"/{numbers[index]}"))


REDIS_TEST_URL = worker_redis_url(BASE_REDIS_TEST_URL, xdist_worker_index())


@pytest.fixture
def redis_url():
    """The URL of an empty Redis database. Skips without Redis, except in CI (CI=true), where a
    missing Redis fails the run instead of hiding the test."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        message = f"Redis does not answer at {REDIS_TEST_URL}: {error}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    client.flushdb()
    try:
        yield REDIS_TEST_URL
    finally:
        client.flushdb()
        client.close()
