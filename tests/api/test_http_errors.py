"""Error answers carry the headers HTTP requires (found by schemathesis): a 405 lists the methods
the URL takes, an API 401 names the bearer scheme."""

from __future__ import annotations


def test_a_method_the_url_does_not_take_is_405_with_allow(client):
    response = client.open("/api/v1/points", method="TRACE")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    assert list(response.get_json()["errors"]) == ["_request"]
    page = client.delete("/login")
    assert page.status_code == 405 and page.mimetype == "text/html"
    assert "POST" in page.headers["Allow"]


def test_an_api_401_names_the_bearer_scheme(client):
    response = client.get("/api/v1/points", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/login").status_code == 200  # pages are unaffected


def test_an_empty_etag_in_if_none_match_is_no_server_error(client):
    # Schemathesis sent `If-None-Match: ""`: werkzeug parses it to an empty tag.
    for url in ("/api/v1/openapi.json", "/api/v1/public/points.geojson", "/p/"):
        for value in ('""', 'W/""'):
            assert client.get(url, headers={"If-None-Match": value}).status_code == 200
