"""API tokens: created on the account page (shown once), revoked by their owner or an admin,
optionally expiring, and recording their last use at most once a minute."""

from __future__ import annotations

import re
from datetime import timedelta

from readiness.auth.models import ApiToken
from readiness.auth.services import issue_token
from readiness.timeutil import as_utc, utcnow
from tests.conftest import WebUser
from tests.factories import make_user


def _bearer(client, token: str):
    return client.get("/api/v1/points", headers={"Authorization": f"Bearer {token}"})


def _new_token(html: str) -> str:
    return re.search(r'id="new-token">([^<]+)<', html).group(1)


def test_account_page_creates_a_token_shown_once_that_authenticates_the_api(web, client, session):
    make_user(session, "staff", email="anna@test.example")
    web.login("anna@test.example")
    response = web.post("/account/tokens", {"label": "Kalkylark", "days": ""})
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    token = _new_token(html)
    assert "Kopiera den nya nyckeln nu" in html
    assert _bearer(client, token).status_code == 200
    again = client.get("/account").get_data(as_text=True)
    assert "Kalkylark" in again and token not in again


def test_account_page_with_a_bad_expiry_names_the_field(web, session):
    make_user(session, "staff", email="anna@test.example")
    web.login("anna@test.example")
    response = web.post("/account/tokens", {"label": "Skript", "days": "²"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="days-error"' in html and "1 till 3650" in html
    assert session.query(ApiToken).count() == 0


def test_account_page_revoking_own_token_makes_the_api_answer_401(web, client, session):
    user = make_user(session, "staff", email="anna@test.example")
    token, record = issue_token(session, user, "Skript")
    session.commit()
    web.login("anna@test.example")
    assert _bearer(client, token).status_code == 200
    response = web.post(f"/account/tokens/{record.id}/revoke", follow_redirects=True)
    assert "Nyckeln Skript har återkallats" in response.get_data(as_text=True)
    assert _bearer(client, token).status_code == 401


def test_account_page_cannot_revoke_another_accounts_token(web, client, session):
    owner = make_user(session, "auditor", email="owner@test.example")
    token, record = issue_token(session, owner, "Ägarens")
    session.commit()
    make_user(session, "staff", email="anna@test.example")
    web.login("anna@test.example")
    assert "Ägarens" not in client.get("/account").get_data(as_text=True)
    assert web.post(f"/account/tokens/{record.id}/revoke").status_code == 404
    assert _bearer(client, token).status_code == 200


def test_admin_page_lists_and_revokes_another_accounts_token(web, client, session):
    owner = make_user(session, "staff", email="owner@test.example")
    token, record = issue_token(session, owner, "Butikens skript")
    session.commit()
    make_user(session, "admin", email="admin@test.example")
    web.login("admin@test.example")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "Butikens skript" in page and "owner@test.example" in page
    response = web.post(f"/admin/tokens/{record.id}/revoke", follow_redirects=True)
    assert "Nyckeln Butikens skript för owner@test.example har återkallats" in response.get_data(
        as_text=True
    )
    assert _bearer(client, token).status_code == 401


def test_admin_token_revoke_refuses_non_admins(web, session):
    owner = make_user(session, "staff", email="owner@test.example")
    _token, record = issue_token(session, owner, "Skript")
    session.commit()
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    assert web.post(f"/admin/tokens/{record.id}/revoke").status_code == 403
    session.expire_all()
    assert session.get(ApiToken, record.id).revoked_at is None


def test_expired_token_answers_401(client, session):
    user = make_user(session, "auditor")
    token, _record = issue_token(session, user, days=1, now=utcnow() - timedelta(days=2))
    session.commit()
    response = _bearer(client, token)
    assert response.status_code == 401
    assert "_request" in response.get_json()["errors"]


def test_token_with_expiry_in_the_future_works(client, session):
    user = make_user(session, "auditor")
    token, _record = issue_token(session, user, days=30)
    session.commit()
    assert _bearer(client, token).status_code == 200


def test_token_use_is_recorded_at_most_once_a_minute(client, session):
    user = make_user(session, "auditor")
    token, record = issue_token(session, user)
    session.commit()
    _bearer(client, token)
    session.expire_all()
    first = as_utc(session.get(ApiToken, record.id).last_used_at)
    assert first is not None and utcnow() - first < timedelta(minutes=1)
    _bearer(client, token)
    session.expire_all()
    assert as_utc(session.get(ApiToken, record.id).last_used_at) == first
    session.get(ApiToken, record.id).last_used_at = first - timedelta(minutes=2)
    session.commit()
    _bearer(client, token)
    session.expire_all()
    assert as_utc(session.get(ApiToken, record.id).last_used_at) > first - timedelta(minutes=1)


def test_cli_create_token_with_days_prints_the_token_last_and_lists_it(app, client, session):
    make_user(session, "staff", email="api@test.example")
    runner = app.test_cli_runner()
    created = runner.invoke(args=["create-token", "api@test.example", "--days", "30"])
    assert created.exit_code == 0, created.output
    token = created.output.strip().splitlines()[-1]
    assert _bearer(client, token).status_code == 200
    listed = runner.invoke(args=["list-tokens", "api@test.example"])
    assert listed.exit_code == 0
    row = listed.output.strip().splitlines()[-1].split("\t")
    assert row[1:3] == ["api@test.example", "active"]
    assert row[5] == (utcnow() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M")


def test_cli_revoke_token_makes_the_api_answer_401(app, client, session):
    user = make_user(session, "staff", email="api@test.example")
    token, record = issue_token(session, user, "Skript")
    session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["revoke-token", str(record.id)])
    assert result.exit_code == 0, result.output
    assert _bearer(client, token).status_code == 401
    listed = runner.invoke(args=["list-tokens"]).output
    assert f"{record.id}\tapi@test.example\trevoked" in listed


def test_cli_revoke_unknown_token_fails(app):
    result = app.test_cli_runner().invoke(args=["revoke-token", "999999"])
    assert result.exit_code == 1
    assert "token:" in result.output


def test_cli_create_token_with_zero_days_names_the_field_and_fails(app, session):
    make_user(session, "staff", email="api@test.example")
    result = app.test_cli_runner().invoke(args=["create-token", "api@test.example", "--days", "0"])
    assert result.exit_code == 1
    assert "days:" in result.output
    assert session.query(ApiToken).count() == 0


def test_account_page_is_open_to_every_role(app, session):
    for role in ("admin", "auditor", "staff"):
        user = make_user(session, role)
        web = WebUser(app.test_client())
        web.login(user.email)
        assert web.client.get("/account").status_code == 200
