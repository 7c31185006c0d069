"""Public pages that outlive the app (issue 15): with PUBLIC_STATIC_DIR set, every change of
public data re-renders the files it affects, each equal to the app's answer for its URL."""

from __future__ import annotations

import json
import shutil
import threading
import time

import pytest

from readiness.auth.actors import SYSTEM
from readiness.extensions import db
from readiness.points.writes import update_point
from readiness.public import static, static_files
from readiness.public.static_files import list_folder
from tests.factories import make_point
from tests.public.crisis_steps import MESSAGE, activate
from tests.public.static_site import changes
from tests.public.test_privacy import PUBLIC_NAME, assert_public_only, plant_canaries
from tests.readback import html_text, json_text, xml_text

KROKOM_LISTS = {"p/kommun/Krokom/index.html", "p/kommun/Krokom/index.en.html"}
FOLLINGE_LISTS = {
    "p/kommun/Krokom/omrade/F%C3%B6llinge/index.html",
    "p/kommun/Krokom/omrade/F%C3%B6llinge/index.en.html",
}
KROKOM_FEEDS = {"p/kommun/Krokom/feed.atom", "p/kommun/Krokom/feed.en.atom"}
REGION_FEEDS = {"p/feed.atom", "p/feed.en.atom"}
GEOJSON = {
    "api/v1/public/points.geojson",
    "api/v1/public/points.geojson.gz",
    "api/v1/public/kommun/Krokom/points.geojson",
    "api/v1/public/kommun/Krokom/points.geojson.gz",
}


def pages_of(code: str) -> set[str]:
    return {f"p/{code}/index.html", f"p/{code}/index.en.html"}


def three_points(site):
    """Föllinge (Krokom) with one point, Hotagen (Krokom) with one that is open in a storm, and
    Vilhelmina with one that is open too (so every feed has entries)."""
    session = site.session
    follinge = make_point(session, name="Föllinge bygdegård")
    hotagen = make_point(session, name="Hotagens byahus", area="Hotagen", locality="Hotagen")
    dikanas = make_point(session, name="Dikanäs skola", municipality="Vilhelmina", area="Dikanäs")
    activate(site.api(), codes=[hotagen.code, dikanas.code], message="Öppet i kväll.")
    return follinge, hotagen, dikanas


def test_render_public_rebuilds_every_file_from_an_empty_folder(site):
    follinge, hotagen, dikanas = three_points(site)
    site.settle()  # no render of the set-up still running
    shutil.rmtree(site.root)

    result = site.app.test_cli_runner().invoke(args=["render-public"])

    assert result.exit_code == 0, result.output
    assert "32 files" in result.output
    files = site.assert_files_equal_the_app()
    assert set(files) == {
        *pages_of(follinge.code),
        *pages_of(hotagen.code),
        *pages_of(dikanas.code),
        "p/index.html",
        "p/index.en.html",
        "p/404.html",
        "p/404.en.html",
        *REGION_FEEDS,
        *KROKOM_LISTS,
        *KROKOM_FEEDS,
        *FOLLINGE_LISTS,
        "p/kommun/Krokom/omrade/Hotagen/index.html",
        "p/kommun/Krokom/omrade/Hotagen/index.en.html",
        "p/kommun/Vilhelmina/index.html",
        "p/kommun/Vilhelmina/index.en.html",
        "p/kommun/Vilhelmina/feed.atom",
        "p/kommun/Vilhelmina/feed.en.atom",
        "p/kommun/Vilhelmina/omrade/Dikan%C3%A4s/index.html",
        "p/kommun/Vilhelmina/omrade/Dikan%C3%A4s/index.en.html",
        *GEOJSON,
        "api/v1/public/kommun/Vilhelmina/points.geojson",
        "api/v1/public/kommun/Vilhelmina/points.geojson.gz",
    }
    # The language switch of a static page leads to the other static page's URL.
    assert (
        f'href="/p/{hotagen.code}?lang=en" lang="en"'
        in files[f"p/{hotagen.code}/index.html"].decode()
    )
    assert (
        'href="/p/?municipality=Krokom&amp;lang=en"' in files["p/kommun/Krokom/index.html"].decode()
    )
    # Run again: nothing changes but the rendering.
    again = site.app.test_cli_runner().invoke(args=["render-public"])
    assert "0 changed or removed" in again.output
    assert site.files() == files


def test_render_public_removes_files_no_longer_wanted(site):
    three_points(site)
    stale = site.root / "p" / "ZZZZZZ" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("an old page")
    other = site.root / "p" / "robots.txt"  # not a page file: left alone
    other.write_text("User-agent: *")

    site.app.test_cli_runner().invoke(args=["render-public"])

    assert not stale.parent.exists()
    assert other.read_text() == "User-agent: *"


def test_editing_a_point_rewrites_its_pages_its_lists_and_the_geojson_only(site):
    follinge, hotagen, _dikanas = three_points(site)
    before = site.assert_files_equal_the_app()

    response = site.api().patch(
        f"/api/v1/points/{follinge.id}",
        {"version": follinge.version, "name": "Föllinge Folkets hus"},
    )

    assert response.status_code == 200, response.get_json()
    after = site.assert_files_equal_the_app()
    assert changes(before, after) == {
        "written": pages_of(follinge.code) | KROKOM_LISTS | FOLLINGE_LISTS | GEOJSON,
        "added": set(),
        "removed": set(),
    }
    assert "Föllinge Folkets hus" in after[f"p/{follinge.code}/index.html"].decode()


def test_activating_a_point_shows_the_crisis_in_its_files_at_once(site):
    follinge, _hotagen, _dikanas = three_points(site)
    before = site.assert_files_equal_the_app()

    activate(site.api(), codes=[follinge.code], message=MESSAGE)

    after = site.assert_files_equal_the_app()
    assert changes(before, after) == {
        "written": pages_of(follinge.code)
        | KROKOM_LISTS
        | FOLLINGE_LISTS
        | KROKOM_FEEDS
        | REGION_FEEDS
        | GEOJSON,
        "added": set(),
        "removed": set(),
    }
    page = html_text(after[f"p/{follinge.code}/index.html"].decode())
    assert "Öppen nu" in page and MESSAGE in page
    english = html_text(after[f"p/{follinge.code}/index.en.html"].decode())
    assert "Open now" in english
    feature = json.loads(after["api/v1/public/kommun/Krokom/points.geojson"])["features"][0]
    assert feature["properties"]["crisis"]["state"] == "open"


def test_archiving_a_point_removes_its_pages_and_its_emptied_area(site):
    follinge, _hotagen, _dikanas = three_points(site)
    before = site.assert_files_equal_the_app()

    response = site.api().delete(f"/api/v1/points/{follinge.id}")

    assert response.status_code == 204
    after = site.assert_files_equal_the_app()
    assert changes(before, after) == {
        "written": KROKOM_LISTS | GEOJSON,
        "added": set(),
        "removed": pages_of(follinge.code) | FOLLINGE_LISTS,
    }
    assert not (site.root / "p" / follinge.code).exists()
    status, body = site.served(f"/p/{follinge.code}")
    assert status == 404 and body == site.read("p/404.html")


def test_a_point_in_a_new_municipality_adds_it_to_the_index(site):
    three_points(site)
    before = site.files()

    point = make_point(site.session, name="Östra skolan", municipality="Åre", area=None)

    after = site.assert_files_equal_the_app()
    found = changes(before, after)
    assert found["added"] == pages_of(point.code) | {
        "p/kommun/%C3%85re/index.html",
        "p/kommun/%C3%85re/index.en.html",
        "p/kommun/%C3%85re/feed.atom",
        "p/kommun/%C3%85re/feed.en.atom",
        "api/v1/public/kommun/%C3%85re/points.geojson",
        "api/v1/public/kommun/%C3%85re/points.geojson.gz",
    }
    assert found["written"] == {
        "p/index.html",
        "p/index.en.html",
        "api/v1/public/points.geojson",
        "api/v1/public/points.geojson.gz",
    }


def test_ending_the_event_returns_each_of_its_pages_to_normal(site):
    _follinge, hotagen, dikanas = three_points(site)
    event_id = site.api().get("/api/v1/crisis").get_json()["event"]["id"]

    ended = site.api().post(f"/api/v1/crisis/events/{event_id}/end")

    assert ended.status_code == 200, ended.get_json()
    files = site.assert_files_equal_the_app()
    for point in (hotagen, dikanas):
        page = html_text(files[f"p/{point.code}/index.html"].decode())
        assert "Inte aktiverad just nu" in page and "Öppet i kväll." not in page


def test_a_commit_of_nothing_public_renders_nothing(site, monkeypatch):
    three_points(site)
    queued = []
    monkeypatch.setattr(static, "run_later", lambda *args, **kwargs: queued.append(kwargs))

    site.api()  # a new account and its token: nothing residents see
    make_point(site.session, name="Ny punkt")  # the check can fail: this one is queued

    assert len(queued) == 1 and queued[0]["point_ids"]


def test_a_failed_render_leaves_every_previous_file_whole(site, monkeypatch, caplog):
    follinge, _hotagen, _dikanas = three_points(site)
    before = site.files()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(static_files.os, "replace", disk_full)
    response = site.api().patch(
        f"/api/v1/points/{follinge.id}", {"version": follinge.version, "name": "Nytt namn"}
    )

    assert response.status_code == 200  # the change is saved; only the files lag
    assert site.files() == before
    assert f"Rendering point:{follinge.code} into PUBLIC_STATIC_DIR failed" in caplog.text
    assert not [p for p in site.root.rglob(".*.tmp")]  # no temporary file left behind
    monkeypatch.undo()
    site.app.test_cli_runner().invoke(args=["render-public"])
    assert "Nytt namn" in site.read(f"p/{follinge.code}/index.html").decode()


def test_a_page_that_fails_to_render_keeps_its_previous_file(site, monkeypatch):
    follinge, _hotagen, _dikanas = three_points(site)
    before = site.files()

    def broken(*_args):
        raise RuntimeError("template error")

    monkeypatch.setattr(static, "point_html", broken)
    activate(site.api(), codes=[follinge.code], message=MESSAGE)

    after = site.files()
    assert after[f"p/{follinge.code}/index.html"] == before[f"p/{follinge.code}/index.html"]
    # The other parts are rendered all the same: the list shows the point open.
    assert MESSAGE in html_text(after["p/kommun/Krokom/index.html"].decode())


def test_two_renders_at_once_both_finish_with_the_latest_data(site):
    follinge, _hotagen, _dikanas = three_points(site)
    activate(site.api(), codes=[follinge.code], message=MESSAGE)
    site.settle()  # no render of the set-up still running
    shutil.rmtree(site.root)
    errors = []

    def render():
        try:
            with site.app.app_context():
                static.render_changes(point_ids=[follinge.id])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert MESSAGE in html_text(site.read(f"p/{follinge.code}/index.html").decode())
    site.assert_files_equal_the_app()


def test_a_render_asked_for_before_another_began_has_nothing_left_to_do(site):
    follinge, _hotagen, _dikanas = three_points(site)
    asked = time.time()
    static.render_changes(point_ids=[follinge.id])  # began after `asked`: covers it

    assert static.render_changes(point_ids=[follinge.id], requested_at=asked) == []
    # A change committed after that render began is rendered.
    update_point(site.session, follinge, {"version": follinge.version, "name": "Sent namn"}, SYSTEM)
    db.session.commit()
    assert "Sent namn" in site.read(f"p/{follinge.code}/index.html").decode()


def test_no_private_detail_reaches_any_static_file(site):
    canaries = plant_canaries(site.session)
    activate(site.api(), codes=[canaries.point.code], message=MESSAGE)  # feeds name the point
    site.settle()  # no render of the set-up still running
    shutil.rmtree(site.root)
    site.app.test_cli_runner().invoke(args=["render-public"])
    files = site.files()
    assert f"p/{canaries.point.code}/index.html" in files
    for name, data in files.items():
        if name.endswith(".gz"):
            continue
        if name.endswith(".html"):
            text = html_text(data.decode())
        elif name.endswith(".atom"):
            text = xml_text(data)
        else:
            text = json_text(json.loads(data))
        if "404" in name:
            assert "Handlar" not in text
            continue
        shows = "Krokom" if name.startswith("p/index") else PUBLIC_NAME
        assert_public_only(text, name, canaries, shows)


def test_without_public_static_dir_nothing_is_written(app, session, client, tmp_path, monkeypatch):
    rendered = []
    monkeypatch.setattr(static, "run_later", lambda *args, **kwargs: rendered.append(args))
    point = make_point(session)
    update_point(session, point, {"version": point.version, "name": "Annat namn"}, SYSTEM)
    session.commit()

    assert rendered == []
    assert list(tmp_path.iterdir()) == []
    result = app.test_cli_runner().invoke(args=["render-public"])
    assert result.exit_code != 0 and "PUBLIC_STATIC_DIR is not set" in result.output


@pytest.mark.parametrize(
    ("link", "folder"),
    [
        ("/p/", "p/"),
        ("/p/?lang=en", "p/"),
        ("/p/?municipality=%C3%85re", "p/kommun/%C3%85re/"),
        ("/p/?municipality=Krokom&area=Hotagen+by&lang=en", "p/kommun/Krokom/omrade/Hotagen+by/"),
        ("/p/?municipality=a/b", None),  # a "/" would be a folder
        ("/p/?municipality=..", None),
        ("/p/?municipality=Krokom&area=.", None),
        ("/p/?municipality=a$b", None),  # nginx would read a variable
    ],
)
def test_a_list_page_folder_comes_from_the_link_or_none_when_unfit(link, folder):
    assert list_folder(link) == folder


def test_a_municipality_unfit_for_a_folder_is_served_by_the_app_only(site):
    point = make_point(site.session, municipality="Norr/Söder", area=None)
    files = site.assert_files_equal_the_app()
    assert pages_of(point.code) <= set(files)
    assert not any("kommun/Norr" in name for name in files)
