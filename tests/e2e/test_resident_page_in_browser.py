"""The resident page on a small phone: 320 px wide, nothing overflows, links are tappable."""

from __future__ import annotations

import pytest

from tests.factories import full_crew, make_point

pytestmark = pytest.mark.browser


def test_resident_page_fits_320_px_without_horizontal_scrolling(live_server, browser, session):
    point = make_point(
        session,
        name="Räddningsstationen i Föllinge med ett mycket långt namn",
        contacts=full_crew(),
        public_info="Ingång från baksidan: följ skyltarna förbi garaget till samlingssalen.",
        channels=[
            {"kind": "website", "detail": "https://www.krokom.se/kris/trygghetspunkter/follinge"}
        ],
    )
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=True)
    page = context.new_page()
    page.goto(f"{live_server}/p/{point.code}")
    assert page.locator("h1").inner_text().startswith("Räddningsstationen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    too_wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 320)"
        ".map(e => e.tagName + ' ' + e.textContent.slice(0, 40))"
    )
    assert too_wide == []
    for link in page.locator("a.btn").all():  # tap targets at least 44 px high
        assert link.bounding_box()["height"] >= 44
    context.close()


@pytest.mark.parametrize("state", ["open", "normal"])
def test_first_screen_answers_is_it_open_where_and_whom_to_call(
    live_server, browser, session, api, state
):
    """At 320 x 568 (a small phone) the state, the name and address with the map link and the
    phone button are all on the first screen, in that order; the number does not wrap."""
    point = make_point(
        session,
        contacts=full_crew(),
        activation=["power_outage", "telecom_outage", "heat_crisis"],
        public_info="Ingång från baksidan: följ skyltarna förbi garaget till samlingssalen.",
    )
    if state == "open":
        api("auditor").patch(
            f"/api/v1/points/{point.id}",
            {"version": 1, "crisis": {"state": "open", "message": "Öppet dygnet runt. Värme."}},
        )
    context = browser.new_context(viewport={"width": 320, "height": 568})
    page = context.new_page()
    page.goto(f"{live_server}/p/{point.code}")
    state_box = page.locator(".state").bounding_box()
    heading = page.locator("h1").bounding_box()
    map_link = page.locator("a[href^='geo:']").bounding_box()
    call = page.locator("a[href^='tel:']").first
    call_box = call.bounding_box()
    expected = "Öppen nu" if state == "open" else "Inte aktiverad just nu – öppnar vid elavbrott"
    assert expected in " ".join(page.locator(".state").text_content().split())
    assert state_box["y"] < heading["y"] < map_link["y"] < call_box["y"]
    assert call_box["y"] + call_box["height"] <= 568, "the phone button is below the first screen"
    page.screenshot(path=f"/tmp/sheet/phone-{state}.png")  # noqa: S108
    number = call.locator(".nw")
    assert number.bounding_box()["height"] < 40  # one line: the number never wraps
    context.close()
