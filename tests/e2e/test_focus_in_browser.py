"""Our own focus ring, not only the browser's: 3 px, dark on the white page, white on the blue
header (both over 3:1 against what is around them)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

RING = (
    "() => { const s = getComputedStyle(document.activeElement);"
    " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
)


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_focus_on_a_link_in_the_page_shows_a_dark_3px_ring(open_page, demo_site):
    page = open_page()
    page.goto(f"{demo_site.url}/points/{demo_site.point_id}")
    tab_to(page, "main a")
    assert page.evaluate(RING) == ["solid", "3px", "rgb(27, 27, 27)"]


def test_focus_on_a_link_in_the_header_shows_a_white_3px_ring(open_page, demo_site):
    page = open_page()
    page.goto(f"{demo_site.url}/points")
    tab_to(page, "header.site nav a")
    assert page.evaluate(RING) == ["solid", "3px", "rgb(255, 255, 255)"]


def test_focus_on_a_button_of_the_resident_page_shows_a_dark_3px_ring(open_page, demo_site):
    page = open_page(signed_in=False)
    page.goto(f"{demo_site.url}/p/{demo_site.code}")
    tab_to(page, "a.btn")
    assert page.evaluate(RING) == ["solid", "3px", "rgb(17, 17, 17)"]
