"""The point-list arguments, read by one parser for the register pages and the API."""

from __future__ import annotations

import pytest

from readiness.criteria.list_args import MAX_TEXT, ListArgs, parse_list_args
from readiness.errors import Invalid
from tests.factories import make_point, make_user


def test_parse_list_args_empty_values_mean_unset():
    args = parse_list_args({"municipality": "", "level": "", "page": "", "q": "  "})
    assert args == ListArgs()


def test_parse_list_args_reads_every_filter():
    args = parse_list_args(
        {
            "municipality": "Krokom",
            "area": "Föllinge",
            "kind": "shop",
            "q": " bystuga ",
            "level": "gaps",
            "sort": "name",
            "page": "3",
            "per_page": "100",
        },
        ("name", "score"),
    )
    assert args == ListArgs("Krokom", "Föllinge", "shop", "bystuga", "gaps", "name", 3, 100)


def test_parse_list_args_names_every_bad_argument_at_once(app):
    query = {
        "kind": "castle",
        "level": "great",
        "sort": "colour",
        "page": "0",
        "per_page": "101",
        "q": "x" * (MAX_TEXT + 1),
    }
    english = app.test_request_context("/api/v1/points", headers={"Accept-Language": "en"})
    with english, pytest.raises(Invalid) as refused:
        parse_list_args(query, ("name",))
    errors = refused.value.errors
    assert sorted(errors) == ["kind", "level", "page", "per_page", "q", "sort"]
    assert errors["per_page"] == ["Points per page must be a whole number from 1 to 100."]
    assert errors["q"] == [f"Search can be at most {MAX_TEXT} characters."]


@pytest.mark.parametrize("query", ["level=great", "kind=castle", "per_page=101"])
def test_points_list_bad_argument_is_422_on_the_page_and_in_the_api(web, api, session, query):
    make_user(session, "staff", email="staff@test.example")
    web.login("staff@test.example")
    make_point(session, name="Almby bystuga")
    page = web.client.get(f"/points?{query}")
    json = api("staff").get(f"/api/v1/points?{query}")
    assert (page.status_code, json.status_code) == (422, 422)
    assert "Almby bystuga" not in page.get_data(as_text=True)
    assert list(json.get_json()["errors"]) == [query.split("=")[0]]


def test_points_list_page_and_api_page_the_same_way(web, api, session):
    make_user(session, "staff", email="staff@test.example")
    web.login("staff@test.example")
    for name in ("Almby", "Bergby", "Cedby"):
        make_point(session, name=name)
    page = web.client.get("/points?per_page=2&page=2").get_data(as_text=True)
    items = api("staff").get("/api/v1/points?per_page=2&page=2").get_json()["items"]
    assert [item["name"] for item in items] == ["Cedby"]
    assert "Cedby" in page and "Almby" not in page and "Bergby" not in page
