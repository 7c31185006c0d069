"""The offline bundle: static pages with working relative links, both languages."""

from __future__ import annotations

import re

from tests.factories import make_point


def test_export_bundle_writes_linked_static_pages(app, session, tmp_path):
    a = make_point(session, name="Almby bystuga", municipality="Krokom")
    b = make_point(session, name="Dikanäs handel", municipality="Vilhelmina")
    target = tmp_path / "usb"
    result = app.test_cli_runner().invoke(args=["export-bundle", str(target)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in target.iterdir()}
    assert {
        "index.html",
        "index.en.html",
        "kommun-krokom.html",
        "kommun-vilhelmina.en.html",
        f"{a.code}.html",
        f"{b.code}.en.html",
    } <= names
    for path in target.iterdir():
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html
        for link in re.findall(r'href="([^"]+)"', html):
            if link.startswith(("tel:", "geo:")):
                continue
            assert "/" not in link and (target / link).exists(), (path.name, link)
    assert "Almby bystuga" in (target / "kommun-krokom.html").read_text(encoding="utf-8")
    assert "When it opens" in (target / f"{a.code}.en.html").read_text(encoding="utf-8")
