"""The page "Importera punkter": upload, dry run, import; roles, CSRF, Swedish messages."""

from __future__ import annotations

import io
import re

import pytest

from readiness.exchange.reading import MAX_FILE_BYTES, WEB_MAX_POINTS
from tests.exchange.conftest import POINT_HEADERS, csv_file, row_counts
from tests.factories import make_point, make_user

GOOD = ["", "Handlar'n Föllinge", "Butik", "Krokom", "Föllinge", "63,667", "14,619"]


def upload(web, data: bytes, name: str = "punkter.csv", **extra):
    return web.post(
        "/import",
        {"action": "check", "file": (io.BytesIO(data), name), **extra},
        content_type="multipart/form-data",
    )


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def confirm(web, html: str):
    fields = {name: hidden(html, name) for name in ("file_name", "file_data", "plan")}
    return web.post("/import", {"action": "import", **fields})


@pytest.fixture
def coordinator_web(session, web):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return web


def test_dry_run_shows_what_would_change_and_import_saves_it(session, coordinator_web):
    point = make_point(session, capacity=40)
    rows = [
        POINT_HEADERS + ["Kapacitet (personer)"],
        [point.code, *GOOD[1:], "45"],
        ["", "Skolan", "Skola", "Krokom", "", "", "", ""],
    ]
    counts = row_counts(session)

    checked = upload(coordinator_web, csv_file(rows))

    html = checked.get_data(as_text=True)
    assert checked.status_code == 200
    assert "Provkörning: så här skulle importen bli" in html
    assert "1 nya, 1 ändrade, 0 oförändrade." in html
    assert "Kapacitet" in html and "40 personer" in html and "45 personer" in html
    assert row_counts(session) == counts  # the check saved nothing

    imported = confirm(coordinator_web, html)

    assert imported.status_code == 200
    done = imported.get_data(as_text=True)
    assert "punkter.csv är importerad: 1 nya, 1 ändrade, 0 oförändrade." in done
    assert row_counts(session)["point"] == 2


def test_bad_file_shows_every_problem_in_swedish_and_saves_nothing(session, coordinator_web):
    rows = [POINT_HEADERS, GOOD[:1] + [""] + GOOD[2:], GOOD[:2] + ["Affär"] + GOOD[3:]]

    response = upload(coordinator_web, csv_file(rows))

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fel: Importera punkter" in html
    assert "punkter.csv importerades inte: 2 fel. Inget sparades." in html
    assert "Fältet är obligatoriskt." in html
    assert "Okänt värde. Välj ett av: Butik" in html
    assert "<td>Typ (C)</td>" in html and "<td>Affär</td>" in html
    assert row_counts(session)["point"] == 0


def test_register_changed_after_the_check_shows_the_check_again(session, coordinator_web):
    checked = upload(coordinator_web, csv_file([POINT_HEADERS, GOOD])).get_data(as_text=True)
    make_point(session)  # someone adds the same point meanwhile

    response = confirm(coordinator_web, checked)

    html = response.get_data(as_text=True)
    assert "Registret har ändrats sedan filen kontrollerades." in html
    assert "0 nya, 0 ändrade, 1 oförändrade." in html
    assert row_counts(session)["point"] == 1


def test_import_without_csrf_token_is_refused(session, coordinator_web, client):
    response = client.post(
        "/import",
        data={"action": "check", "file": (io.BytesIO(csv_file([POINT_HEADERS, GOOD])), "p.csv")},
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert row_counts(session)["point"] == 0


def test_too_large_an_upload_is_refused_with_the_limit(session, coordinator_web):
    response = upload(coordinator_web, b"x" * (2 * MAX_FILE_BYTES + 100_000))

    assert response.status_code == 413
    assert "Filen är större än 5 MB." in response.get_data(as_text=True)


def test_no_file_chosen_says_so(session, coordinator_web):
    response = coordinator_web.post("/import", {"action": "check"})

    assert response.status_code == 422
    assert "Välj en fil att importera." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/import"),
        ("post", "/import"),
        ("get", "/import/template.xlsx"),
        ("get", "/import/template.csv"),
    ],
)
def test_staff_may_not_import(session, web, method, url):
    make_user(session, "staff", email="personal@test.example")
    web.login("personal@test.example")

    response = web.post(url) if method == "post" else web.client.get(url)

    assert response.status_code == 403
    assert row_counts(session)["point"] == 0


def test_point_list_links_export_and_import(session, coordinator_web):
    html = coordinator_web.client.get("/points?municipality=Krokom").get_data(as_text=True)

    assert 'href="/points/export.xlsx?municipality=Krokom"' in html
    assert "Exportera till Excel" in html
    assert 'href="/import"' in html and "Importera punkter" in html


def test_staff_see_the_export_but_not_the_import(session, web):
    make_user(session, "staff", email="personal@test.example")
    web.login("personal@test.example")

    html = web.client.get("/points").get_data(as_text=True)

    assert "/points/export.xlsx" in html
    assert 'href="/import"' not in html


def test_web_import_takes_at_most_the_web_limit_of_points(session, coordinator_web):
    rows = [POINT_HEADERS] + [["", f"Punkt {n}", *GOOD[2:]] for n in range(WEB_MAX_POINTS + 1)]

    response = upload(coordinator_web, csv_file(rows))

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"högst {WEB_MAX_POINTS} rader" in html
    assert row_counts(session)["point"] == 0
