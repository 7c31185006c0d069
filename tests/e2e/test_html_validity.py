"""The main pages' HTML as the server sends it, checked by the Nu HTML checker (vnu.jar, the
W3C validator's engine) with Java: no errors. The checker is slow to start, so it runs once
over all the pages saved to a folder; each page is then a test of its own.

`make test` installs vnu.jar (the npm package vnu-jar, into .tools/) and Java
(Debian's default-jre-headless); VNU_JAR overrides where the jar is."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.register_site import LANGUAGES, PUBLIC_PAGES, REGISTER_PAGES, submit_invalid_edit

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))
PAGES = [(name, lang) for name in [*REGISTER_PAGES, *PUBLIC_PAGES] for lang in LANGUAGES]
FORM_WITH_ERRORS = [("edit-form-with-errors", lang) for lang in LANGUAGES]


def file_name(name: str, lang: str) -> str:
    return f"{name}.{lang}.html"


def save_pages(browser, site, storage: dict, folder: Path) -> None:
    """Each page's HTML as sent (not the browser's reading of it), public pages signed out."""
    for signed_in, pages in ((True, REGISTER_PAGES), (False, PUBLIC_PAGES)):
        context = browser.new_context(storage_state=storage if signed_in else None)
        for name, template in pages.items():
            for lang in LANGUAGES:
                response = context.request.get(site.url + site.path(template, lang))
                assert signed_in is False or "/login" not in response.url, name
                (folder / file_name(name, lang)).write_text(response.text(), encoding="utf-8")
        context.close()
    context = browser.new_context(storage_state=storage)
    page = context.new_page()
    for name, lang in FORM_WITH_ERRORS:
        html = submit_invalid_edit(page, site, lang)
        (folder / file_name(name, lang)).write_text(html, encoding="utf-8")
    context.close()


def run_checker(folder: Path) -> dict[str, list[str]]:
    """The checker's errors per file name (every saved file has an entry)."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            f"The Nu HTML checker needs Java and {VNU_JAR}: run `make test` (or install "
            "default-jre-headless and `npm install --prefix .tools vnu-jar`)."
        )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors: dict[str, list[str]] = {path.name: [] for path in folder.glob("*.html")}
    for message in report["messages"]:
        name = message.get("url", "").rsplit("/", 1)[-1]
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(name, []).append(f"{where}: {message['message']}")
    return errors


@pytest.fixture(scope="module")
def checked(browser, demo_site, admin_storage, tmp_path_factory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("html")
    save_pages(browser, demo_site, admin_storage, folder)
    return run_checker(folder)


@pytest.mark.parametrize(("name", "lang"), PAGES + FORM_WITH_ERRORS)
def test_page_html_in_each_language_has_no_validator_error(checked, name, lang):
    assert checked[file_name(name, lang)] == []
