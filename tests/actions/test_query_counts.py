"""The action plan and the yearly report read a fixed number of queries, however many actions
and points there are (a storm-season municipality has hundreds)."""

from __future__ import annotations

from tests.actions.conftest import action_input
from tests.factories import make_point, make_user


def _queries(count_queries, client, url: str) -> int:
    with count_queries() as statements:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(statements)


def _add_actions(client, points) -> None:
    for i, point in enumerate(points):
        for status in ("planned", "in_progress", "done"):
            body = action_input(point, title=f"Åtgärd {i} {status}", status=status)
            assert client.post("/api/v1/actions", body).status_code == 201


URLS = [
    "/api/v1/actions?municipality=Krokom&per_page=100",
    "/api/v1/reports/yearly?municipality=Krokom&year=2026",
]


def test_action_list_and_yearly_report_query_counts_do_not_grow(api, session, count_queries, clock):
    client = api("auditor")
    _add_actions(client, [make_point(session, name="P0")])
    few = [_queries(count_queries, client, url) for url in URLS]
    _add_actions(client, [make_point(session, name=f"P{i}") for i in range(1, 8)])
    many = [_queries(count_queries, client, url) for url in URLS]
    assert many == few


PAGES = ["/actions?municipality=Krokom", "/reports/yearly?municipality=Krokom&year=2026"]


def test_action_plan_and_yearly_report_pages_query_counts_do_not_grow(
    api, web, session, count_queries, clock
):
    client = api("auditor")
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    _add_actions(client, [make_point(session, name="P0")])
    few = [_queries(count_queries, web.client, url) for url in PAGES]
    _add_actions(client, [make_point(session, name=f"P{i}") for i in range(1, 8)])
    many = [_queries(count_queries, web.client, url) for url in PAGES]
    assert many == few
