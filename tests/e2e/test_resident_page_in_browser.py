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
