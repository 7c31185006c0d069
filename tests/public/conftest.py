"""Fixtures of the public pages' tests: a clean Redis database (as the login throttle's tests),
and an app that keeps its public pages in a folder (PUBLIC_STATIC_DIR)."""

from tests.auth.conftest import redis_url  # noqa: F401 (a fixture, used by name)
from tests.public.static_site import site  # noqa: F401 (PUBLIC_STATIC_DIR's tests)
