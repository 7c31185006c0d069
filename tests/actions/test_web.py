"""Action plan pages: the list with "Försenad" in words, the hint when a criterion passes again,
the form (prefilled from a point's gap), status changes by staff, and the CSV export."""

from __future__ import annotations

import html
import re
from datetime import date

from tests.actions.conftest import action_input
from tests.factories import make_point, make_user

FORM = {
    "title": "Provkör elverket",
    "criterion": "POWER-TEST-RUN",
    "responsible": "Anna Berg",
    "deadline": "2026-06-30",
    "financing.source": "Beredskapsanslag",
    "financing.amount_sek": "12000",
    "financing.approved": "yes",
    "status": "planned",
}


def page_text(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def login(session, web, role="auditor", points=()):
    user = make_user(session, role, points=points)
    web.login(user.email)
    return user


def add_action(api, point=None, **overrides) -> dict:
    response = api("auditor").post("/api/v1/actions", action_input(point, **overrides))
    assert response.status_code == 201
    return response.get_json()


def test_actions_page_marks_an_overdue_action_in_words(session, web, api, clock):
    point = make_point(session)
    add_action(api, point, deadline="2026-06-14")
    login(session, web)
    text = page_text(web.client.get("/actions?municipality=Krokom"))
    assert "Försenad" in text


def test_actions_page_does_not_mark_an_action_due_today(session, web, api, clock):
    point = make_point(session)
    add_action(api, point, deadline="2026-06-15")
    login(session, web)
    text = page_text(web.client.get("/actions?municipality=Krokom"))
    assert "Provkör elverket" in text and "Försenad" not in text


def test_actions_page_only_overdue_filter_hides_the_others(session, web, api, clock):
    point = make_point(session)
    add_action(api, point, title="Byt tanken", deadline="2026-06-01")
    add_action(api, point, title="Köp reservdelar", deadline="2026-07-01")
    login(session, web)
    text = page_text(web.client.get("/actions?overdue=true"))
    assert "Byt tanken" in text and "Köp reservdelar" not in text


def test_point_actions_page_says_when_the_criterion_is_met_again(session, web, api, clock):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": "2026-06-01"})
    add_action(api, point)
    login(session, web)
    text = page_text(web.client.get(f"/points/{point.id}/actions"))
    assert "Kriteriet är uppfyllt nu – stäng åtgärden?" in text


def test_point_actions_page_without_passing_criterion_shows_no_hint(session, web, api, clock):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": "2026-04-01"})
    add_action(api, point)
    login(session, web)
    text = page_text(web.client.get(f"/points/{point.id}/actions"))
    assert "Provkör elverket" in text and "stäng åtgärden" not in text


def test_point_page_gap_links_to_a_prefilled_action_form(session, web, clock):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": None})
    login(session, web)
    page = web.client.get(f"/points/{point.id}").get_data(as_text=True)
    link = re.search(r'href="(/actions/new\?[^"]*criterion=POWER-TEST-RUN[^"]*)"', page)
    assert link is not None and "Gör till åtgärd" in page
    form = web.client.get(html.unescape(link.group(1))).get_data(as_text=True)
    assert re.search(rf'<option value="{point.id}" selected>', form)
    assert re.search(r'<option value="POWER-TEST-RUN" selected>', form)
    assert 'value="Provkörning varje månad"' in form


def test_point_page_for_staff_offers_no_action_link(session, web, clock):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": None})
    login(session, web, "staff", points=[point])
    assert "Gör till åtgärd" not in web.client.get(f"/points/{point.id}").get_data(as_text=True)


def test_new_action_form_saves_and_lists_the_action(session, web, clock):
    point = make_point(session)
    login(session, web)
    response = web.post("/actions/new", {**FORM, "point_id": str(point.id)})
    assert response.status_code == 302
    text = page_text(web.client.get(response.headers["Location"]))
    assert "Provkör elverket" in text and "Anna Berg" in text and "Planerad" in text


def test_new_action_form_with_bad_input_names_fields_and_saves_nothing(session, web, clock):
    point = make_point(session)
    login(session, web)
    response = web.post(
        "/actions/new",
        {**FORM, "point_id": str(point.id), "title": "", "financing.amount_sek": "tolv"},
    )
    assert response.status_code == 422
    text = page_text(response)
    assert "Åtgärden sparades inte" in text
    assert "Vad ska göras: Fältet är obligatoriskt." in text
    assert "Belopp (kr): Inte ett heltal." in text
    assert "Inga åtgärder matchar." in page_text(web.client.get("/actions"))


def test_new_action_form_for_staff_is_403(session, web, clock):
    point = make_point(session)
    login(session, web, "staff", points=[point])
    assert web.client.get("/actions/new").status_code == 403


def test_edit_form_shows_status_history_with_dates(session, web, api, clock):
    point = make_point(session)
    auditor = api("auditor")
    action = auditor.post("/api/v1/actions", action_input(point)).get_json()
    clock.set(date(2026, 6, 20))
    auditor.patch(f"/api/v1/actions/{action['id']}", {"version": 1, "status": "in_progress"})
    login(session, web)
    text = page_text(web.client.get(f"/actions/{action['id']}/edit"))
    assert re.search(r"2026-06-15 \d\d:\d\d · Planerad", text)
    assert re.search(r"2026-06-20 \d\d:\d\d · Pågår", text)


def test_edit_form_with_stale_version_is_409_and_saves_nothing(session, web, api, clock):
    point = make_point(session)
    auditor = api("auditor")
    action = auditor.post("/api/v1/actions", action_input(point)).get_json()
    auditor.patch(f"/api/v1/actions/{action['id']}", {"version": 1, "title": "Ändrad"})
    login(session, web)
    response = web.post(
        f"/actions/{action['id']}/edit",
        {**FORM, "point_id": str(point.id), "version": "1", "status": "done"},
    )
    assert response.status_code == 409
    assert "Någon annan sparade åtgärden medan du redigerade" in page_text(response)
    assert auditor.get(f"/api/v1/actions/{action['id']}").get_json()["status"] == "planned"


def test_staff_of_the_point_change_the_status_on_the_edit_form(session, web, api, clock):
    point = make_point(session)
    action = add_action(api, point)
    login(session, web, "staff", points=[point])
    form = web.client.get(f"/actions/{action['id']}/edit").get_data(as_text=True)
    assert 'name="title"' not in form
    response = web.post(f"/actions/{action['id']}/edit", {"version": "1", "status": "done"})
    assert response.status_code == 302
    assert "Klar" in page_text(web.client.get(f"/points/{point.id}/actions"))


def test_staff_of_another_point_may_not_open_the_edit_form(session, web, api, clock):
    point = make_point(session)
    other = make_point(session, name="Byagården")
    action = add_action(api, point)
    login(session, web, "staff", points=[other])
    assert web.client.get(f"/actions/{action['id']}/edit").status_code == 403


def test_csv_export_is_excel_ready_with_swedish_headers_and_guarded_cells(session, web, api, clock):
    point = make_point(session, name="=Handlar'n", power={"source": "fixed_generator"})
    add_action(
        api,
        point,
        title="-Provkör; elverket",
        responsible="@Anna",
        deadline="2026-06-14",
        financing={"source": "+Anslag", "amount_sek": 12000, "approved": True},
    )
    login(session, web)
    response = web.client.get("/actions.csv?municipality=Krokom")
    assert response.mimetype == "text/csv"
    assert (
        response.data
        == (
            "\ufeffÅtgärd;Punkt;Kod;Kommun;Kriterium;Ansvarig;Sista dag;Status;Försenad;"
            "Finansiering;Belopp (kr);Beviljad;Kriteriet uppfyllt nu\r\n"
            f"\"'-Provkör; elverket\";'=Handlar'n;{point.code};Krokom;POWER-TEST-RUN;'@Anna;"
            "2026-06-14;Planerad;Ja;'+Anslag;12000;Ja;\r\n"
        ).encode()
    )
