"""The rendered public pages' cache: shared by every worker through Redis (REDIS_URL), per process
without it, and never in the way when Redis is down."""

from __future__ import annotations

import logging

import pytest
import redis

from readiness.config import load_config
from readiness.extensions import db
from tests.conftest import make_app
from tests.factories import ApiClient, make_point, make_user
from tests.public.crisis_steps import MESSAGE, activate

PREFIX = "tp-public:"


REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def worker(database_url):
    """`worker(redis_url)`: an app as one gunicorn worker runs it with REDIS_URL set (and no
    CACHE_TYPE): its public pages are cached in that Redis."""
    apps = []

    def make(redis_url: str):
        apps.append(make_app(database_url, CACHE_TYPE=None, REDIS_URL=redis_url))
        return apps[-1]

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_shared_cache_state_change_through_one_worker_shows_on_the_other_at_once(
    worker, redis_url, session
):
    point = make_point(session)
    worker_a, worker_b = worker(redis_url), worker(redis_url)
    page = f"/p/{point.code}"
    before = worker_b.test_client().get(page).get_data(as_text=True)
    assert "Inte aktiverad just nu" in before
    assert redis.Redis.from_url(redis_url).keys(f"{PREFIX}*")  # worker B's page is in Redis
    coordinator = ApiClient(worker_a.test_client(), session, make_user(session, "auditor"))
    activate(coordinator, codes=[point.code], message=MESSAGE)
    after = worker_b.test_client().get(page).get_data(as_text=True)
    assert "Öppen nu" in after and MESSAGE in after


def test_shared_cache_clear_leaves_other_keys_in_redis(worker, redis_url, session):
    point = make_point(session)
    app = worker(redis_url)
    store = redis.Redis.from_url(redis_url)
    store.set("LIMITER/login/198.51.100.7", "4")  # the login throttle shares the database
    app.test_client().get(f"/p/{point.code}")
    activate(ApiClient(app.test_client(), session, make_user(session)), codes=[point.code])
    assert store.get("LIMITER/login/198.51.100.7") == b"4"
    assert not store.keys(f"{PREFIX}public:point:*")  # the cached page itself is gone


def test_public_page_with_redis_down_still_renders_and_logs_a_warning(worker, session, caplog):
    point = make_point(session)
    app = worker(REDIS_DOWN)
    with caplog.at_level(logging.WARNING, logger="readiness.public.cache"):
        response = app.test_client().get(f"/p/{point.code}")
    assert response.status_code == 200 and "Handlar&#39;n Föllinge" in response.get_data(
        as_text=True
    )
    assert "rendering without it" in caplog.text


def test_state_change_with_redis_down_is_saved_and_shown(worker, session):
    point = make_point(session)
    client = worker(REDIS_DOWN).test_client()
    client.get(f"/p/{point.code}")
    activate(ApiClient(client, session, make_user(session)), codes=[point.code], message=MESSAGE)
    html = client.get(f"/p/{point.code}").get_data(as_text=True)
    assert "Öppen nu" in html and MESSAGE in html


def test_single_process_cache_shows_a_state_change_at_once(api, client, session):
    point = make_point(session)
    assert "Inte aktiverad just nu" in client.get(f"/p/{point.code}").get_data(as_text=True)
    activate(api("auditor"), codes=[point.code], message=MESSAGE)
    assert MESSAGE in client.get(f"/p/{point.code}").get_data(as_text=True)


def test_single_process_cache_shows_an_ended_exercise_at_once(api, client, session):
    point = make_point(session)
    auditor = api("auditor")
    event = activate(auditor, codes=[point.code], exercise=True)["event"]
    assert "ÖVNING" in client.get(f"/p/{point.code}").get_data(as_text=True)
    auditor.post(f"/api/v1/crisis/events/{event['id']}/end")
    assert "ÖVNING" not in client.get(f"/p/{point.code}").get_data(as_text=True)


def test_config_without_redis_url_keeps_the_in_process_cache(monkeypatch, tmp_path):
    for name in ("REDIS_URL", "CACHE_TYPE", "CACHE_REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    assert load_config(str(tmp_path), {"TESTING": True})["CACHE_TYPE"] == "SimpleCache"


def test_config_with_redis_url_shares_the_cache_in_redis_under_a_prefix(monkeypatch, tmp_path):
    monkeypatch.delenv("CACHE_TYPE", raising=False)
    monkeypatch.delenv("CACHE_REDIS_URL", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/2")
    config = load_config(str(tmp_path), {"TESTING": True})
    assert config["CACHE_TYPE"] == "RedisCache"
    assert config["CACHE_REDIS_URL"] == "redis://cache.example:6379/2"
    assert config["CACHE_KEY_PREFIX"] == PREFIX


def test_config_with_explicit_cache_type_prefers_it_over_redis_url(monkeypatch, tmp_path):
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/2")
    monkeypatch.setenv("CACHE_TYPE", "SimpleCache")
    assert load_config(str(tmp_path), {"TESTING": True})["CACHE_TYPE"] == "SimpleCache"
