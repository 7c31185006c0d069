"""axe-core on every register page and the public pages, in Swedish and English: no violation of
impact moderate or worse. axe-core comes bundled with axe-playwright-python."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.register_site import LANGUAGES, PUBLIC_PAGES, REGISTER_PAGES, submit_invalid_edit

pytestmark = pytest.mark.browser

FAILING_IMPACTS = ("moderate", "serious", "critical")


def violations(page) -> list[str]:
    """What axe finds on the page as it is now, moderate or worse, one line a rule."""
    found = Axe().run(page).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at "
        + "; ".join(" ".join(node["target"]) for node in rule["nodes"][:5])
        for rule in found
        if rule["impact"] in FAILING_IMPACTS
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", REGISTER_PAGES)
def test_register_page_in_each_language_has_no_axe_violation(open_page, demo_site, name, lang):
    page = open_page()
    page.goto(demo_site.url + demo_site.path(REGISTER_PAGES[name], lang))
    assert "/login" not in page.url
    assert violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_in_each_language_has_no_axe_violation(open_page, demo_site, name, lang):
    page = open_page(signed_in=False)
    page.goto(demo_site.url + demo_site.path(PUBLIC_PAGES[name], lang))
    assert violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_edit_form_with_errors_in_each_language_has_no_axe_violation(open_page, demo_site, lang):
    page = open_page()
    submit_invalid_edit(page, demo_site, lang)
    assert page.locator(".error-box, [role=alert]").count() > 0  # the summary is on the page
    assert violations(page) == []
