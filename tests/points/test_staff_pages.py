"""Staff see their own points first, and a refusal tells them what to do next."""

from __future__ import annotations

import html as html_lib

import pytest

from tests.factories import make_point, make_user


@pytest.fixture
def points(session):
    """Almby (assigned to the staff member below) and Bergby (not)."""
    return make_point(session, name="Almby"), make_point(session, name="Bergby", area="Ås")


@pytest.fixture
def staff(web, session, points):
    make_user(session, "staff", email="butik@test.example", points=[points[0]])
    web.login("butik@test.example")
    return web.client


def page(client, url: str) -> str:
    return html_lib.unescape(client.get(url).get_data(as_text=True))


def test_points_list_for_staff_without_arguments_shows_only_their_points(staff):
    html = page(staff, "/points")
    assert "Almby" in html and "Bergby" not in html
    assert 'name="mine" value="1" checked' in html


def test_points_list_for_staff_offers_all_points_in_one_link(staff):
    html = page(staff, "/points")
    assert '<a href="?mine=0">Visa alla punkter</a>' in html


def test_points_list_for_staff_asking_for_all_shows_every_point(staff):
    html = page(staff, "/points?mine=0")
    assert "Almby" in html and "Bergby" in html
    assert 'name="mine" value="0" checked' in html


def test_points_list_for_staff_with_other_filters_still_shows_only_their_points(staff):
    html = page(staff, "/points?municipality=Krokom&sort=name&page=1")
    assert "Almby" in html and "Bergby" not in html


def test_points_list_for_staff_without_assigned_points_shows_every_point(web, session, points):
    make_user(session, "staff", email="ny@test.example")
    web.login("ny@test.example")
    html = page(web.client, "/points")
    assert "Almby" in html and "Bergby" in html


def test_points_list_for_a_coordinator_shows_every_point_without_the_switch(web, session, points):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    html = page(web.client, "/points")
    assert "Almby" in html and "Bergby" in html
    assert 'name="mine"' not in html


def test_points_list_with_an_unknown_mine_value_is_422(staff):
    assert staff.get("/points?mine=yes").status_code == 422


def test_edit_of_a_point_not_assigned_tells_staff_to_ask_the_coordinator(staff, points):
    other = points[1]
    response = staff.get(f"/points/{other.id}/edit")
    html = html_lib.unescape(response.get_data(as_text=True))
    assert response.status_code == 403
    assert "Be samordnaren lägga till dig på punkten." in html
    assert f'<a href="/points/{other.id}">Tillbaka till punkten</a>' in html


def test_edit_of_a_point_not_assigned_in_english_asks_for_the_coordinator(staff, points):
    html = page(staff, f"/points/{points[1].id}/edit?lang=en")
    assert "Ask the coordinator to add you to the point." in html


def test_forbidden_page_for_a_role_names_a_next_step_and_links_to_the_list(staff):
    response = staff.get("/points/new")
    html = html_lib.unescape(response.get_data(as_text=True))
    assert response.status_code == 403
    assert "be en administratör ge ditt konto en roll som tillåter det" in html
    assert '<a href="/points">Tillbaka till listan över trygghetspunkter</a>' in html
    assert "Be samordnaren" not in html


def test_api_edit_of_a_point_not_assigned_keeps_the_error_shape(api, points):
    client = api("staff", points=[points[0]])
    response = client.patch(f"/api/v1/points/{points[1].id}", {"version": 1, "capacity": 5})
    assert response.status_code == 403
    assert response.get_json() == {
        "errors": {"_request": ["Du kan bara redigera trygghetspunkter som är tilldelade dig."]}
    }
