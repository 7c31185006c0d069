"""The dashboard as a coordinator and staff see it: the chosen level, the work list under the
tiles, every panel showing the same selection, and disclosures with names of their own."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from tests.factories import complete_point_input, days_ago, make_point, make_user, point_input

# Gaps of Almby: POWER-SOURCE (critical), POWER-ONSITE, NOTICE-CURRENT (major), AUDIT-RECENT.
NO_POWER = {"source": "none"}
# Gaps of Bergby: POWER-TEST-RUN, NOTICE-CURRENT (major), AUDIT-RECENT (minor).
STALE_TEST_RUN = {**point_input()["power"], "last_test_run": days_ago(40)}
PANELS = ("By municipality and area", "Most common gaps", "What to fix", "Points")


@pytest.fixture
def two_points(session):
    """Almby (not ready, in Föllinge) and Bergby (gaps, in Trångsviken), both in Krokom."""
    almby = make_point(session, **complete_point_input(name="Almby", power=NO_POWER))
    bergby = make_point(
        session,
        **complete_point_input(name="Bergby", area="Trångsviken", power=STALE_TEST_RUN),
    )
    return almby, bergby


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return web.client


def page(client, url: str) -> str:
    return html_lib.unescape(client.get(url).get_data(as_text=True))


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: the text without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def panel(html: str, heading: str) -> str:
    """The section of the English page from the h2 starting with `heading` to the next h2."""
    start = re.search(rf"<h2[^>]*>{re.escape(heading)}", html).start()
    end = html.find("<h2", start + 1)
    return html[start : end if end != -1 else None]


def tiles(html: str) -> dict[str, str]:
    """Each level tile's opening tag and text, by level."""
    return {
        level: tag + text(body)
        for tag, level, body in re.findall(
            r'(<a class="tile tile-(\w+)[^"]*"[^>]*>)(.*?)</a>', html, re.S
        )
        if level != "all"
    }


def test_dashboard_tile_of_the_chosen_level_says_selected_and_is_aria_current(
    coordinator, two_points
):
    shown = tiles(page(coordinator, "/readiness?level=not_ready"))
    assert 'aria-current="true"' in shown["not_ready"] and "✓ Valt" in shown["not_ready"]
    for level in ("gaps", "ready"):
        assert "aria-current" not in shown[level] and "Valt" not in shown[level]


def test_dashboard_without_a_level_marks_no_tile(coordinator, two_points):
    shown = tiles(page(coordinator, "/readiness"))
    assert not any("aria-current" in tile or "Valt" in tile for tile in shown.values())


def test_dashboard_with_a_level_keeps_the_tiles_counting_every_level(coordinator, two_points):
    html = page(coordinator, "/readiness?level=not_ready")
    counts = re.findall(r'<span class="big">(\d+)</span> <span class="level level-(\w+)">', html)
    assert {level: int(n) for n, level in counts} == {"not_ready": 1, "gaps": 1, "ready": 0}


def test_dashboard_work_list_comes_right_after_the_tiles(coordinator, two_points):
    html = page(coordinator, "/readiness?lang=en")
    tiles_end = html.index("</nav>", html.index('class="summary"'))
    work = html.index('<section class="card work"')
    assert tiles_end < work < html.index("By municipality and area")
    assert "<h2" not in html[tiles_end:work]


def test_dashboard_work_list_reads_the_gaps_critical_first_and_the_first_remedy(
    coordinator, two_points
):
    almby, _ = two_points
    work = panel(page(coordinator, "/readiness?level=not_ready"), "Att åtgärda")
    assert f'<a href="/points/{almby.id}"><strong>Almby</strong></a>' in work
    seen = text(work)
    assert seen.index("Punkten saknar reservkraft.") < seen.index("Inget elverk finns på plats")
    assert (
        "Gör detta först: Skaffa ett reservelverk eller åtminstone en anslutning för ett "
        "mobilt elverk." in seen
    )


def mentions(shown: str, point: str, area: str) -> bool:
    """Whether a panel shows the point: by name, or by its area in the table of places."""
    return point in shown or area in shown


def test_dashboard_with_a_level_shows_only_that_level_in_every_panel(coordinator, two_points):
    everything = page(coordinator, "/readiness?lang=en")
    assert all(mentions(panel(everything, h), "Bergby", "Trångsviken") for h in PANELS)
    chosen = page(coordinator, "/readiness?level=not_ready&lang=en")
    for heading in PANELS:
        shown = panel(chosen, heading)
        assert not mentions(shown, "Bergby", "Trångsviken"), heading
        assert mentions(shown, "Almby", "Föllinge"), heading


def test_dashboard_with_a_level_leaves_other_levels_gaps_out_of_the_common_gaps(
    coordinator, two_points
):
    everything = panel(page(coordinator, "/readiness?lang=en"), "Most common gaps")
    assert "Monthly test run" in everything  # Bergby's alone
    chosen = panel(page(coordinator, "/readiness?level=not_ready&lang=en"), "Most common gaps")
    assert "Monthly test run" not in chosen and "Reserve power exists" in chosen


def test_dashboard_which_points_disclosures_have_distinct_names(coordinator, two_points):
    html = page(coordinator, "/readiness")
    # A summary's accessible name is its text; the inline span adds no space of its own.
    summaries = re.findall(r"<summary>(.*?)</summary>", html, re.S)
    names = [" ".join(re.sub(r"<[^>]+>", "", summary).split()) for summary in summaries]
    assert len(names) >= 4
    assert len(set(names)) == len(names)
    assert "Vilka punkter: Reservkraft finns" in names


def test_dashboard_for_staff_shows_only_their_points_by_default(web, session, two_points):
    almby, _ = two_points
    make_user(session, "staff", email="butik@test.example", points=[almby])
    web.login("butik@test.example")
    html = page(web.client, "/readiness")
    assert "Almby" in html and "Bergby" not in html
    assert re.search(r'name="mine" value="1" checked', html)


def test_dashboard_for_staff_asking_for_all_points_shows_every_point(web, session, two_points):
    almby, _ = two_points
    make_user(session, "staff", email="butik@test.example", points=[almby])
    web.login("butik@test.example")
    html = page(web.client, "/readiness?mine=0")
    assert "Almby" in html and "Bergby" in html
