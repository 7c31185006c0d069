"""A real Redis for the tests that need one: database 14, emptied before and after each test."""

from __future__ import annotations

import os

import pytest

REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


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
