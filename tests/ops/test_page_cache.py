"""In a storm a coordinator changes one point at a time while residents reload every point's
page: a change drops only the cached pages that point appears on, and those show it at once."""

from __future__ import annotations

import pytest

from readiness.extensions import db
from readiness.public.cache import cached_page, drop_public_pages, point_key
from tests.conftest import make_app
from tests.factories import ApiClient, make_point, make_user
from tests.public.crisis_steps import MESSAGE, activate

KROKOM_PAGES = ("/p/?municipality=Krokom", "/p/?municipality=Krokom&area=Föllinge")


@pytest.fixture
def krokom_and_vilhelmina(session):
    """Almby (Krokom, Föllinge) and Bergby (Vilhelmina, Dikanäs)."""
    almby = make_point(session, name="Almby")
    bergby = make_point(session, name="Bergby", municipality="Vilhelmina", area="Dikanäs")
    return almby, bergby


def pages_of(point_b) -> tuple[str, ...]:
    return (f"/p/{point_b.code}", f"/p/{point_b.code}?lang=en", "/p/?municipality=Vilhelmina")


def test_a_state_change_keeps_other_municipalities_pages_cached(
    client, api, krokom_and_vilhelmina, count_queries
):
    almby, bergby = krokom_and_vilhelmina
    coordinator = api("auditor")
    activate(coordinator, codes=[almby.code])  # the storm starts: every page is dropped
    for url in (f"/p/{almby.code}", *KROKOM_PAGES, *pages_of(bergby)):
        assert client.get(url).status_code == 200  # all cached now
    activate(coordinator, codes=[almby.code], message=MESSAGE)
    with count_queries() as statements:
        for url in pages_of(bergby):
            assert client.get(url).status_code == 200
    assert statements == []
    # Every page Almby is on shows the change at once.
    for url in (f"/p/{almby.code}", *KROKOM_PAGES):
        assert MESSAGE in client.get(url).get_data(as_text=True), url
    [feature] = client.get("/api/v1/public/points.geojson?municipality=Krokom").get_json()[
        "features"
    ]
    assert feature["properties"]["crisis"]["message"] == MESSAGE


def test_a_point_moved_to_another_municipality_leaves_the_old_list(
    client, api, krokom_and_vilhelmina
):
    almby, _bergby = krokom_and_vilhelmina
    assert "Almby" in client.get("/p/?municipality=Krokom").get_data(as_text=True)
    assert "Almby" not in client.get("/p/?municipality=Vilhelmina").get_data(as_text=True)
    moved = api("auditor").patch(
        f"/api/v1/points/{almby.id}", {"version": 1, "municipality": "Vilhelmina", "area": None}
    )
    assert moved.status_code == 200, moved.get_json()
    assert "Almby" not in client.get("/p/?municipality=Krokom").get_data(as_text=True)
    assert "Almby" in client.get("/p/?municipality=Vilhelmina").get_data(as_text=True)


def test_workers_sharing_redis_drop_only_the_changed_points_pages(
    database_url, redis_url, session, krokom_and_vilhelmina, count_queries
):
    almby, bergby = krokom_and_vilhelmina
    workers = [make_app(database_url, CACHE_TYPE=None, REDIS_URL=redis_url) for _ in range(2)]
    try:
        reader = workers[1].test_client()
        coordinator = ApiClient(workers[0].test_client(), session, make_user(session, "auditor"))
        activate(coordinator, codes=[almby.code])
        for url in (f"/p/{almby.code}", *pages_of(bergby)):
            reader.get(url)
        activate(coordinator, codes=[almby.code], message=MESSAGE)
        with count_queries() as statements:
            for url in pages_of(bergby):
                assert reader.get(url).status_code == 200
        assert statements == []
        assert MESSAGE in reader.get(f"/p/{almby.code}").get_data(as_text=True)
    finally:
        for app in workers:
            with app.app_context():
                db.engine.dispose()


@pytest.mark.parametrize("shared", [False, True], ids=["in-process", "redis"])
def test_a_page_rendered_while_its_point_changed_is_not_kept(database_url, redis_url, shared):
    """A resident's request read the point just before a commit and stores its page just after
    the commit dropped it: kept, it would show the old state for a whole cache timeout."""
    config = {"CACHE_TYPE": None, "REDIS_URL": redis_url} if shared else {}
    app = make_app(database_url, **config)
    key = point_key("K7RM4Q", "sv")
    try:
        with app.test_request_context("/p/K7RM4Q"):

            def render_during_a_commit():
                drop_public_pages([key])  # the coordinator's commit lands meanwhile
                return "before the change", 200

            assert cached_page(key, render_during_a_commit)[0] == "before the change"
            assert cached_page(key, lambda: ("after the change", 200))[0] == "after the change"
            # Pages rendered with nothing changing meanwhile are kept as before.
            assert cached_page(key, lambda: ("later", 200))[0] == "after the change"
    finally:
        with app.app_context():
            db.engine.dispose()
