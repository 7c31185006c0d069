"""Debian's Chromium driven by Playwright (the live server is in tests/conftest.py)."""

from __future__ import annotations

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without these Chromium keeps trying to reach Google services, which this network refuses.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    args = CHROMIUM_ARGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo register over HTTP, built once per test process (see register_site.py)."""
    from tests.conftest import make_app
    from tests.e2e.register_site import DemoSite, Server, build_demo_site

    folder = tmp_path_factory.mktemp("demo-site")
    url = "sqlite:///" + str(folder / "register.sqlite3")
    app, ids = build_demo_site(url, folder / "instance", make_app)
    server = Server(app)
    yield DemoSite(server.url, **ids)
    server.stop()


@pytest.fixture(scope="session")
def admin_storage(browser, demo_site):
    from tests.e2e.register_site import sign_in

    return sign_in(browser, demo_site.url)


@pytest.fixture
def open_page(browser, admin_storage):
    """`open_page(width=320, signed_in=False)` -> a page in a new browser context (its own
    language cookie), signed in as the demo administrator unless told otherwise."""
    contexts = []

    def opener(width: int = 1280, height: int = 800, signed_in: bool = True):
        context = browser.new_context(
            locale="sv-SE",
            viewport={"width": width, "height": height},
            storage_state=admin_storage if signed_in else None,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield opener
    for context in contexts:
        context.close()
