"""The OpenAPI document of /api/v1 and its page: valid OpenAPI 3.1, every route with every
method, bearer auth except on public routes, public itself and free of secrets."""

from __future__ import annotations

import re

from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator

from readiness.api.auth import PUBLIC_API_ENDPOINTS
from readiness.api.openapi import documented_rules
from readiness.auth.services import create_token
from tests.factories import make_point, make_user

RULE_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
METHODS = ("get", "put", "post", "delete", "patch")


def document(client, **kwargs) -> dict:
    response = client.get("/api/v1/openapi.json", **kwargs)
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def operations(doc: dict):
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_the_document_is_valid_openapi_3_1_without_a_token(client):
    doc = document(client)
    assert doc["openapi"] == "3.1.0"
    validate(doc, cls=OpenAPIV31SpecValidator)


def undocumented(app, doc: dict) -> list[str]:
    """Each method of each /api/v1 rule of the app that the document lacks."""
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = RULE_ARGUMENT.sub(r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method.lower() not in doc["paths"].get(path, {}):
                missing.append(f"{method} {rule.rule}")
    return missing


def test_every_api_route_is_documented_with_every_method(app, client):
    doc = document(client)
    assert undocumented(app, doc) == []
    assert len(list(operations(doc))) >= 40


def test_a_route_added_without_documentation_is_found_missing(app, client):
    @app.route("/api/v1/undocumented/<int:item_id>", methods=["GET", "PUT"])
    def undocumented_route(item_id):
        return {}

    assert undocumented(app, document(client)) == [
        "GET /api/v1/undocumented/<int:item_id>",
        "PUT /api/v1/undocumented/<int:item_id>",
    ]


def test_bearer_auth_on_every_route_but_the_public_ones(app, client):
    doc = document(client)
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    assert doc["security"] == [{"bearerAuth": []}]
    endpoint_of = {
        (RULE_ARGUMENT.sub(r"{\1}", rule.rule), method.lower()): rule.endpoint
        for rule, method in documented_rules(app)
    }
    public = set()
    for path, method, operation in operations(doc):
        endpoint = endpoint_of[(path, method)]
        if path.startswith("/api/v1/"):
            assert (operation.get("security") == []) == (endpoint in PUBLIC_API_ENDPOINTS), path
            assert ("401" in operation["responses"]) != (endpoint in PUBLIC_API_ENDPOINTS), path
        if operation.get("security") == []:
            public.add(f"{method.upper()} {path}")
    assert {
        "GET /api/v1/openapi.json",
        "GET /api/v1/docs",
        "GET /api/v1/public/points.geojson",
        "GET /calendar/{token}.ics",
        "GET /p/feed.atom",
    } <= public
    assert client.get("/api/v1/points").status_code == 401


def test_every_error_has_the_contract_shape_and_each_status_its_cause(client):
    doc = document(client)
    errors = doc["components"]["schemas"]["Errors"]
    assert errors["required"] == ["errors"]
    assert errors["properties"]["errors"]["additionalProperties"]["items"] == {"type": "string"}
    responses = doc["paths"]["/api/v1/points/{point_id}"]["patch"]["responses"]
    assert sorted(responses) == [
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
        "413",
        "414",
        "422",
        "503",
    ]
    listing = doc["paths"]["/api/v1/points"]["get"]
    assert sorted(listing["responses"]) == ["200", "400", "401", "414", "422"]
    assert {p["name"] for p in listing["parameters"]} >= {"municipality", "level", "page", "q"}
    created = doc["paths"]["/api/v1/points"]["post"]["responses"]["201"]
    assert created["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Point"
    }
    assert "Location" in created["headers"]


def test_binary_and_feed_routes_name_their_content_types(client):
    doc = document(client)

    def content_types(path):
        return set(doc["paths"][path]["get"]["responses"]["200"]["content"])

    assert content_types("/api/v1/points/{point_id}/notice.pdf") == {"application/pdf"}
    assert content_types("/api/v1/reports/yearly.pdf") == {"application/pdf"}
    assert content_types("/api/v1/public/points.geojson") == {"application/geo+json"}
    assert content_types("/calendar/{token}.ics") == {"text/calendar"}
    assert content_types("/p/feed.atom") == {"application/atom+xml"}
    assert content_types("/p/cap/{event_id}.xml") == {"application/cap+xml"}


def test_the_document_follows_the_requested_language(client):
    swedish = document(client)
    english = document(client, headers={"Accept-Language": "en"})
    summary = english["paths"]["/api/v1/points"]["get"]["summary"]
    assert summary == "List the active points, filtered and a page at a time"
    assert swedish["paths"].keys() == english["paths"].keys()


def test_neither_the_document_nor_the_page_holds_a_secret(app, client, session):
    user = make_user(session, "admin", email="hemlig.person@example.se")
    token = create_token(session, user.email)
    make_point(session, name="Hemliga gården")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    texts = [
        client.get("/api/v1/openapi.json", headers=headers).get_data(as_text=True),
        client.get("/api/v1/docs", headers=headers).get_data(as_text=True),
        client.get("/api/v1/docs?lang=en").get_data(as_text=True),
    ]
    secrets = [
        app.config["SECRET_KEY"],
        app.config["SQLALCHEMY_DATABASE_URI"],
        token,
        "hemlig.person",
        "Hemliga gården",
        "070-174",
    ]
    for text in texts:
        assert [s for s in secrets if s in text] == []


def test_the_page_is_swedish_first_and_english_on_request(client):
    page = client.get("/api/v1/docs", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert '<html lang="sv">' in html
    english = client.get("/api/v1/docs?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert "<h1>API documentation</h1>" in english
    assert "List the active points, filtered and a page at a time" in english
    for text in (html, english):
        assert "GET /api/v1/points/{point_id}" in text
        assert 'id="schema-Point"' in text


def test_the_page_loads_nothing_from_elsewhere(client):
    html = client.get("/api/v1/docs").get_data(as_text=True)
    assert "<script" not in html
    assert re.findall(r'(?:src|href)="(?:https?:)?//', html) == []
