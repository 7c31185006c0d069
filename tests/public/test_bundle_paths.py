"""The offline bundle's file names come from staff-typed names: they must never break or escape
the export, and a failed export must leave the earlier bundle as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.public import bundle
from tests.factories import make_point


@pytest.fixture
def areas_listed(monkeypatch):
    """Municipalities list their areas (as they do from 80 points on) so area pages are written."""
    monkeypatch.setattr("readiness.public.data.LIST_LIMIT", 0)


def export(app, target: Path):
    return app.test_cli_runner().invoke(args=["export-bundle", str(target)])


def all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def assert_links_resolve(target: Path) -> None:
    for path in target.iterdir():
        for link in re.findall(r'href="([^"]+)"', path.read_text(encoding="utf-8")):
            if not link.startswith(("tel:", "geo:")):
                assert "/" not in link and (target / link).is_file(), (path.name, link)


def test_export_bundle_names_with_slashes_and_dots_stay_inside_the_target(
    app, session, tmp_path, areas_listed
):
    make_point(session, name="Flykten", municipality="x/../../escaped", area="a/../../b")
    make_point(session, name="Snedstrecket", municipality="Åre/Järpen", area="..")
    target = tmp_path / "out" / "usb"
    result = export(app, target)
    assert result.exit_code == 0, result.output
    assert all_files(tmp_path) == {target.parent, target} | all_files(target)
    assert all(p.is_file() and p.parent == target for p in target.iterdir())
    names = {p.name for p in target.iterdir()}
    assert {"kommun-x-escaped.html", "kommun-x-escaped-a-b.html", "kommun-are-jarpen.html"} <= names
    assert_links_resolve(target)
    html = (target / "kommun-x-escaped.html").read_text(encoding="utf-8")
    assert "x/../../escaped" in html


def test_export_bundle_names_without_letters_get_hashed_file_names(app, session, tmp_path):
    make_point(session, name="Punkten", municipality="...")
    make_point(session, name="Templet", municipality="東京")
    target = tmp_path / "usb"
    result = export(app, target)
    assert result.exit_code == 0, result.output
    lists = sorted(p.name for p in target.glob("kommun*.html") if ".en." not in p.name)
    assert len(lists) == 2 and all(re.fullmatch(r"kommun_[0-9a-f]{10}\.html", n) for n in lists)
    assert_links_resolve(target)


def test_export_bundle_names_sharing_a_slug_do_not_overwrite_each_other(
    app, session, tmp_path, areas_listed
):
    make_point(session, name="Punkt i Åre", municipality="Åre", area=None)
    make_point(session, name="Punkt i Are", municipality="Are", area=None)
    # "a-b" + "c" and "a" + "b-c" would both be kommun-a-b-c.
    make_point(session, name="Punkt i c", municipality="Ab", area="c d")
    make_point(session, name="Punkt i cd", municipality="Ab c", area="d")
    target = tmp_path / "usb"
    result = export(app, target)
    assert result.exit_code == 0, result.output
    are = [p for p in target.glob("kommun-are_*.html") if not p.name.endswith(".en.html")]
    assert len(are) == 2
    assert {"Punkt i Åre", "Punkt i Are"} == {
        name
        for page in are
        for name in ("Punkt i Åre", "Punkt i Are")
        if name in page.read_text(encoding="utf-8")
    }
    assert len(list(target.glob("kommun-ab-c-d_*.en.html"))) == 2
    assert_links_resolve(target)


def test_export_bundle_failing_midway_keeps_the_old_bundle_and_no_temp_folder(
    app, session, tmp_path, monkeypatch
):
    make_point(session, name="Almby bystuga", municipality="Krokom")
    target = tmp_path / "usb"
    assert export(app, target).exit_code == 0
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    make_point(session, name="Dikanäs handel", municipality="Vilhelmina")
    calls = 0
    real_render = bundle.render_template

    def render_then_fail(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 4:
            raise OSError("disk full")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(bundle, "render_template", render_then_fail)
    result = export(app, target)
    assert result.exit_code != 0 and calls == 4
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["usb"]


def test_export_bundle_replaces_an_earlier_bundle_whole(app, session, tmp_path):
    make_point(session, name="Almby bystuga", municipality="Krokom")
    target = tmp_path / "usb"
    assert export(app, target).exit_code == 0
    (target / "kommun-gammal.html").write_text("stale", encoding="utf-8")
    result = export(app, target)
    assert result.exit_code == 0, result.output
    assert not (target / "kommun-gammal.html").exists()
    assert (target / "kommun-krokom.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["usb"]


def test_export_bundle_into_a_folder_that_is_no_bundle_is_refused(app, session, tmp_path):
    make_point(session)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = export(app, tmp_path)
    assert result.exit_code == 1
    assert "not an earlier bundle" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
