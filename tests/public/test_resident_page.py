"""The resident page and public list: tiny, script-free, cacheable, public data only."""

from __future__ import annotations

import re

from tests.factories import full_crew, make_point, point_input

LIMIT = 14 * 1024


def channels():
    return [
        {"kind": "local_radio", "detail": "P4 Jämtland 103,5 MHz"},
        {"kind": "rakel", "detail": "Talgrupp KROKOM-TP"},
    ]


def assert_self_contained(html: str) -> None:
    assert len(html.encode()) <= LIMIT
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing fetched from elsewhere
    assert "<link" not in html and "<img" not in html and "@import" not in html


def test_resident_page_shows_what_a_resident_needs(client, session):
    point = make_point(session, contacts=full_crew(), channels=channels())
    response = client.get(f"/p/{point.code}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert_self_contained(html)
    for expected in (
        "Handlar&#39;n Föllinge",
        "Byvägen 12",
        "Dygnet runt vid kris",
        "öppnar vid elavbrott",
        "Värme",
        "Laddning",
        "Ramp vid entrén.",
        'href="tel:+46701740605"',
        "070-174 06 05",
        "P4 Jämtland 103,5 MHz",
        'href="geo:63.667,14.619"',
        "Uppdaterad",
        "Reservkraft finns på platsen.",
    ):
        assert expected in html, expected
    assert "KROKOM-TP" not in html


def test_resident_page_in_english_links_back_to_swedish(client, session):
    point = make_point(session)
    html = client.get(f"/p/{point.code}?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "When it opens" in html and "Heat" in html
    assert f'href="/p/{point.code}"' in html  # "På svenska"


def test_open_crisis_state_and_message_come_first(api, client, session):
    point = make_point(session)
    api("auditor").patch(
        f"/api/v1/points/{point.id}",
        {"version": 1, "crisis": {"state": "open", "message": "Öppet dygnet runt, kaffe finns."}},
    )
    html = client.get(f"/p/{point.code}").get_data(as_text=True)
    assert html.index("Öppen nu") < html.index("<h1>")
    assert "Öppet dygnet runt, kaffe finns." in html


def test_resident_page_is_cacheable_and_answers_304(client, session, api):
    point = make_point(session)
    first = client.get(f"/p/{point.code}")
    etag = first.headers["ETag"]
    assert "max-age=60" in first.headers["Cache-Control"]
    assert "Set-Cookie" not in first.headers
    again = client.get(f"/p/{point.code}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    api("auditor").patch(f"/api/v1/points/{point.id}", {"version": 1, "crisis_hours": "8–20"})
    changed = client.get(f"/p/{point.code}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_unknown_or_archived_code_gets_a_friendly_404(client, session, api):
    html = client.get("/p/ZZZZZZ").get_data(as_text=True)
    assert client.get("/p/ZZZZZZ").status_code == 404
    assert "Ingen trygghetspunkt har den koden" in html
    assert_self_contained(html)
    point = make_point(session)
    api("auditor").delete(f"/api/v1/points/{point.id}")
    assert client.get(f"/p/{point.code}").status_code == 404


def test_public_list_of_a_municipality(client, session):
    make_point(session, name="Almby bystuga", municipality="Krokom")
    make_point(session, name="Dikanäs handel", municipality="Vilhelmina")
    html = client.get("/p/?municipality=Krokom").get_data(as_text=True)
    assert_self_contained(html)
    assert "Almby bystuga" in html and "Dikanäs handel" not in html
    index = client.get("/p/").get_data(as_text=True)
    assert "Krokom" in index and "Vilhelmina" in index


def test_resident_page_needs_at_most_3_queries(client, session, count_queries):
    url = f"/p/{make_point(session, contacts=full_crew(), channels=channels()).code}"
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    assert len(statements) <= 3
    for i in range(10):
        make_point(session, name=f"P{i}")
    with count_queries() as statements:
        assert client.get("/p/?municipality=Krokom").status_code == 200
    assert len(statements) <= 3


def test_public_geojson_needs_no_token_and_carries_public_fields(client, session):
    make_point(session, contacts=full_crew())
    response = client.get("/api/v1/public/points.geojson?municipality=Krokom")
    assert response.status_code == 200
    body = response.get_json()
    [feature] = body["features"]
    assert body["type"] == "FeatureCollection"
    assert feature["geometry"] == {"type": "Point", "coordinates": [14.619, 63.667]}
    assert feature["properties"]["public_contacts"] == [
        {"name": "Anna Berg", "phone": "+46701740605"}
    ]
    assert point_input()["name"] == feature["properties"]["name"]


def test_a_large_municipality_lists_areas_first_and_every_page_stays_small(
    app, client, session, tmp_path
):
    from readiness.auth.actors import SYSTEM
    from readiness.points.writes import create_point
    from readiness.public.bundle import export_bundle

    for n in range(170):  # the spec's scale: ~500 points a municipality, here enough to group
        create_point(
            session,
            point_input(
                name=f"Bygdegården i Storbyn nummer {n:03d}",
                area="Övre dalen" if n % 2 else "Ås",
                locality="Storbyn med långt ortnamn",
                contacts=[],
                channels=[],
            ),
            SYSTEM,
        )
    make_point(session, name="Kommunhuset", area=None)
    session.commit()
    html = client.get("/p/?municipality=Krokom").get_data(as_text=True)
    assert_self_contained(html)
    assert "Övre dalen (85)" in html and "Ås (85)" in html and "Kommunhuset" in html
    area = client.get("/p/?municipality=Krokom&area=%C3%85s").get_data(as_text=True)
    assert_self_contained(area)
    assert area.count('class="btn"') == 85
    with app.app_context():
        from readiness.extensions import db

        files = export_bundle(db.session, tmp_path / "bundle")
    for path in files:
        assert len(path.read_bytes()) <= LIMIT, path.name
    assert any(p.name == "kommun-krokom-ovre-dalen.html" for p in files)


def test_trailing_slash_and_lower_case_code_reach_the_resident_page(client, session):
    point = make_point(session)
    response = client.get(f"/p/{point.code.lower()}/?lang=en")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/p/{point.code}?lang=en")
    page = client.get(f"/p/{point.code}/", follow_redirects=True)
    assert page.status_code == 200 and "Handlar&#39;n Föllinge" in page.get_data(as_text=True)


def test_public_list_matches_the_municipality_whatever_its_case(client, session):
    make_point(session, name="Almby bystuga", municipality="Krokom", area="Föllinge")
    html = client.get("/p/?municipality=krokom").get_data(as_text=True)
    assert "<h1>Trygghetspunkter – Krokom" in html and "Almby bystuga" in html
    area = client.get("/p/?municipality=KROKOM&area=föllinge").get_data(as_text=True)
    assert "Krokom, Föllinge</h1>" in area and "Almby bystuga" in area
    unknown = client.get("/p/?municipality=Atlantis")
    assert unknown.status_code == 404
    assert "Inga trygghetspunkter hittades" in unknown.get_data(as_text=True)


def test_normal_state_says_the_point_is_not_activated_and_when_it_opens(client, session):
    point = make_point(session, activation=["power_outage", "heat_crisis"])
    html = client.get(f"/p/{point.code}").get_data(as_text=True)
    assert "Inte aktiverad just nu – öppnar vid elavbrott, värmekris." in re.sub(
        "<[^>]+>", "", html
    )
    assert html.index("Inte aktiverad just nu") < html.index("<h1>") < html.index('href="tel:')
