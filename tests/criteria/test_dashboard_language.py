"""WCAG 3.1.2 on the dashboard: the Swedish data people typed (point names, municipalities,
areas) is marked `lang="sv"` on the English page, and left unmarked on the Swedish one. Gap
messages are in the page's language; only the typed text they quote (an area's name) is marked
(tests/criteria/test_gap_message_language.py)."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_point, make_user

SWEDISH = '<span lang="sv">'


@pytest.fixture
def dashboard(web, client, session):
    """`dashboard(lang)` -> the dashboard's HTML for a coordinator, with one point with gaps."""
    make_point(
        session, name="Bystugan i Laxsjö", municipality="Krokom", area="Föllinge", power=None
    )
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return lambda lang: client.get(f"/readiness?lang={lang}").get_data(as_text=True)


def section(html: str, heading_id: str) -> str:
    """The section labelled by the heading with this id."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.find("</section>", start)]


def test_dashboard_in_english_marks_the_point_name_in_the_work_list_as_swedish(dashboard):
    work = section(dashboard("en"), "work-heading")
    assert f"<strong>{SWEDISH}Bystugan i Laxsjö</span></strong>" in work


def test_dashboard_in_english_marks_the_place_in_the_work_list_as_swedish(dashboard):
    work = section(dashboard("en"), "work-heading")
    assert f'<span class="sub">{SWEDISH}Krokom</span> / {SWEDISH}Föllinge</span></span>' in work


def test_dashboard_in_english_marks_municipality_and_area_by_place_as_swedish(dashboard):
    by_place = section(dashboard("en"), "by-place-heading")
    assert f"<strong>{SWEDISH}Krokom</span></strong>" in by_place
    # The area's name links to its page (the area's crisis staff).
    assert re.search(rf'&nbsp;&nbsp;<a href="/areas/\d+">{SWEDISH}Föllinge</span></a>', by_place)


def test_dashboard_in_english_marks_the_point_names_in_the_points_table_as_swedish(dashboard):
    table = section(dashboard("en"), "points-heading")
    assert f"{SWEDISH}Bystugan i Laxsjö</span></a></th>" in table
    assert f"<td>{SWEDISH}Krokom</span> / {SWEDISH}Föllinge</span></td>" in table


def test_dashboard_in_english_marks_the_points_of_a_common_gap_as_swedish(dashboard):
    html = dashboard("en")
    which_points = re.findall(r"<details><summary>Which points.*?</details>", html, re.S)
    assert which_points
    assert all(f"{SWEDISH}Bystugan i Laxsjö</span></a></li>" in d for d in which_points)


def test_dashboard_in_english_leaves_gap_messages_unmarked(dashboard):
    work = section(dashboard("en"), "work-heading")
    assert "<strong>Reserve power exists</strong>: The point has no reserve power.</li>" in work


def test_dashboard_in_swedish_adds_no_language_mark(dashboard):
    html = dashboard("sv")
    assert "<strong>Bystugan i Laxsjö</strong>" in html
    assert SWEDISH not in html
