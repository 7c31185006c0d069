"""The point form in a real browser: Enter saves, a row is added without losing anything, errors
take focus, and leaving with unsaved changes asks first (only then)."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD, make_point, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator_page(live_server, page, session):
    """The browser page, logged in as a coordinator."""
    make_user(session, "auditor", email="samordnare@test.example")
    page.goto(f"{live_server}/login")
    page.get_by_label("E-post").fill("samordnare@test.example")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(f"{live_server}/points")
    return page


def field(page, name: str):
    return page.locator(f'[id="{name}"]')


def leave_page_dialogs(page) -> list[str]:
    """Records the browser's "leave page?" questions and answers them with "stay"."""
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    return asked


def test_point_edit_form_enter_in_a_field_saves_the_change(live_server, coordinator_page, session):
    page = coordinator_page
    point = make_point(session, name="Handlar'n Föllinge")
    page.goto(f"{live_server}/points/{point.id}/edit")
    field(page, "capacity").fill("77")
    field(page, "capacity").press("Enter")
    page.wait_for_url(f"{live_server}/points/{point.id}")
    assert page.locator("dt:text-is('Kapacitet') + dd").inner_text() == "77"
    assert page.get_by_role("status").first.inner_text() == (
        "Dina ändringar av Handlar'n Föllinge har sparats."
    )


def test_point_edit_form_enter_in_a_contact_row_saves(live_server, coordinator_page, session):
    page = coordinator_page
    point = make_point(session)
    page.goto(f"{live_server}/points/{point.id}/edit")
    field(page, "contacts.0.organisation").fill("Byalaget")
    field(page, "contacts.0.organisation").press("Enter")
    page.wait_for_url(f"{live_server}/points/{point.id}")
    assert page.get_by_role("cell", name="Byalaget").is_visible()


def test_point_new_form_enter_creates_the_point(live_server, coordinator_page):
    page = coordinator_page
    page.goto(f"{live_server}/points/new")
    field(page, "name").fill("Bystugan i Laxsjö")
    field(page, "kind").select_option("village_hall")
    field(page, "municipality").fill("Krokom")
    field(page, "municipality").press("Enter")
    page.wait_for_url(re.compile(r"/points/\d+$"))
    assert page.locator("h1").inner_text() == "Bystugan i Laxsjö"


def test_point_form_add_contact_keeps_typed_values_and_focuses_the_new_row(
    live_server, coordinator_page
):
    page = coordinator_page
    page.goto(f"{live_server}/points/new")
    field(page, "name").fill("Bystugan i Laxsjö")
    field(page, "power.consumption_lph").fill("2,5")
    field(page, "contacts.0.name").fill("Anna Berg")
    field(page, "contacts.0.phone").fill("070-174 06 05")
    page.locator('input[name="contacts.0.roles"][value="point_manager"]').check()
    page.get_by_role("button", name="Lägg till kontaktperson").click()

    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "contacts.1.name"
    assert page.get_by_text("Kontaktperson 2 har lagts till.").is_visible()
    assert (
        field(page, "name").input_value(),
        field(page, "power.consumption_lph").input_value(),
        field(page, "contacts.0.name").input_value(),
        field(page, "contacts.0.phone").input_value(),
    ) == ("Bystugan i Laxsjö", "2,5", "Anna Berg", "070-174 06 05")
    assert page.locator('input[name="contacts.0.roles"][value="point_manager"]').is_checked()


def test_point_form_invalid_submit_focuses_the_error_summary(live_server, coordinator_page):
    page = coordinator_page
    page.goto(f"{live_server}/points/new")
    field(page, "municipality").fill("Krokom")
    field(page, "municipality").press("Enter")  # no name, no kind

    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Fel: ")
    assert page.locator("#error-summary a").first.inner_text() == ("Namn: Fältet är obligatoriskt.")


def test_point_form_error_summary_link_puts_the_cursor_in_the_field(live_server, coordinator_page):
    page = coordinator_page
    page.goto(f"{live_server}/points/new")
    field(page, "name").fill("Bystugan")
    field(page, "kind").select_option("village_hall")
    field(page, "municipality").fill("Krokom")
    field(page, "contacts.0.name").fill("Anna Berg")
    field(page, "contacts.0.phone").fill("12345")
    field(page, "name").press("Enter")

    page.get_by_role("link", name="Kontaktperson 1 › Telefon: ").click()
    assert page.evaluate("document.activeElement.id") == "contacts.0.phone"


def test_point_form_leaving_with_unsaved_changes_asks_first(live_server, coordinator_page, session):
    page = coordinator_page
    point = make_point(session)
    page.goto(f"{live_server}/points/{point.id}/edit")
    leave_page_dialogs(page)
    field(page, "crisis_hours").fill("Dygnet runt")
    with page.expect_event("dialog") as asked:
        page.get_by_role("link", name="Avbryt").click()
    assert asked.value.type == "beforeunload"
    assert page.url == f"{live_server}/points/{point.id}/edit"  # stayed, the typing kept
    assert field(page, "crisis_hours").input_value() == "Dygnet runt"


def test_point_form_leaving_without_changes_asks_nothing(live_server, coordinator_page, session):
    page = coordinator_page
    point = make_point(session)
    page.goto(f"{live_server}/points/{point.id}/edit")
    asked = leave_page_dialogs(page)
    field(page, "crisis_hours").click()  # looked at, not changed
    page.get_by_role("link", name="Avbryt").click()
    page.wait_for_url(f"{live_server}/points/{point.id}")
    assert asked == []


def test_point_form_saving_asks_nothing(live_server, coordinator_page, session):
    page = coordinator_page
    point = make_point(session)
    page.goto(f"{live_server}/points/{point.id}/edit")
    asked = leave_page_dialogs(page)
    field(page, "crisis_hours").fill("Dygnet runt")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"{live_server}/points/{point.id}")
    assert asked == []


def test_point_form_after_adding_a_row_leaving_asks_first(live_server, coordinator_page):
    page = coordinator_page
    page.goto(f"{live_server}/points/new")
    field(page, "name").fill("Bystugan i Laxsjö")
    page.get_by_role("button", name="Lägg till kanal").click()
    page.wait_for_load_state()
    leave_page_dialogs(page)
    with page.expect_event("dialog") as asked:
        page.get_by_role("link", name="Avbryt").click()
    assert asked.value.type == "beforeunload"
