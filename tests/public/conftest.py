"""Fixtures of the public pages' tests: a clean Redis database (as the login throttle's tests)."""

from tests.auth.conftest import redis_url  # noqa: F401 (a fixture, used by name)
