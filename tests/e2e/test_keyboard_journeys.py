"""Keyboard-only journeys in a real browser: logging in, staff changing a date and saving with
Enter, a coordinator creating a point with a contact and a channel.

The user's actions are keys only (Tab, Shift+Tab, Enter, Space, arrows, typing): no clicks, no
`fill()`, no `focus()`. `tab_to` presses Tab until the wanted control has the focus and fails if
it never gets there, which means that control cannot be reached with the keyboard.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.factories import PASSWORD, days_ago, make_point, make_user

pytestmark = pytest.mark.browser

# More than the longest form (the point form) has stops before its Save button.
MAX_TABS = 150

# Debian's Chromium ships only its en-US interface language (no chromium-l10n), so a date input
# shows month/day/year whatever the page's language; a Swedish Chromium shows year-month-day.
DATE_FIELD_ORDER = ("month", "day", "year")

FOCUSED = "document.activeElement"
OUTLINE = "getComputedStyle(document.activeElement).outlineStyle"


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def focused_description(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
        " + (e.name ? '[name=' + e.name + ']' : '') + ' ' + (e.innerText || '').slice(0, 40); }"
    )


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = MAX_TABS) -> None:
    """Press Tab (Shift+Tab when `backwards`) until the control matching `selector` is focused."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if focused_matches(page, selector):
            return
    raise AssertionError(
        f"{selector} never had the focus after {limit} presses of {key}: it is not reachable "
        f"with the keyboard (the focus ended on {focused_description(page)})"
    )


def wait_for_focus(page, selector: str) -> None:
    """Wait until the control matching `selector` has the focus the page gives on opening
    (`autofocus` is applied at the browser's next rendering, which may come after `load`)."""
    try:
        page.wait_for_function(
            "selector => document.activeElement.matches(selector)", arg=selector, timeout=5_000
        )
    except PlaywrightTimeout:
        raise AssertionError(
            f"the page did not put the focus on {selector} "
            f"(the focus is on {focused_description(page)})"
        ) from None


def by_id(name: str) -> str:
    """A selector for an id with dots in it (`power.last_test_run`)."""
    return f'[id="{name}"]'


def choose_with_arrows(page, text: str, limit: int = 20) -> None:
    """Press the down arrow on the focused <select> until it shows the option `text`."""
    for _ in range(limit):
        page.keyboard.press("ArrowDown")
        shown = page.evaluate(f"{FOCUSED}.selectedOptions[0].text")
        if shown == text:
            return
    raise AssertionError(f"the down arrow never chose {text!r} in {focused_description(page)}")


def type_date(page, iso: str) -> None:
    """Type a date into the focused date input as a user does: its digits, field by field, in
    the order the browser shows the fields (each field moves on when it is full)."""
    year, month, day = iso.split("-")
    parts = {"year": year, "month": month, "day": day}
    page.keyboard.type("".join(parts[name] for name in DATE_FIELD_ORDER))


def assert_focus_is_visible(page) -> None:
    assert page.evaluate(OUTLINE) != "none", f"no focus outline on {focused_description(page)}"


def log_in_with_keys(page, url: str, email: str) -> None:
    """The login form by keyboard: the e-mail field has the focus when the page opens."""
    page.goto(f"{url}/login")
    wait_for_focus(page, "#email")
    page.keyboard.type(email)
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{url}/points*")


def press_and_wait(page, key: str) -> None:
    """Press a key that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


# (c) The login form.


def test_login_form_by_keyboard_lands_on_the_point_list(live_server, page, session):
    make_user(session, "staff", email="personal@test.example")
    log_in_with_keys(page, live_server, "personal@test.example")
    assert page.locator("h1").inner_text() == "Trygghetspunkter"


def test_login_form_tab_from_password_reaches_the_visible_login_button(live_server, page):
    page.goto(f"{live_server}/login")
    tab_to(page, "#password")
    tab_to(page, "button[type=submit]", limit=1)
    assert page.evaluate(f"{FOCUSED}.innerText") == "Logga in"
    assert_focus_is_visible(page)


def test_login_form_shift_tab_from_password_goes_back_to_the_email(live_server, page):
    page.goto(f"{live_server}/login")
    tab_to(page, "#password")
    tab_to(page, "#email", backwards=True, limit=1)
    assert_focus_is_visible(page)


def test_login_form_wrong_password_by_keyboard_says_so(live_server, page, session):
    make_user(session, "staff", email="personal@test.example")
    page.goto(f"{live_server}/login")
    wait_for_focus(page, "#email")
    page.keyboard.type("personal@test.example")
    tab_to(page, "#password")
    page.keyboard.type("fel lösenord")
    press_and_wait(page, "Enter")
    assert page.get_by_role("alert").is_visible()
    assert "/login" in page.url


# (a) Staff change the generator's last test run on their point and save with Enter.


@pytest.fixture
def staff_point(session):
    point = make_point(session, name="Handlar'n Föllinge")
    make_user(session, "staff", email="personal@test.example", points=[point])
    return point


def open_own_point_edit_form(page, url: str, point) -> None:
    """From the point list to the point's page to its edit form, by Tab and Enter."""
    log_in_with_keys(page, url, "personal@test.example")
    tab_to(page, f'main a[href="/points/{point.id}"]')
    press_and_wait(page, "Enter")
    tab_to(page, f'main a[href="/points/{point.id}/edit"]')
    assert_focus_is_visible(page)
    press_and_wait(page, "Enter")


def test_staff_keyboard_journey_new_test_run_date_shows_on_the_point_page(
    live_server, page, staff_point
):
    new_date = days_ago(3)
    open_own_point_edit_form(page, live_server, staff_point)
    tab_to(page, by_id("power.last_test_run"))
    assert_focus_is_visible(page)
    type_date(page, new_date)
    press_and_wait(page, "Enter")

    assert page.url == f"{live_server}/points/{staff_point.id}"
    assert page.locator("dt:text-is('Senaste provkörning') + dd").inner_text() == new_date
    assert page.get_by_role("status").first.inner_text() == (
        "Dina ändringar av Handlar'n Föllinge har sparats."
    )


def test_staff_keyboard_journey_edit_form_typed_date_is_the_field_value(
    live_server, page, staff_point
):
    new_date = days_ago(3)
    open_own_point_edit_form(page, live_server, staff_point)
    tab_to(page, by_id("power.last_test_run"))
    type_date(page, new_date)
    assert page.evaluate(f"{FOCUSED}.value") == new_date


# (b) A coordinator creates a point with a contact and a channel.


@pytest.fixture
def coordinator(session):
    return make_user(session, "auditor", email="samordnare@test.example")


def open_new_point_form(page, url: str) -> None:
    log_in_with_keys(page, url, "samordnare@test.example")
    tab_to(page, 'main a[href^="/points/new"]')
    assert_focus_is_visible(page)
    press_and_wait(page, "Enter")


def fill_point_and_contact(page) -> None:
    """Name, kind (arrows), municipality; contact 1 with name, phone and a role (Space)."""
    tab_to(page, "#name")
    page.keyboard.type("Bystugan i Laxsjö")
    tab_to(page, "#kind", limit=1)
    choose_with_arrows(page, "Bygdegård")
    tab_to(page, "#municipality", limit=1)
    page.keyboard.type("Krokom")
    tab_to(page, by_id("contacts.0.name"))
    page.keyboard.type("Anna Berg")
    tab_to(page, by_id("contacts.0.phone"))
    page.keyboard.type("070-174 06 05")
    tab_to(page, 'input[name="contacts.0.roles"][value="point_manager"]')
    page.keyboard.press("Space")


def add_channel_row(page, key: str) -> None:
    """Press the add-channel button with `key` (Enter or Space)."""
    tab_to(page, 'button[value="add_channel"]')
    assert_focus_is_visible(page)
    press_and_wait(page, key)
    page.wait_for_load_state()


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_point_form_add_channel_by_keyboard_puts_the_focus_in_the_new_row(
    live_server, page, coordinator, key
):
    open_new_point_form(page, live_server)
    fill_point_and_contact(page)
    add_channel_row(page, key)
    wait_for_focus(page, by_id("channels.1.kind"))  # the row after the form's blank one
    assert page.get_by_text("Kanal 2 har lagts till.").is_visible()


def test_point_form_add_channel_by_keyboard_keeps_the_checked_role(live_server, page, coordinator):
    open_new_point_form(page, live_server)
    fill_point_and_contact(page)
    add_channel_row(page, "Enter")
    role = page.locator('input[name="contacts.0.roles"][value="point_manager"]')
    assert role.is_checked()


def create_point_with_channel(page, url: str) -> None:
    open_new_point_form(page, url)
    fill_point_and_contact(page)
    add_channel_row(page, "Enter")
    wait_for_focus(page, by_id("channels.1.kind"))
    page.keyboard.type("Anslag")  # type-ahead in the new row's kind
    tab_to(page, by_id("channels.1.detail"), limit=1)
    page.keyboard.type("Vid entrén")
    tab_to(page, "form button.primary")
    assert_focus_is_visible(page)
    press_and_wait(page, "Enter")


def test_coordinator_keyboard_journey_new_point_page_shows_its_name(live_server, page, coordinator):
    create_point_with_channel(page, live_server)
    assert re.search(r"/points/\d+$", page.url)
    assert page.locator("h1").inner_text() == "Bystugan i Laxsjö"


def test_coordinator_keyboard_journey_new_point_page_shows_the_contact_and_role(
    live_server, page, coordinator
):
    create_point_with_channel(page, live_server)
    row = page.get_by_role("row", name=re.compile("Anna Berg"))
    cells = row.get_by_role("cell").all_inner_texts()
    assert "070-174 06 05" in cells
    assert "Ansvarig för trygghetspunkten" in cells


def test_coordinator_keyboard_journey_new_point_page_shows_the_channel(
    live_server, page, coordinator
):
    create_point_with_channel(page, live_server)
    channels = page.locator("section", has=page.locator("h2:text-is('Informationskanaler')"))
    assert channels.locator("li").first.inner_text().startswith("Anslagstavla: Vid entrén")
