"""The login throttle counts in one place for every worker when Redis is configured."""

from __future__ import annotations

import logging

import pytest

from readiness.config import load_config
from readiness.extensions import db
from tests.conftest import WebUser, make_app
from tests.factories import make_user


@pytest.fixture
def two_workers(database_url, redis_url):
    """Two app instances, as two gunicorn workers would be, sharing the database and Redis."""
    apps = [make_app(database_url, RATELIMIT_STORAGE_URI=redis_url) for _ in range(2)]
    yield [WebUser(app.test_client()) for app in apps]
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_login_throttle_with_redis_counts_failures_of_every_worker(two_workers, session):
    make_user(session, "auditor", email="anna@test.example")
    first, second = two_workers
    for worker in (first, second, first, second, first):
        assert worker.login("anna@test.example", "wrong password").status_code == 401
    refused = second.login("anna@test.example")  # the sixth attempt, on the other worker
    assert refused.status_code == 429
    assert "För många misslyckade försök" in refused.get_data(as_text=True)


def test_login_throttle_with_memory_storage_counts_per_worker(database_url, session):
    make_user(session, "auditor", email="anna@test.example")
    apps = [make_app(database_url, RATELIMIT_STORAGE_URI="memory://") for _ in range(2)]
    first, second = (WebUser(app.test_client()) for app in apps)
    for _ in range(5):
        assert first.login("anna@test.example", "wrong password").status_code == 401
    assert first.login("anna@test.example").status_code == 429
    assert second.login("anna@test.example").status_code == 302  # why Redis is needed
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_login_throttle_when_redis_is_down_counts_locally_instead_of_failing(database_url, session):
    make_user(session, "auditor", email="anna@test.example")
    app = make_app(database_url, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    web = WebUser(app.test_client())
    for _ in range(5):
        assert web.login("anna@test.example", "wrong password").status_code == 401
    assert web.login("anna@test.example").status_code == 429
    with app.app_context():
        db.engine.dispose()


def test_app_start_with_several_workers_and_memory_storage_warns_per_process(database_url, caplog):
    with caplog.at_level(logging.WARNING):
        make_app(database_url, RATELIMIT_STORAGE_URI="memory://", WORKERS=4)
    assert "counts failed logins per worker process (4 workers" in caplog.text


@pytest.mark.parametrize(
    "overrides",
    [{"RATELIMIT_STORAGE_URI": "memory://", "WORKERS": 1}, {"WORKERS": 4}],
    ids=["one-worker", "redis"],
)
def test_app_start_with_one_worker_or_redis_does_not_warn(database_url, caplog, overrides, request):
    if "RATELIMIT_STORAGE_URI" not in overrides:
        overrides = {**overrides, "RATELIMIT_STORAGE_URI": request.getfixturevalue("redis_url")}
    with caplog.at_level(logging.WARNING):
        make_app(database_url, **overrides)
    assert "per worker process" not in caplog.text


def test_config_with_redis_url_counts_logins_in_redis(monkeypatch, tmp_path):
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/2")
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    config = load_config(str(tmp_path), {"TESTING": True})
    assert config["RATELIMIT_STORAGE_URI"] == "redis://cache.example:6379/2"


def test_config_with_explicit_ratelimit_storage_prefers_it_over_redis_url(monkeypatch, tmp_path):
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/2")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://limits.example:6379/0")
    config = load_config(str(tmp_path), {"TESTING": True})
    assert config["RATELIMIT_STORAGE_URI"] == "redis://limits.example:6379/0"


def test_config_without_redis_counts_in_memory(monkeypatch, tmp_path):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert load_config(str(tmp_path), {"TESTING": True})["RATELIMIT_STORAGE_URI"] == "memory://"


@pytest.mark.parametrize(
    "env,argv,workers",
    [
        ({"WEB_CONCURRENCY": "3"}, ["flask"], 3),
        ({"GUNICORN_CMD_ARGS": "--bind 0.0.0.0:8000 --workers 5"}, ["flask"], 5),
        ({}, ["/srv/.venv/bin/gunicorn", "-w", "4", "wsgi:app"], 4),
        ({}, ["/srv/.venv/bin/gunicorn", "--workers=6", "wsgi:app"], 6),
        ({}, ["flask", "-w", "4"], 1),
    ],
)
def test_config_reads_the_worker_count_gunicorn_is_given(monkeypatch, tmp_path, env, argv, workers):
    for name in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.argv", argv)
    assert load_config(str(tmp_path), {"TESTING": True})["WORKERS"] == workers
