"""The yearly report: one set of figures for the API, the page and the PDF (issue 13)."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, date, datetime

import pytest

from readiness.actions.models import Action, ActionStatusChange
from readiness.audits.services import record_audit
from readiness.auth.actors import SYSTEM
from readiness.points.models import Municipality
from readiness.reports.services import report_year
from readiness.timeutil import today_in_sweden
from tests.factories import make_point, make_user
from tests.pdf_tools import pdf_text

TODAY = date(2026, 6, 15)


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr("readiness.timeutil.today_in_sweden", lambda: TODAY)
    monkeypatch.setattr(
        "readiness.timeutil.utcnow", lambda: datetime(2026, 6, 15, 10, 0, tzinfo=UTC)
    )


def make_action(session, municipality, status_history, **fields) -> Action:
    """An action with its status changes as [(status, datetime)]."""
    values = {
        "title": "Provkör elverket",
        "responsible": "Anna Berg",
        "deadline": date(2026, 3, 1),
        "financing_amount_sek": 12000,
        "financing_approved": True,
        "status": status_history[-1][0],
        "created_at": status_history[0][1],
        **fields,
    }
    action = Action(municipality_id=municipality.id, **values)
    action.status_changes = [ActionStatusChange(status=s, at=at) for s, at in status_history]
    session.add(action)
    session.commit()
    return action


@pytest.fixture
def year_data(session, clock):
    """Krokom in 2026: two points (one tested this year), one audit, three actions."""
    tested = make_point(
        session,
        power={**_power(), "last_test_run": "2026-02-10"},
        last_exercise="2025-10-01",
        channels=[{"kind": "rakel", "detail": "TG", "last_tested": "2025-12-01"}],
    )
    make_point(
        session,
        name="Skolan Föllinge",
        power={**_power(), "last_test_run": "2025-11-01"},
        last_exercise="2026-01-20",
        channels=[{"kind": "rakel", "detail": "TG", "last_tested": "2026-05-01"}],
    )
    record_audit(session, tested, SYSTEM, date(2026, 4, 2), "Allt bra", auditor="Karin Lund")
    session.commit()
    krokom = session.query(Municipality).filter_by(name="Krokom").one()
    jan = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
    make_action(session, krokom, [("planned", jan), ("done", datetime(2026, 5, 2, tzinfo=UTC))])
    make_action(
        session, krokom, [("planned", jan)], title="Byt batterier", financing_amount_sek=500
    )
    make_action(
        session,
        krokom,
        [("planned", datetime(2025, 3, 1, tzinfo=UTC))],
        title="Skriv avtal",
        deadline=date(2025, 6, 1),
        financing_approved=False,
    )
    return krokom


def _power() -> dict:
    from tests.factories import point_input

    return point_input()["power"]


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    return web


def test_yearly_report_api_counts_the_years_events(api, year_data):
    body = api("auditor").get("/api/v1/reports/yearly?municipality=Krokom&year=2026").get_json()
    assert {k: body[k] for k in ("points", "test_runs", "channels_tested", "exercises")} == {
        "points": 2,
        "test_runs": 1,
        "channels_tested": 1,
        "exercises": 1,
    }
    assert body["audits"] == 1


def test_yearly_report_api_counts_actions_done_open_overdue_and_financing(api, year_data):
    body = api("auditor").get("/api/v1/reports/yearly?municipality=Krokom&year=2026").get_json()
    assert (body["actions_done"], body["actions_open"], body["actions_overdue"]) == (1, 2, 2)
    assert body["financing_approved_sek"] == 12500


def test_yearly_report_api_gives_the_year_before_for_comparison(api, year_data):
    body = api("auditor").get("/api/v1/reports/yearly?municipality=Krokom&year=2026").get_json()
    previous = body["previous"]
    assert (previous["year"], previous["as_of"]) == (2025, "2025-12-31")
    assert (previous["actions_open"], previous["actions_overdue"], previous["audits"]) == (1, 1, 0)


def test_yearly_report_api_lists_the_plan_of_open_actions_by_deadline(api, year_data):
    body = api("auditor").get("/api/v1/reports/yearly?municipality=Krokom&year=2026").get_json()
    assert [(r["title"], r["responsible"], r["deadline"]) for r in body["plan"]] == [
        ("Skriv avtal", "Anna Berg", "2025-06-01"),
        ("Byt batterier", "Anna Berg", "2026-03-01"),
    ]


def test_yearly_report_api_as_staff_is_403(api, year_data):
    response = api("staff").get("/api/v1/reports/yearly?municipality=Krokom&year=2026")
    assert response.status_code == 403


@pytest.mark.parametrize("year", ["", "abc", "1999", "2027"])
def test_yearly_report_api_with_a_bad_year_is_422_naming_it(api, year_data, year):
    response = api("auditor").get(f"/api/v1/reports/yearly?municipality=Krokom&year={year}")
    assert response.status_code == 422
    assert "year" in response.get_json()["errors"]


def test_yearly_report_api_with_an_unknown_municipality_is_422_naming_it(api, year_data):
    response = api("auditor").get("/api/v1/reports/yearly?municipality=Atlantis&year=2026")
    assert response.status_code == 422
    assert "municipality" in response.get_json()["errors"]


def _table_figures(html: str) -> dict[str, tuple[str, str]]:
    rows = re.findall(
        r'<tr data-figure="(\w+)"><th scope="row">.*?</th>'
        r'<td class="num">(.*?)</td><td class="num">(.*?)</td></tr>',
        html,
    )
    return {name: (now, before) for name, now, before in rows}


def _as_number(text: str):
    if text == "–":
        return None
    number = text.replace("\xa0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    return float(number) if "." in number else int(number)


def test_yearly_report_page_figures_equal_the_apis(coordinator, client, api, year_data):
    body = api("auditor").get("/api/v1/reports/yearly?municipality=Krokom&year=2026").get_json()
    page = client.get("/reports/yearly?municipality=Krokom&year=2026")
    shown = _table_figures(html_lib.unescape(page.get_data(as_text=True)))
    assert len(shown) == 14
    for name, (now, before) in shown.items():
        assert (_as_number(now), _as_number(before)) == (body[name], body["previous"][name])


def test_yearly_report_page_as_staff_is_403(web, client, session, year_data):
    make_user(session, "staff", email="bo@test.example")
    web.login("bo@test.example")
    assert client.get("/reports/yearly?municipality=Krokom&year=2026").status_code == 403


def test_yearly_report_page_links_to_the_pdf(coordinator, client, year_data):
    html = client.get("/reports/yearly?municipality=Krokom&year=2026").get_data(as_text=True)
    assert 'href="/reports/yearly.pdf?municipality=Krokom&amp;year=2026"' in html


def test_yearly_report_page_charts_have_no_script_and_write_each_number(
    coordinator, client, year_data
):
    html = client.get("/reports/yearly?municipality=Krokom&year=2026").get_data(as_text=True)
    charts = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(charts) == 2
    assert all("<script" not in chart.lower() and " on" not in chart for chart in charts)
    assert ">2</text>" in charts[0] or ">1</text>" in charts[0]


def test_yearly_report_pdf_contains_the_key_figures(api, year_data, tmp_path):
    client = api("auditor")
    response = client.get("/api/v1/reports/yearly.pdf?municipality=Krokom&year=2026")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(pdf_text(response.data, tmp_path).split())
    assert "Årsrapport 2026: Krokom" in text
    assert "Generatorer provkörda 1" in text
    assert "Beviljad finansiering (kr) 12 500" in text


def test_yearly_report_pdf_from_the_page_link_is_a_pdf(coordinator, client, year_data):
    response = client.get("/reports/yearly.pdf?municipality=Krokom&year=2026")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_report_year_is_the_year_ending_from_december_and_the_year_before_until_then():
    assert report_year(date(2026, 11, 30)) == 2025
    assert report_year(date(2026, 12, 1)) == 2026
    assert report_year(date(2027, 1, 31)) == 2026


def test_yearly_page_from_the_menu_opens_the_january_report_of_the_first_municipality(session, web):
    make_point(session, name="Almby bystuga", municipality="Krokom")
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    menu = web.client.get("/points").get_data(as_text=True)
    assert 'href="/reports/yearly"' in menu
    response = web.client.get("/reports/yearly")
    year = report_year(today_in_sweden())
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reports/yearly?municipality=Krokom&year={year}")
    assert web.client.get(response.headers["Location"]).status_code == 200
