"""WCAG 3.1.2 in gap messages: a message quoting text people typed (an area's name, in Swedish)
marks that text `lang="sv"` on English pages; the API's messages stay plain text."""

from __future__ import annotations

import pytest

from tests.factories import make_point, make_user

# The area Föllinge has no crisis staff recorded: the AREA-STAFF gap names it.
AREA_GAP_EN = (
    'The area <span lang="sv">Föllinge</span> has no crisis staff recorded (the limit is at '
    "least 2 coordinators and a person with a phone in every role)."
)


@pytest.fixture
def point(session):
    return make_point(session, name="Bystugan i Laxsjö", municipality="Krokom", area="Föllinge")


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return web.client


def test_dashboard_in_english_marks_the_area_name_in_the_area_staff_gap_as_swedish(
    coordinator, point
):
    html = coordinator.get("/readiness?lang=en").get_data(as_text=True)
    area_panel = html[html.index('id="area-staff-heading"') : html.index('id="points-heading"')]
    assert AREA_GAP_EN in area_panel


def test_dashboard_in_english_marks_the_area_name_in_the_work_list_gap_as_swedish(
    coordinator, point
):
    html = coordinator.get("/readiness?lang=en").get_data(as_text=True)
    work = html[html.index('id="work-heading"') : html.index('id="by-place-heading"')]
    assert AREA_GAP_EN in work


def test_point_page_in_english_marks_the_area_name_in_the_gap_as_swedish(coordinator, point):
    html = coordinator.get(f"/points/{point.id}?lang=en").get_data(as_text=True)
    assert AREA_GAP_EN in html


def test_point_page_in_swedish_quotes_the_area_name_unmarked(coordinator, point):
    html = coordinator.get(f"/points/{point.id}?lang=sv").get_data(as_text=True)
    assert "Området Föllinge har ingen krisstab registrerad" in html


def test_readiness_api_in_english_quotes_the_area_name_as_plain_text(api, point):
    url = f"/api/v1/points/{point.id}/readiness"
    body = api("auditor").get(url, headers={"Accept-Language": "en"}).get_json()
    message = next(g["message"] for g in body["gaps"] if g["criterion"] == "AREA-STAFF")
    assert message.startswith("The area Föllinge has no crisis staff recorded")
