"""The criteria page in words: its own "Source" heading, sources and parameters in the reader's
language, and the API's source as text in the request's language."""

from __future__ import annotations

import pytest

from readiness.criteria.catalog import base_catalog
from tests.factories import make_user


@pytest.fixture
def criteria_page(web, client, session):
    make_user(session, "staff", email="bo@test.example")
    web.login("bo@test.example")
    return lambda lang="sv": client.get(f"/criteria?lang={lang}").get_data(as_text=True)


def test_criteria_page_in_swedish_heads_the_source_column_kalla(criteria_page):
    html = criteria_page()
    assert '<th scope="col">Källa</th>' in html and "Kraftkälla" not in html


def test_criteria_page_in_english_heads_the_source_column_source(criteria_page):
    assert '<th scope="col">Source</th>' in criteria_page("en")


def test_criteria_page_in_swedish_shows_the_sources_in_swedish(criteria_page):
    html = criteria_page()
    assert "Provsamtal varje kvartal" in html and "Quarterly test calls" not in html


def test_criteria_page_in_english_shows_the_sources_in_english(criteria_page):
    html = criteria_page("en")
    assert "Quarterly test calls" in html and "Provsamtal varje kvartal" not in html


def test_criteria_page_shows_parameters_in_words(criteria_page):
    html = criteria_page()
    assert "Minsta drifttid: 72 timmar" in html
    assert "Roller som krävs: Ansvarig för trygghetspunkten, Reservkraft, Samband" in html


def test_criteria_page_shows_no_raw_parameter_keys(criteria_page):
    html = criteria_page()
    # Keys read as code: `min_hours`, `point_manager`, `satellite_phone`, `days = 31`.
    raw = {
        key
        for criterion in base_catalog().criteria
        for name, value in criterion.params.items()
        for key in [f"{name} =", name, *(value if isinstance(value, list) else [])]
        if "_" in key or "=" in key
    }
    assert sorted(key for key in raw if key in html) == []


@pytest.mark.parametrize(
    "language, start", [("sv", "72 timmar: den äldre svenska"), ("en", "72 h: the older Swedish")]
)
def test_criteria_endpoint_gives_the_source_as_text_in_the_readers_language(api, language, start):
    body = api("staff").get("/api/v1/criteria", headers={"Accept-Language": language}).get_json()
    runtime = next(c for c in body if c["id"] == "POWER-RUNTIME")
    assert runtime["source"].startswith(start)
