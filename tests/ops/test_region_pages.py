"""Pages that must stay small at region scale: the dashboard pages its work list and table while
its figures count every point; the public GeoJSON is kept rendered, answers a conditional GET
without a query, and goes compressed to clients that ask."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from tests.criteria.test_dashboard_page import panel, text
from tests.factories import complete_point_input, make_point, make_user

GEOJSON = "/api/v1/public/points.geojson"
NO_POWER = {"source": "none"}  # POWER-SOURCE, a critical gap: not ready


@pytest.fixture
def five_points(session):
    """Punkt 1 to Punkt 5, each with gaps; Punkt 3 without reserve power (not ready)."""
    return [
        make_point(
            session,
            **complete_point_input(name=f"Punkt {n}", **({"power": NO_POWER} if n == 3 else {})),
        )
        for n in range(1, 6)
    ]


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return web.client


def table_names(html: str) -> list[str]:
    rows = re.findall(r'<tr><th scope="row"><a [^>]*>(.*?)</a>', panel(html, "Points"))
    return [text(name) for name in rows]


def work_names(html: str) -> list[str]:
    work = re.search(r'<ol class="work-list".*?</ol>', html, re.S).group(0)
    return [text(name) for name in re.findall(r"<li><a [^>]*><strong>(.*?)</strong>", work)]


def tile_counts(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span class="big">(\d+)</span>', html)]


def test_dashboard_pages_both_lists_and_counts_every_point(coordinator, five_points):
    pages = [
        coordinator.get(f"/readiness?sort=name&per_page=2&page={n}&lang=en").get_data(as_text=True)
        for n in (1, 2, 3)
    ]
    assert [table_names(html) for html in pages] == [
        ["Punkt 1", "Punkt 2"],
        ["Punkt 3", "Punkt 4"],
        ["Punkt 5"],
    ]
    # The work list: most urgent first (Punkt 3, not ready), two a page, each point once.
    work = [work_names(html) for html in pages]
    assert work[0][0] == "Punkt 3" and [len(names) for names in work] == [2, 2, 1]
    assert sorted(sum(work, [])) == [f"Punkt {n}" for n in range(1, 6)]
    for n, html in enumerate(pages, start=1):
        assert sum(tile_counts(html)) == 5  # the level tiles count all five on every page
        assert f"Page {n} of 3" in text(html)
        assert "5 points have gaps." in text(html)
    # Punkt 3's critical gap is in the table on page 2, though the work list shows it on page 1.
    row = next(r for r in re.findall(r"<tr>.*?</tr>", pages[1], re.S) if "Punkt 3" in r)
    assert "<div>" in row


def test_dashboard_with_one_page_shows_no_pager(coordinator, five_points):
    html = coordinator.get("/readiness?lang=en").get_data(as_text=True)
    assert len(table_names(html)) == 5
    assert "Page 1 of" not in text(html) and 'class="pages"' not in html


def test_dashboard_common_gap_names_at_most_twenty_points_and_counts_the_rest(coordinator, session):
    for n in range(22):
        make_point(session, **complete_point_input(name=f"Ort {n:02}", power=NO_POWER))
    common = panel(coordinator.get("/readiness?lang=en").get_data(as_text=True), "Most common gaps")
    item = re.search(r"<li>.*?POWER-SOURCE.*?</details></li>", common, re.S).group(0)
    assert "22 points" in text(item)
    assert len(re.findall(r"Ort \d\d", item)) == 20
    assert "and 2 more" in text(item)


def test_geojson_conditional_get_from_the_cache_runs_no_query(client, session, count_queries):
    make_point(session, **complete_point_input(name="Almby"))
    first = client.get(GEOJSON)
    assert first.status_code == 200
    with count_queries() as statements:
        again = client.get(GEOJSON, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert statements == []


def test_geojson_compressed_for_clients_that_ask_and_revalidated_without_a_query(
    client, session, count_queries
):
    for name in ("Almby", "Bergby", "Cederby"):
        make_point(session, **complete_point_input(name=name))
    plain = client.get(GEOJSON)
    packed = client.get(GEOJSON, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert json.loads(gzip.decompress(packed.data)) == json.loads(plain.data)
    assert len(packed.data) < len(plain.data) / 3
    with count_queries() as statements:
        again = client.get(
            GEOJSON,
            headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]},
        )
    assert again.status_code == 304 and statements == []


def test_geojson_shows_a_change_at_once_after_its_commit(client, api, session):
    point = make_point(session, **complete_point_input(name="Almby"))
    before = client.get(GEOJSON)
    coordinator = api("auditor")
    changed = coordinator.patch(f"/api/v1/points/{point.id}", {"version": 1, "name": "Almby by"})
    assert changed.status_code == 200
    after = client.get(GEOJSON, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert [f["properties"]["name"] for f in after.get_json()["features"]] == ["Almby by"]
