"""The storm rehearsal on the demo data, on a phone-sized screen: a coordinator opens three
points in Föllinge with a message, logs what happens and a fuel reading, sees on the board which
point runs out of power first, and ends the event."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from readiness.demo import load_demo
from readiness.points.models import Point
from tests.factories import PASSWORD, TEST_PASSWORD_HASH_METHOD, make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MESSAGE = "Öppet dygnet runt. Värme, vatten och laddning finns."
EVENT = "Storm Dagmar, december 2026"


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="sv-SE", viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def open_from_the_point_page(page, name: str) -> None:
    """Two taps: Öppna on the point page, Spara on the form it fills in."""
    page.get_by_role("link", name="Trygghetspunkter").first.click()
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("link", name="Öppna", exact=True).click()
    assert fits_the_screen(page)
    page.get_by_role("button", name="Spara", exact=True).click()
    assert page.get_by_text(f"1 punkt är nu öppen: {name}.").is_visible()


def test_coordinator_rehearses_a_storm_in_follinge_on_a_phone(
    live_server, phone, session, tmp_path
):
    load_demo(session, tmp_path, hash_method=TEST_PASSWORD_HASH_METHOD)
    make_user(session, "auditor", email="beredskap@test.example")
    page = phone
    page.goto(f"{live_server}/login")
    page.get_by_label("E-post").fill("beredskap@test.example")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    # The first point from the crisis page: choose it, name the event; the message is filled in.
    page.get_by_role("link", name="Kris", exact=True).click()
    assert page.locator("#message").input_value() == MESSAGE
    page.locator("#point").select_option(label="Handlar'n Föllinge (Föllinge)")
    page.locator("#event").fill(EVENT)
    assert fits_the_screen(page)
    page.get_by_role("button", name="Spara", exact=True).click()
    assert page.get_by_text("1 punkt är nu öppen: Handlar'n Föllinge.").is_visible()

    # Two more from their point pages: the running event is chosen already.
    open_from_the_point_page(page, "Laxsjö bystuga")
    open_from_the_point_page(page, "Räddningsstation Föllinge")

    # The board: log what happens at Laxsjö and how much fuel is left there.
    page.get_by_role("link", name=EVENT).click()
    laxsjo = page.locator("li.board-point", has_text="Laxsjö bystuga")
    laxsjo.get_by_role("link", name="Logga eller läs av bränsle").click()
    page.get_by_label("Vad som hände").fill("Elverket startat, 12 personer inne.")
    page.get_by_label("Antal personer på punkten").fill("12")
    page.get_by_role("button", name="Spara i loggen").click()
    assert page.get_by_text("Loggat för Laxsjö bystuga.").is_visible()
    laxsjo.get_by_role("link", name="Logga eller läs av bränsle").click()
    page.get_by_label("Eller: andel av tanken (procent)").fill("20")
    page.get_by_role("button", name="Spara avläsningen").click()

    # Which point runs out first: on top, flagged in words.
    first = page.locator("li.board-point").first
    assert first.locator("h2").inner_text() == "Laxsjö bystuga"
    assert "Mindre än ett dygn kvar" in first.inner_text()
    assert "Elverket startat, 12 personer inne." in first.inner_text()
    assert page.locator("li.board-point").count() == 3
    assert fits_the_screen(page)

    # End the event, with a confirmation: every point goes back to normal.
    page.get_by_role("link", name="Avsluta händelsen").click()
    assert page.get_by_text("3 punkter återgår genast till normalläge").is_visible()
    page.get_by_role("button", name="Avsluta händelsen").click()
    assert page.get_by_text(f"{EVENT} är avslutad.").is_visible()
    session.expire_all()
    follinge = session.scalars(select(Point).where(Point.area.has(name="Föllinge"))).all()
    assert {p.crisis_state for p in follinge} == {"normal"}
