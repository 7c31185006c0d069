"""Every register page and public page on a 320 px wide phone (WCAG 1.4.10 reflow): the page
never scrolls sideways; a table wider than the screen scrolls inside its own box, which a
keyboard can reach (tabindex) and a screen reader names (a labelled region)."""

from __future__ import annotations

import pytest

from tests.e2e.register_site import LANGUAGES, PUBLIC_PAGES, REGISTER_PAGES, submit_invalid_edit

pytestmark = pytest.mark.browser

WIDTH = 320

# Boxes that scroll sideways (form fields aside) and are not a focusable, named region.
UNREACHABLE_SCROLL_BOXES = """() => [...document.querySelectorAll('body *')]
  .filter(e => !['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName))
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
  .filter(e => e.scrollWidth > e.clientWidth)
  .filter(e => {
    const labelledBy = document.getElementById(e.getAttribute('aria-labelledby') || '');
    const name = (e.getAttribute('aria-label') || (labelledBy && labelledBy.textContent) || '');
    return !(e.tabIndex === 0 && e.getAttribute('role') === 'region' && name.trim());
  })
  .map(e => e.outerHTML.slice(0, 120))"""


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def open_at_320(open_page, site, path: str, signed_in: bool = True):
    page = open_page(width=WIDTH, height=640, signed_in=signed_in)
    page.goto(site.url + path)
    return page


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", REGISTER_PAGES)
def test_register_page_at_320_px_does_not_scroll_sideways(open_page, demo_site, name, lang):
    page = open_at_320(open_page, demo_site, demo_site.path(REGISTER_PAGES[name], lang))
    assert "/login" not in page.url
    assert page_width(page) <= WIDTH


@pytest.mark.parametrize("name", REGISTER_PAGES)
def test_register_page_at_320_px_scrolls_only_named_focusable_boxes(open_page, demo_site, name):
    page = open_at_320(open_page, demo_site, demo_site.path(REGISTER_PAGES[name]))
    assert page.evaluate(UNREACHABLE_SCROLL_BOXES) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_at_320_px_does_not_scroll_sideways(open_page, demo_site, name, lang):
    path = demo_site.path(PUBLIC_PAGES[name], lang)
    page = open_at_320(open_page, demo_site, path, signed_in=False)
    assert page_width(page) <= WIDTH


def test_edit_form_with_errors_at_320_px_does_not_scroll_sideways(open_page, demo_site):
    page = open_page(width=WIDTH, height=640)
    submit_invalid_edit(page, demo_site, "sv")
    assert page_width(page) <= WIDTH
