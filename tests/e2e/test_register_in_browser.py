"""End to end in a real browser: log in, create a point with a contact and a channel, find it."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser


def test_coordinator_creates_a_point_in_the_browser_and_sees_it_in_the_list(
    live_server, page, session
):
    make_user(session, "auditor", email="samordnare@test.example")
    page.goto(f"{live_server}/points")
    assert "/login" in page.url
    page.get_by_label("E-post").fill("samordnare@test.example")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Ny trygghetspunkt").first.click()

    page.locator("#name").fill("Bystugan i Laxsjö")
    page.locator("#kind").select_option("village_hall")
    page.locator("#municipality").fill("Krokom")
    page.locator("#area").fill("Föllinge")
    page.locator('[id="contacts.0.name"]').fill("Anna Berg")
    page.locator('[id="contacts.0.phone"]').fill("070-174 06 05")
    page.locator('input[name="contacts.0.roles"][value="point_manager"]').check()
    page.locator('[id="channels.0.kind"]').select_option("rakel")
    page.locator('[id="channels.0.detail"]').fill("Talgrupp KROKOM-TP")
    page.get_by_role("button", name="Spara").click()

    assert page.locator("h1").inner_text() == "Bystugan i Laxsjö"
    assert page.get_by_text("070-174 06 05").is_visible()
    assert page.get_by_text("Talgrupp KROKOM-TP").is_visible()

    page.get_by_role("link", name="Trygghetspunkter").first.click()
    row = page.locator("table.points tbody tr", has_text="Bystugan i Laxsjö")
    assert row.count() == 1
    assert "Krokom / Föllinge" in row.inner_text()
