"""The area staff form in a real browser: Enter saves, and errors take focus in words."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, make_point, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def area_form(live_server, page, session):
    """The browser on the edit form of Föllinge's crisis staff, as a coordinator."""
    make_user(session, "auditor", email="samordnare@test.example")
    area_id = make_point(session).area_id
    page.goto(f"{live_server}/login")
    page.get_by_label("E-post").fill("samordnare@test.example")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(f"{live_server}/points")
    page.goto(f"{live_server}/areas/{area_id}/edit")
    return page, f"{live_server}/areas/{area_id}"


def field(page, name: str):
    return page.locator(f'[id="{name}"]')


def test_area_form_enter_in_a_field_saves_the_person(area_form):
    page, area_url = area_form
    field(page, "staff.0.name").fill("Maria Sjöberg")
    field(page, "staff.0.phone").fill("070-174 06 55")
    field(page, "staff.0.phone").press("Enter")
    page.wait_for_url(area_url)
    assert page.get_by_role("link", name="070-174 06 55").get_attribute("href") == (
        "tel:+46701740655"
    )


def test_area_form_invalid_phone_focuses_the_summary_naming_the_field(area_form):
    page, _area_url = area_form
    field(page, "staff.0.name").fill("Maria Sjöberg")
    field(page, "staff.0.phone").fill("12345")
    field(page, "staff.0.phone").press("Enter")
    page.wait_for_load_state()
    focused = page.evaluate("document.activeElement.id")
    assert focused == "error-summary"
    assert (
        "Person 1 › Telefon: Inte ett giltigt telefonnummer"
        in page.locator("#error-summary").inner_text()
    )


def test_area_form_summary_link_moves_focus_to_the_phone_field(area_form):
    page, _area_url = area_form
    field(page, "staff.0.name").fill("Maria Sjöberg")
    field(page, "staff.0.phone").fill("12345")
    field(page, "staff.0.phone").press("Enter")
    page.wait_for_load_state()
    page.locator("#error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "staff.0.phone"
