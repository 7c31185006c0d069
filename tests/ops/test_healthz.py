"""`GET /healthz` for monitoring: database and Redis reachability, 503 when a configured part
is down, never a secret, a hostname or an error in the answer, and fast when a part is silent."""

from __future__ import annotations

import logging
import socket
import time

import pytest

from readiness.extensions import db
from tests.conftest import make_app

PASSWORD = "s3cret-Redis-pw"


@pytest.fixture
def apps():
    """`apps(url, **config)`: an app on that database; engines disposed afterwards."""
    made = []

    def make(database_url: str, **config):
        made.append(make_app(database_url, **config))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers (a hung Redis)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


def assert_tells_nothing(response) -> None:
    body = response.get_data(as_text=True)
    for secret in (PASSWORD, "127.0.0.1", "localhost", "Error", "refused", "postgres"):
        assert secret not in body
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_healthz_without_redis_reports_the_database_ok(apps, database_url):
    response = apps(database_url, REDIS_URL=None).test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "redis": "not configured"}
    assert_tells_nothing(response)


def test_healthz_with_redis_answering_reports_both_ok(apps, database_url, redis_url):
    app = apps(database_url, REDIS_URL=redis_url, CACHE_TYPE=None)
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "redis": "ok"}


def test_healthz_with_redis_refusing_is_503_naming_redis_only(apps, database_url, caplog):
    app = apps(database_url, REDIS_URL=f"redis://:{PASSWORD}@127.0.0.1:1/0")
    with caplog.at_level(logging.WARNING, logger="readiness.health"):
        response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "ok", "redis": "down"}
    assert_tells_nothing(response)
    # The reason is in the log, for the operator, without the password.
    assert "127.0.0.1:1" in caplog.text and PASSWORD not in caplog.text


def test_healthz_with_redis_not_answering_gives_up_within_about_a_second(
    apps, database_url, silent_port, caplog
):
    app = apps(database_url, REDIS_URL=f"redis://:{PASSWORD}@127.0.0.1:{silent_port}/0")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="readiness.health"):
        response = app.test_client().get("/healthz")
    assert time.monotonic() - started < 2.5
    assert response.status_code == 503
    assert response.get_json() == {"database": "ok", "redis": "down"}
    assert_tells_nothing(response)
    assert f"127.0.0.1:{silent_port}" in caplog.text


def test_healthz_with_the_cache_in_a_redis_that_is_down_reports_redis_down(apps, database_url):
    # Another Redis than REDIS_URL's, for the page cache only: checked too.
    app = apps(
        database_url,
        REDIS_URL=None,
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL="redis://127.0.0.1:1/3",
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "ok", "redis": "down"}


@pytest.mark.parametrize(
    "unreachable",
    [
        "sqlite:///{tmp}/no-such-folder/readiness.sqlite3",
        f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:1/readiness",
    ],
    ids=["sqlite", "postgresql"],
)
def test_healthz_with_the_database_unreachable_is_503_and_creates_nothing(
    unreachable, tmp_path, caplog
):
    url = unreachable.format(tmp=tmp_path)
    app = make_app(url, REDIS_URL=None)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="readiness.health"):
        response = app.test_client().get("/healthz")
    assert time.monotonic() - started < 2.5
    assert response.status_code == 503
    assert response.get_json() == {"database": "down", "redis": "not configured"}
    assert_tells_nothing(response)
    assert "database" in caplog.text and PASSWORD not in caplog.text
    assert not (tmp_path / "no-such-folder").exists()  # a GET never writes, not even a file
