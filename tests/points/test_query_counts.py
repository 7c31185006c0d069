"""Lists load everything they show in a fixed number of queries, however many points there are."""

from __future__ import annotations

from tests.factories import make_point, make_user


def _queries_for(count_queries, fetch) -> int:
    with count_queries() as statements:
        assert fetch().status_code == 200
    return len(statements)


def test_api_list_query_count_does_not_grow_with_points(api, session, count_queries):
    client = api("staff")
    make_point(session, name="A")
    client.get("/api/v1/points")  # a token's first use is recorded once (then once a minute)
    few = _queries_for(count_queries, lambda: client.get("/api/v1/points"))
    for i in range(12):
        make_point(session, name=f"P{i}", municipality="Vilhelmina" if i % 2 else "Krokom")
    many = _queries_for(count_queries, lambda: client.get("/api/v1/points"))
    assert many == few
    assert many <= 12


def test_list_page_query_count_does_not_grow_with_points(web, client, session, count_queries):
    make_user(session, "staff", email="staff@test.example")
    web.login("staff@test.example")
    make_point(session, name="A")
    few = _queries_for(count_queries, lambda: client.get("/points"))
    for i in range(12):
        make_point(session, name=f"P{i}", area=f"Område {i}")
    many = _queries_for(count_queries, lambda: client.get("/points"))
    assert many == few
