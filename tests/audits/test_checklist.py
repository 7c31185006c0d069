"""An audit with who was there, the catalog checklist, findings, facts applied to the point
and its PDF for signing (issue 13, part 1)."""

from __future__ import annotations

import html as html_lib

from readiness.criteria.catalog import base_catalog
from readiness.timeutil import today_in_sweden
from tests.factories import ApiClient, days_ago, make_point, make_user
from tests.pdf_tools import pdf_pages, pdf_text

CHECKLIST = [
    {"criterion": "POWER-TEST-RUN", "observed": "ok", "comment": "Provkört i dag."},
    {"criterion": "AGREEMENT-VALID", "observed": "gap", "comment": "Avtalet ej påskrivet."},
    {"criterion": "AREA-STAFF", "observed": "na", "comment": None},
]
AUDIT = {
    "date": days_ago(0),
    "auditor": "Karin Lund",
    "present": "Per Holm (ägare)",
    "checklist": CHECKLIST,
    "findings": "Reservkraften fungerar. Avtalet behöver förnyas.",
}


def audits_url(point) -> str:
    return f"/api/v1/points/{point.id}/audits"


def gaps(client, point) -> list[str]:
    body = client.get(f"/api/v1/points/{point.id}/readiness").get_json()
    return [gap["criterion"] for gap in body["gaps"]]


def test_audit_checklist_round_trips_through_the_api(api, session):
    point = make_point(session)
    client = api("auditor")
    assert client.post(audits_url(point), AUDIT).status_code == 201
    [listed] = client.get(audits_url(point)).get_json()
    assert listed["checklist"] == CHECKLIST
    assert listed["present"] == "Per Holm (ägare)" and listed["findings"] == AUDIT["findings"]


def test_audit_stores_the_criteria_version_in_force(api, session):
    point = make_point(session)
    body = api("auditor").post(audits_url(point), AUDIT).get_json()
    assert body["criteria_version"] == base_catalog().version


def test_audit_with_an_unknown_criterion_is_422_and_saves_nothing(api, session):
    point = make_point(session)
    client = api("auditor")
    checklist = [{"criterion": "NO-SUCH", "observed": "ok", "comment": None}]
    response = client.post(audits_url(point), {**AUDIT, "checklist": checklist})
    assert response.status_code == 422 and list(response.get_json()["errors"]) == ["checklist"]
    assert client.get(audits_url(point)).get_json() == []


def test_audit_with_an_unknown_observation_is_422(api, session):
    point = make_point(session)
    checklist = [{"criterion": "POWER-TEST-RUN", "observed": "maybe", "comment": None}]
    response = api("auditor").post(audits_url(point), {**AUDIT, "checklist": checklist})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["checklist.0.observed"]


def test_audit_exactly_365_days_old_passes_audit_recent(api, session):
    point = make_point(session)
    client = api("auditor")
    client.post(audits_url(point), {"date": days_ago(365), "auditor": "Karin Lund"})
    assert "AUDIT-RECENT" not in gaps(client, point)


def test_audit_366_days_old_leaves_audit_recent_a_gap(api, session):
    point = make_point(session)
    client = api("auditor")
    client.post(audits_url(point), {"date": days_ago(366), "auditor": "Karin Lund"})
    assert "AUDIT-RECENT" in gaps(client, point)


def test_audit_applying_facts_sets_them_on_the_point(api, session):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": days_ago(60)})
    client = api("auditor")
    facts = ["test_run", "contacts_reviewed", "channels_tested"]
    client.post(audits_url(point), {**AUDIT, "apply_facts": facts})
    body = client.get(f"/api/v1/points/{point.id}").get_json()
    today = today_in_sweden().isoformat()
    assert body["power"]["last_test_run"] == today
    assert body["contacts_reviewed"] == today
    assert [channel["last_tested"] for channel in body["channels"]] == [today]


def test_audit_applying_facts_makes_the_test_run_criterion_pass(api, session):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": days_ago(60)})
    client = api("auditor")
    assert "POWER-TEST-RUN" in gaps(client, point)
    client.post(audits_url(point), {**AUDIT, "apply_facts": ["test_run"]})
    assert "POWER-TEST-RUN" not in gaps(client, point)


def test_audit_applying_three_facts_adds_one_history_entry_by_the_auditor(api, session):
    point = make_point(session)
    client = api("auditor")
    history = f"/api/v1/points/{point.id}/history"
    before = len(client.get(history).get_json())
    facts = ["test_run", "contacts_reviewed", "channels_tested"]
    client.post(audits_url(point), {**AUDIT, "apply_facts": facts})
    entries = client.get(history).get_json()
    assert len(entries) == before + 1
    latest = entries[0]
    assert (latest["action"], latest["user"]) == ("audit", client.user.email)
    assert set(latest["changes"]) >= {"power.last_test_run", "contacts_reviewed"}


def test_audit_without_facts_to_apply_adds_no_history_entry(api, session):
    point = make_point(session)
    client = api("auditor")
    history = f"/api/v1/points/{point.id}/history"
    before = client.get(history).get_json()
    client.post(audits_url(point), AUDIT)
    assert client.get(history).get_json() == before


def page_text(response) -> str:
    return html_lib.unescape(response.get_data(as_text=True))


def login_coordinator(web, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")


def test_audit_form_preselects_each_criterion_with_the_points_result(web, client, session):
    point = make_point(session, agreement=None)
    login_coordinator(web, session)
    html = page_text(client.get(f"/points/{point.id}/audits"))
    assert "<legend>Gällande avtal</legend>" in html
    assert 'name="observed-AGREEMENT-VALID" value="gap" checked' in html
    assert 'name="observed-POWER-SOURCE" value="ok" checked' in html
    assert 'name="observed-POWER-ONSITE" value="ok" checked' in html
    assert "Uppfyllt" in html and "Brist" in html and "Ej tillämpligt" in html


def test_audit_form_shows_the_criteria_titles_in_words(web, client, session):
    point = make_point(session)
    login_coordinator(web, session)
    html = page_text(client.get(f"/points/{point.id}/audits"))
    assert "<legend>Reservkraft finns</legend>" in html
    assert "<legend>Uppgifterna bekräftade</legend>" in html


def test_audit_form_records_the_checklist_and_applies_the_checked_facts(web, client, session):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": days_ago(60)})
    login_coordinator(web, session)
    form = {
        "date": days_ago(0),
        "auditor": "Karin Lund",
        "present": "Per Holm",
        "observed-POWER-SOURCE": "ok",
        "comment-POWER-SOURCE": "Elverket på plats.",
        "findings": "Allt i ordning.",
        "apply_facts": ["test_run"],
    }
    response = web.post(f"/points/{point.id}/audits", form, follow_redirects=True)
    assert "Revisionen av Handlar'n Föllinge den" in page_text(response)
    client_api = ApiClient(client.application.test_client(), session, make_user(session))
    [audit] = client_api.get(audits_url(point)).get_json()
    assert audit["checklist"] == [
        {"criterion": "POWER-SOURCE", "observed": "ok", "comment": "Elverket på plats."}
    ]
    body = client_api.get(f"/api/v1/points/{point.id}").get_json()
    assert body["power"]["last_test_run"] == today_in_sweden().isoformat()


def test_audit_pdf_has_the_checklist_findings_and_signature_lines(
    api, web, client, session, tmp_path
):
    point = make_point(session, name="Handlar'n Föllinge")
    body = api("auditor").post(audits_url(point), AUDIT).get_json()
    login_coordinator(web, session)
    page = page_text(client.get(f"/points/{point.id}"))
    url = f"/points/{point.id}/audits/{body['id']}.pdf"
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(pdf_text(response.data, tmp_path).split())
    assert "Revision av Handlar'n Föllinge" in text
    assert "Per Holm (ägare)" in text
    assert "Avtal" in text and "Brist" in text and "Avtalet ej påskrivet." in text
    assert "Reservkraften fungerar. Avtalet behöver förnyas." in text
    assert "Punktägarens underskrift" in text and "Namnförtydligande" in text


def test_audit_pdf_is_one_page(api, web, client, session, tmp_path):
    point = make_point(session)
    checklist = [
        {"criterion": c.id, "observed": "ok", "comment": "Kontrollerat på plats av revisorn."}
        for c in base_catalog().criteria
    ]
    body = api("auditor").post(audits_url(point), {**AUDIT, "checklist": checklist}).get_json()
    login_coordinator(web, session)
    response = client.get(f"/points/{point.id}/audits/{body['id']}.pdf")
    assert pdf_pages(response.data, tmp_path) == 1


def test_audit_form_preselects_not_applicable_for_a_point_without_a_generator(web, client, session):
    point = make_point(session, power={"source": "none"})
    login_coordinator(web, session)
    html = page_text(client.get(f"/points/{point.id}/audits"))
    assert 'name="observed-POWER-RUNTIME" value="na" checked' in html
