"""The audit section of the point page and its form, as a coordinator in a browser uses them."""

from __future__ import annotations

import html as html_lib
from datetime import timedelta

import pytest

from readiness.audits.services import record_audit
from readiness.auth.actors import SYSTEM
from readiness.timeutil import today_in_sweden
from tests.factories import days_ago, make_point, make_user


@pytest.fixture
def coordinator(web, session):
    """Logged in as an auditor whose e-mail is anna@test.example."""
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    return web


def form_data(web, **changes) -> dict:
    data = {"date": days_ago(0), "auditor": "Karin Lund", "notes": "", "csrf_token": web.csrf()}
    data.update(changes)
    return data


def page_text(response) -> str:
    return html_lib.unescape(response.get_data(as_text=True))


def test_point_page_offers_coordinators_the_audit_form_with_their_email(
    coordinator, client, session
):
    point = make_point(session)
    html = page_text(client.get(f"/points/{point.id}"))
    assert '<label for="date">Datum för revisionen' in html
    assert '<label for="auditor">Reviderad av' in html
    assert 'name="auditor" type="text" value="anna@test.example"' in html
    assert f'name="date" type="date" value="{today_in_sweden().isoformat()}"' in html


def test_point_page_shows_staff_the_audits_but_no_form(web, client, session):
    point = make_point(session)
    record_audit(session, point, SYSTEM, today_in_sweden(), "Allt bra", auditor="Karin Lund")
    session.commit()
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    html = page_text(client.get(f"/points/{point.id}"))
    assert f"{today_in_sweden().isoformat()} · Karin Lund: Allt bra" in html
    assert "Registrera revisionen" not in html


def test_point_page_without_audits_says_none_is_recorded(coordinator, client, session):
    point = make_point(session)
    assert "Ingen revision är registrerad." in page_text(client.get(f"/points/{point.id}"))


def test_audit_form_records_the_audit_and_redirects_with_a_message(coordinator, client, session):
    point = make_point(session)
    response = client.post(f"/points/{point.id}/audits", data=form_data(coordinator))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/points/{point.id}#audits")
    html = page_text(client.get(f"/points/{point.id}"))
    today = today_in_sweden().isoformat()
    assert f"Revisionen av Handlar'n Föllinge den {today} är registrerad." in html
    assert f"{today} · Karin Lund" in html


def test_audit_form_dated_today_makes_audit_recent_pass_on_the_point_page(
    coordinator, client, session
):
    point = make_point(session)
    before = page_text(client.get(f"/points/{point.id}"))
    assert "Ingen revision är registrerad (gräns 365 dagar)." in before
    client.post(f"/points/{point.id}/audits", data=form_data(coordinator))
    after = page_text(client.get(f"/points/{point.id}"))
    assert "Ingen revision är registrerad (gräns 365 dagar)." not in after


def test_audit_form_with_future_date_is_422_with_the_error_beside_the_field(
    coordinator, client, session
):
    point = make_point(session)
    tomorrow = (today_in_sweden() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/points/{point.id}/audits", data=form_data(coordinator, date=tomorrow, notes="Kvar")
    )
    assert response.status_code == 422
    html = page_text(response)
    assert '<span class="error" id="date-error">Får inte ligga i framtiden.</span>' in html
    assert f'value="{tomorrow}"' in html and ">Kvar</textarea>" in html  # what was typed
    assert "Ingen revision är registrerad." in page_text(client.get(f"/points/{point.id}"))


def test_audit_form_with_blank_date_and_auditor_says_both_are_required(
    coordinator, client, session
):
    point = make_point(session)
    response = client.post(
        f"/points/{point.id}/audits", data=form_data(coordinator, date="", auditor=" ")
    )
    assert response.status_code == 422
    html = page_text(response)
    assert '<span class="error" id="date-error">Fältet är obligatoriskt.</span>' in html
    assert '<span class="error" id="auditor-error">Fältet är obligatoriskt.</span>' in html


def test_audit_form_in_english_shows_errors_in_english(coordinator, client, session):
    point = make_point(session)
    response = client.post(
        f"/points/{point.id}/audits?lang=en", data=form_data(coordinator, auditor="")
    )
    html = page_text(response)
    assert "The audit was not recorded. Correct the marked fields." in html
    assert '<span class="error" id="auditor-error">This field is required.</span>' in html


def test_audit_form_posted_by_staff_is_403_and_saves_nothing(web, client, session):
    point = make_point(session)
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    response = client.post(f"/points/{point.id}/audits", data=form_data(web))
    assert response.status_code == 403
    assert "Ingen revision är registrerad." in page_text(client.get(f"/points/{point.id}"))


def test_audit_form_without_csrf_token_is_refused(coordinator, client, session):
    point = make_point(session)
    data = {k: v for k, v in form_data(coordinator).items() if k != "csrf_token"}
    assert client.post(f"/points/{point.id}/audits", data=data).status_code == 400


def test_audit_form_for_unknown_point_is_404(coordinator, client):
    assert client.post("/points/4242/audits", data=form_data(coordinator)).status_code == 404


def test_audit_form_page_opens_for_coordinators_with_todays_date(coordinator, client, session):
    point = make_point(session)
    response = client.get(f"/points/{point.id}/audits")
    assert response.status_code == 200
    html = page_text(response)
    assert "Registrera en revision av Handlar'n Föllinge" in html
    assert f'name="date" type="date" value="{today_in_sweden().isoformat()}"' in html


def test_audit_form_page_is_403_for_staff(web, client, session):
    point = make_point(session)
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    assert client.get(f"/points/{point.id}/audits").status_code == 403
