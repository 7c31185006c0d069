"""The area pages as people meet them: the staff in words with tel: links, who may edit, the
form's errors in words, the history in words, and links from the point page and dashboard."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from readiness.areas.queries import area_staff
from tests.factories import make_area_staff, make_point, make_user
from tests.points.test_web import form_fields


def text(response) -> str:
    return html_lib.unescape(response.get_data(as_text=True))


def summary(html: str) -> str:
    return re.search(r'<div class="error-box error-summary".*?</div>', html, re.S).group(0)


def history_rows(html: str) -> list[tuple[str, str, str]]:
    found = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', html)
    return [tuple(html_lib.unescape(cell) for cell in row) for row in found]


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    return web


@pytest.fixture
def staff_member(web, session):
    make_user(session, "staff", email="bo@test.example")
    web.login("bo@test.example")
    return web


@pytest.fixture
def area_id(session) -> int:
    """The area Föllinge in Krokom, made with a point, without staff."""
    return make_point(session).area_id


def staff_form(client, area_id: int, **fields) -> dict:
    """The edit form as a browser submits it, with one person typed in unless `fields` say."""
    data = form_fields(client.get(f"/areas/{area_id}/edit").get_data(as_text=True))
    data.update(
        {
            "staff.0.name": "Maria Sjöberg",
            "staff.0.phone": "070-174 06 55",
            "staff.0.roles": ["area_coordinator", "power_responsible"],
        }
    )
    data.update(fields)
    return data


def saved_names(session, area_id: int) -> list[str]:
    session.expire_all()
    return [person.name for person in area_staff(session, area_id)]


def test_area_page_lists_each_person_with_roles_in_words(coordinator, client, session, area_id):
    make_area_staff(session)
    html = text(client.get(f"/areas/{area_id}"))
    assert re.search(r"Johan Lindqvist</th>.*?Samordnare för området, Reservkraft</td>", html, re.S)


def test_area_page_phone_is_a_tel_link(coordinator, client, session, area_id):
    make_area_staff(session)
    html = text(client.get(f"/areas/{area_id}"))
    assert '<a href="tel:+46701740655">070-174 06 55</a>' in html


def test_area_page_shows_a_role_nobody_holds_as_nobody(coordinator, client, session, area_id):
    make_area_staff(session, staff=[{"name": "Maria Sjöberg", "roles": ["area_coordinator"]}])
    html = text(client.get(f"/areas/{area_id}"))
    assert re.search(r"Information till invånare:\s*<strong class=\"warn\">ingen</strong>", html)


def test_area_page_in_english_names_the_roles_in_english(coordinator, client, session, area_id):
    make_area_staff(session)
    html = text(client.get(f"/areas/{area_id}?lang=en"))
    assert "Area coordinator:" in html and "Information to residents:" in html


def test_area_page_without_login_goes_to_the_login_page(client, area_id):
    response = client.get(f"/areas/{area_id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_area_page_for_staff_reads_the_staff(staff_member, client, session, area_id):
    make_area_staff(session)
    response = client.get(f"/areas/{area_id}")
    assert response.status_code == 200 and "Maria Sjöberg" in text(response)


def test_area_page_for_staff_offers_no_edit_link(staff_member, client, area_id):
    assert f"/areas/{area_id}/edit" not in text(client.get(f"/areas/{area_id}"))


def test_area_edit_form_for_staff_is_forbidden(staff_member, client, area_id):
    assert client.get(f"/areas/{area_id}/edit").status_code == 403


def test_area_edit_post_by_staff_saves_nothing(staff_member, client, session, area_id):
    data = {
        "csrf_token": staff_member.csrf(),
        "version": "1",
        "staff.0.name": "Maria Sjöberg",
        "staff.0.roles": ["area_coordinator"],
    }
    assert client.post(f"/areas/{area_id}/edit", data=data).status_code == 403
    assert saved_names(session, area_id) == []


def test_unknown_area_page_is_404(coordinator, client):
    assert client.get("/areas/999999").status_code == 404


def test_area_form_save_shows_the_person_on_the_area_page(coordinator, client, area_id):
    response = client.post(f"/areas/{area_id}/edit", data=staff_form(client, area_id))
    assert response.status_code == 302
    html = text(client.get(response.headers["Location"]))
    assert "Krisstaben för Föllinge sparades." in html
    assert re.search(r"Maria Sjöberg</th>.*?070-174 06 55", html, re.S)


def test_area_form_save_of_the_review_date_shows_it(coordinator, client, area_id):
    data = staff_form(client, area_id, staff_reviewed="2026-01-15")
    client.post(f"/areas/{area_id}/edit", data=data)
    assert "Krisstaben granskad: 2026-01-15" in text(client.get(f"/areas/{area_id}"))


def test_area_form_invalid_phone_names_the_field_in_words(coordinator, client, area_id):
    response = client.post(
        f"/areas/{area_id}/edit", data=staff_form(client, area_id, **{"staff.0.phone": "12345"})
    )
    assert response.status_code == 422
    assert "Person 1 › Telefon: Inte ett giltigt telefonnummer, t.ex. 070-123 45 67." in summary(
        text(response)
    )


def test_area_form_invalid_phone_saves_nothing(coordinator, client, session, area_id):
    data = staff_form(client, area_id, **{"staff.0.phone": "12345"})
    client.post(f"/areas/{area_id}/edit", data=data)
    assert saved_names(session, area_id) == []


def test_area_form_review_date_in_the_future_is_refused_in_words(coordinator, client, area_id):
    data = staff_form(client, area_id, staff_reviewed="2999-01-01")
    html = text(client.post(f"/areas/{area_id}/edit", data=data))
    assert "Krisstaben granskad: Får inte ligga i framtiden." in summary(html)


def test_area_form_person_without_a_name_is_asked_for_one(coordinator, client, area_id):
    data = staff_form(client, area_id, **{"staff.0.name": ""})
    html = text(client.post(f"/areas/{area_id}/edit", data=data))
    assert "Person 1 › Namn: Fältet är obligatoriskt." in summary(html)


def test_area_form_invalid_title_starts_with_fel(coordinator, client, area_id):
    data = staff_form(client, area_id, **{"staff.0.phone": "12345"})
    html = text(client.post(f"/areas/{area_id}/edit", data=data))
    assert re.search(r"<title>Fel: ", html)


def test_area_form_error_links_to_the_phone_field(coordinator, client, area_id):
    data = staff_form(client, area_id, **{"staff.0.phone": "12345"})
    html = text(client.post(f"/areas/{area_id}/edit", data=data))
    assert '<a href="#staff.0.phone">' in summary(html) and 'id="staff.0.phone"' in html


def test_area_form_first_submit_button_saves(coordinator, client, area_id):
    html = text(client.get(f"/areas/{area_id}/edit"))
    form = html[html.index('<form method="post" novalidate') :]
    first = re.search(r"<button[^>]*>", form).group(0)
    assert 'type="submit"' in first and 'value="save"' in first


def test_area_form_add_person_shows_a_second_row_and_saves_nothing(
    coordinator, client, session, area_id
):
    data = staff_form(client, area_id, action="add_person")
    html = text(client.post(f"/areas/{area_id}/edit", data=data))
    assert "Person 2 har lagts till. Krisstaben är inte sparad än" in html
    assert 'value="Maria Sjöberg"' in html
    assert saved_names(session, area_id) == []


def test_area_form_stale_version_is_a_conflict_that_keeps_the_typed_input(
    coordinator, client, session, area_id
):
    data = staff_form(client, area_id)
    make_area_staff(session)  # someone else saves meanwhile
    response = client.post(f"/areas/{area_id}/edit", data={**data, "staff.0.name": "Karin Ström"})
    html = text(response)
    assert response.status_code == 409
    assert "ändrades av någon annan (du redigerade version 1, nu är den version 2)" in html
    assert 'value="Karin Ström"' in html


def test_area_form_stale_version_saves_nothing(coordinator, client, session, area_id):
    data = staff_form(client, area_id)
    make_area_staff(session)
    client.post(f"/areas/{area_id}/edit", data={**data, "staff.0.name": "Karin Ström"})
    assert "Karin Ström" not in saved_names(session, area_id)


def test_area_form_remove_person_takes_them_off_the_staff(coordinator, client, session, area_id):
    make_area_staff(session)
    data = form_fields(client.get(f"/areas/{area_id}/edit").get_data(as_text=True))
    data["staff.1.remove"] = "1"
    assert client.post(f"/areas/{area_id}/edit", data=data).status_code == 302
    assert saved_names(session, area_id) == ["Maria Sjöberg", "Eva Strand"]


def test_area_history_shows_an_added_person_in_words(coordinator, client, area_id):
    client.post(f"/areas/{area_id}/edit", data=staff_form(client, area_id))
    rows = history_rows(text(client.get(f"/areas/{area_id}/history")))
    assert (
        "Person 1",
        "–",
        "Maria Sjöberg (Samordnare för området, Reservkraft), 070-174 06 55",
    ) in (rows)


def test_area_history_shows_a_changed_phone_before_and_after(coordinator, client, session, area_id):
    make_area_staff(session)
    data = form_fields(client.get(f"/areas/{area_id}/edit").get_data(as_text=True))
    data["staff.0.phone"] = "070-174 06 99"
    client.post(f"/areas/{area_id}/edit", data=data)
    rows = history_rows(text(client.get(f"/areas/{area_id}/history")))
    assert ("Person 1 › Telefon", "070-174 06 55", "070-174 06 99") in rows


def test_area_history_names_who_changed_it(coordinator, client, area_id):
    client.post(f"/areas/{area_id}/edit", data=staff_form(client, area_id))
    html = text(client.get(f"/areas/{area_id}/history"))
    assert re.search(r"Ändrad · \d{4}-\d\d-\d\d \d\d:\d\d · anna@test\.example · version 2", html)


def test_area_form_saved_unchanged_records_no_history(coordinator, client, session, area_id):
    make_area_staff(session)
    data = form_fields(client.get(f"/areas/{area_id}/edit").get_data(as_text=True))
    for n, person in enumerate(area_staff(session, area_id)):
        data[f"staff.{n}.roles"] = person.roles
    response = client.post(f"/areas/{area_id}/edit", data=data, follow_redirects=True)
    assert "Inget ändrades." in text(response)
    assert len(history_rows(text(client.get(f"/areas/{area_id}/history")))) == 3


def test_area_list_shows_a_missing_role_in_words(coordinator, client, session, area_id):
    make_area_staff(
        session,
        staff=[{"name": "Maria Sjöberg", "phone": "070-174 06 55", "roles": ["area_coordinator"]}],
    )
    html = text(client.get("/areas"))
    assert "Ingen med telefon: Reservkraft, Samband, Information till invånare" in html


def test_area_list_shows_too_few_coordinators_in_words(coordinator, client, session, area_id):
    make_area_staff(
        session,
        staff=[{"name": "Maria Sjöberg", "phone": "070-174 06 55", "roles": ["area_coordinator"]}],
    )
    assert "Samordnare: 1, minst 2 behövs" in text(client.get("/areas"))


def test_area_list_marks_a_complete_staff(coordinator, client, session, area_id):
    make_area_staff(session)
    assert "✓ Alla roller tillsatta" in text(client.get("/areas"))


def test_area_list_for_one_municipality_leaves_out_the_others(coordinator, client, session):
    make_point(session)
    make_point(session, name="Dikanäs Handel", municipality="Vilhelmina", area="Dikanäs")
    html = text(client.get("/areas?municipality=Vilhelmina"))
    assert ">Dikanäs</a>" in html
    assert "Föllinge" not in html


def test_point_page_links_to_its_area_page(coordinator, client, session):
    point = make_point(session)
    html = text(client.get(f"/points/{point.id}"))
    assert re.search(rf'<a href="/areas/{point.area_id}"[^>]*>Föllinge</a>', html)


def test_saving_a_full_staff_clears_the_area_gap_of_the_areas_points(
    coordinator, client, session, api
):
    point = make_point(session)
    reader = api("staff")
    before = reader.get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "AREA-STAFF" in [gap["criterion"] for gap in before["gaps"]]
    make_area_staff(session)
    after = reader.get(f"/api/v1/points/{point.id}/readiness").get_json()
    assert "AREA-STAFF" in after["passed"]


def test_demo_data_give_follinge_a_full_staff_and_hotagen_a_partial_one(app, api):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    points = api("auditor").get("/api/v1/readiness?municipality=Krokom").get_json()["points"]
    names = {
        p["id"]: p for p in api("auditor").get("/api/v1/points?per_page=100").get_json()["items"]
    }
    area_staff_of = {names[p["point_id"]]["area"]: "AREA-STAFF" in p["passed"] for p in points}
    assert (area_staff_of["Föllinge"], area_staff_of["Hotagen"]) == (True, False)


def test_area_list_says_when_an_area_has_no_staff(coordinator, client, area_id):
    assert "Ingen krisstab registrerad." in text(client.get("/areas"))
