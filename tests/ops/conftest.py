"""Fixtures of the production-setup tests: a clean Redis database (as the login throttle's)."""

from tests.auth.conftest import redis_url  # noqa: F401 (a fixture, used by name)
