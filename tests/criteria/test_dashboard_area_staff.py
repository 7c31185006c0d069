"""The dashboard's panel of the areas' crisis staff: each area with a gap, in words, linked to
its page, for the same selection as the rest of the dashboard."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from tests.factories import complete_point_input, make_area_staff, make_point, make_user


@pytest.fixture
def dashboard(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")

    def panel(query: str = "") -> str:
        html = html_lib.unescape(client.get(f"/readiness{query}").get_data(as_text=True))
        start = html.index('id="area-staff-heading"')
        return html[start : html.index("</section>", start)]

    return panel


def test_dashboard_area_panel_states_an_area_without_staff_in_words(dashboard, session):
    make_point(session)
    assert "Området Föllinge har ingen krisstab registrerad" in dashboard()


def test_dashboard_area_panel_links_the_area_to_its_page(dashboard, session):
    point = make_point(session)
    assert f'<a href="/areas/{point.area_id}"><strong>Föllinge</strong></a>' in dashboard()


def test_dashboard_area_panel_names_the_missing_roles(dashboard, session):
    make_point(session)
    coordinators = [
        {"name": "Maria Sjöberg", "phone": "070-174 06 55", "roles": ["area_coordinator"]},
        {"name": "Johan Lindqvist", "phone": "070-174 06 56", "roles": ["area_coordinator"]},
    ]
    make_area_staff(session, staff=coordinators)
    assert (
        "Krisstaben för området Föllinge: ingen med telefon har rollen: Reservkraft, Samband, "
        "Information till invånare." in dashboard()
    )


def test_dashboard_area_panel_counts_the_areas_points_once_per_area(dashboard, session):
    make_point(session, name="A")
    make_point(session, name="B")
    panel = dashboard()
    assert panel.count("har ingen krisstab registrerad") == 1 and "2 trygghetspunkter" in panel


def test_dashboard_area_panel_leaves_out_an_area_with_full_staff(dashboard, session):
    make_point(session)
    make_area_staff(session)
    assert "Inget område i urvalet saknar krisstab." in dashboard()


def test_dashboard_area_panel_follows_the_municipality_filter(dashboard, session):
    make_point(session)
    make_point(session, name="Dikanäs Handel", municipality="Vilhelmina", area="Dikanäs")
    panel = dashboard("?municipality=Vilhelmina")
    assert "Området Dikanäs" in panel and "Föllinge" not in panel


def test_dashboard_area_panel_follows_the_level_filter(dashboard, session):
    make_point(session, power={"source": "none"})  # not ready
    dikanas = complete_point_input(name="Dikanäs Handel", municipality="Vilhelmina", area="Dikanäs")
    make_point(session, **dikanas)  # gaps: no sheet, no audit, no area staff
    panel = dashboard("?level=not_ready")
    assert "Området Föllinge" in panel and "Dikanäs" not in panel


def test_dashboard_by_place_links_the_area_to_its_page(dashboard, session, client):
    point = make_point(session)
    html = client.get("/readiness").get_data(as_text=True)
    by_place = html[html.index('id="by-place-heading"') :]
    assert re.search(rf'&nbsp;&nbsp;<a href="/areas/{point.area_id}">Föllinge</a>', by_place)
