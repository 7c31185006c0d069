"""Malformed input that once answered 500: each gets a 4xx in the contract's error shape (JSON
under /api, an HTML error page elsewhere) and changes nothing."""

from __future__ import annotations

import pytest

from tests.factories import make_point, make_user
from tests.points.test_api import counts

ENGLISH = {"Accept-Language": "en"}


@pytest.mark.parametrize(
    "query,field",
    [
        ("page=²", "page"),
        ("per_page=²", "per_page"),
        ("page=١", "page"),
        (f"page={10**23}", "page"),
        (f"page={2**31}", "page"),
        ("page=-1", "page"),
    ],
)
def test_points_list_page_that_is_no_plain_number_in_range_is_422(api, query, field):
    response = api("staff").get(f"/api/v1/points?{query}")
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


@pytest.mark.parametrize("page", ["²", str(10**23), "0"])
def test_points_page_list_odd_page_number_is_422_naming_the_page_like_the_api(web, session, page):
    make_user(session, "staff", email="staff@test.example")
    web.login("staff@test.example")
    make_point(session, name="Almby bystuga")
    response = web.client.get(f"/points?page={page}", headers={"Accept-Language": "sv"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Sida måste vara ett heltal från 1 till" in body and "Almby bystuga" not in body


@pytest.mark.parametrize("version", ["²", "١", 2**31, 10**30, 1.0, True, "1.5"])
def test_point_patch_with_odd_version_is_422_and_saves_nothing(api, session, version):
    point = make_point(session)
    before = counts(session)
    response = api("auditor").patch(
        f"/api/v1/points/{point.id}", {"version": version, "name": "Nytt namn"}
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["version"]
    assert counts(session) == before


def test_point_edit_form_with_unicode_digit_version_is_422_and_saves_nothing(web, session):
    make_user(session, "auditor", email="auditor@test.example")
    web.login("auditor@test.example")
    point = make_point(session)
    before = counts(session)
    form = {"name": "Nytt namn", "kind": "shop", "municipality": "Krokom", "version": "²"}
    response = web.post(f"/points/{point.id}/edit", form)
    assert response.status_code == 422
    assert counts(session) == before


def test_notice_posted_form_with_unicode_digit_version_records_the_current_sheet(web, session):
    make_user(session, "auditor", email="auditor@test.example")
    web.login("auditor@test.example")
    point = make_point(session)
    response = web.post(f"/points/{point.id}/notice-posted", {"content_version": "²"})
    assert response.status_code == 302


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_point_create_with_deeply_nested_body_is_4xx_and_saves_nothing(api, session, depth):
    before = counts(session)
    raw = '{"name": ' + "[" * depth + "]" * depth + "}"
    response = api("auditor").post("/api/v1/points", raw=raw)
    assert response.status_code in (400, 422)
    assert "errors" in response.get_json()
    assert counts(session) == before


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/points?q=%00",
        "/api/v1/points?municipality=%00",
        "/api/v1/points?area=a%00b",
        "/api/v1/readiness?municipality=%00",
        "/api/v1/public/points.geojson?municipality=%00",
        "/api/v1/points?%00=1",
    ],
)
def test_api_query_argument_with_nul_is_400_json(api, session, url):
    make_point(session)
    response = api("staff").get(url, headers=ENGLISH)
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert any("U+0000" in m for messages in errors.values() for m in messages)


@pytest.mark.parametrize("url", ["/p/?municipality=%00", "/p/?municipality=Krokom&area=%00"])
def test_public_list_with_nul_in_query_is_400_page(client, session, url):
    make_point(session)
    response = client.get(url)
    assert response.status_code == 400
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("code", ["%00", "A%00", "%E2%80%AE", "x" * 2000])
def test_public_point_page_with_impossible_code_is_404_page(client, session, code):
    make_point(session)
    response = client.get(f"/p/{code}")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_points_page_search_with_nul_is_400_page(web, session):
    make_user(session, "staff", email="staff@test.example")
    web.login("staff@test.example")
    make_point(session)
    for query in ("q=%00", "municipality=%00"):
        response = web.client.get(f"/points?{query}")
        assert response.status_code == 400 and response.mimetype == "text/html"


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "2200-01-01", "1999-12-31"])
def test_readiness_as_of_out_of_range_is_422_on_as_of(api, session, as_of):
    point = make_point(session)
    client = api("staff")
    for url in (f"/api/v1/readiness?as_of={as_of}", f"/api/v1/points/{point.id}/readiness"):
        response = client.get(url if "?" in url else f"{url}?as_of={as_of}", headers=ENGLISH)
        assert response.status_code == 422
        assert response.get_json()["errors"] == {
            "as_of": ["Choose a date from 2000-01-01 to 2199-12-31."]
        }


def test_readiness_dashboard_as_of_out_of_range_is_422_page(web, session):
    make_user(session, "staff", email="staff@test.example")
    web.login("staff@test.example")
    make_point(session)
    response = web.client.get("/readiness?as_of=9999-12-31")
    assert response.status_code == 422 and response.mimetype == "text/html"


def test_login_next_with_line_break_is_refused_and_sets_no_header(web, session):
    make_user(session, "staff", email="staff@test.example")
    response = web.post(
        "/login?lang=en&next=/points%0D%0ASet-Cookie:%20injected=1",
        {"email": "staff@test.example", "password": "correct horse battery"},
    )
    assert response.status_code == 400
    assert "line breaks" in response.get_data(as_text=True)
    assert "injected" not in str(response.headers)


@pytest.mark.parametrize("target", ["/\\evil.example/", "//evil.example/", "https://evil.example"])
def test_login_next_to_another_site_goes_to_the_point_list(web, session, target):
    make_user(session, "staff", email="staff@test.example")
    web.client.get("/login")
    response = web.client.post(
        "/login",
        query_string={"next": target},
        data={
            "email": "staff@test.example",
            "password": "correct horse battery",
            "csrf_token": web.csrf(),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/points"


def test_request_with_overlong_url_is_414_json(api):
    response = api("staff").get("/api/v1/points?q=" + "a" * 5000)
    assert response.status_code == 414
    assert "_request" in response.get_json()["errors"]
