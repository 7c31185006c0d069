"""Logging out, locking an account and a new password end every session of the account."""

from __future__ import annotations

import pytest

from readiness.auth import services
from tests.conftest import WebUser
from tests.factories import make_user


def _copy_session(app, client):
    """A second browser holding a copy of this one's session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _logged_in(client) -> bool:
    return client.get("/points").status_code == 200


def test_logout_with_a_copied_session_cookie_ends_the_copy_too(app, web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    thief = _copy_session(app, client)
    assert _logged_in(thief)  # the copy works while the session lasts
    web.post("/logout")
    assert not _logged_in(client)
    response = thief.get("/points")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_then_login_again_works(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    web.post("/logout")
    assert web.login("anna@test.example").status_code == 302
    assert _logged_in(client)


def test_locking_an_account_ends_its_open_sessions_and_tokens(app, web, session, api):
    staff_api = api("staff")
    staff_web = WebUser(app.test_client())
    staff_web.login(staff_api.user.email)
    assert _logged_in(staff_web.client)
    make_user(session, "admin", email="admin@test.example")
    web.login("admin@test.example")
    locked = web.post(f"/admin/users/{staff_api.user.id}", data={"role": "staff"})
    assert locked.status_code == 302
    assert not _logged_in(staff_web.client)
    assert staff_api.get("/api/v1/points").status_code == 401


def test_changing_the_password_keeps_this_session_and_ends_the_others(app, web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    other = WebUser(app.test_client())
    other.login("anna@test.example")
    response = web.post(
        "/account/password",
        {
            "current_password": "correct horse battery",
            "new_password": "tre trötta tranor i snön",
            "confirm_password": "tre trötta tranor i snön",
        },
    )
    assert response.status_code == 302
    assert "Ditt lösenord är bytt" in client.get("/account").get_data(as_text=True)
    assert not _logged_in(other.client)
    assert other.login("anna@test.example").status_code == 401
    assert other.login("anna@test.example", "tre trötta tranor i snön").status_code == 302


def test_change_password_with_a_wrong_current_password_is_refused_beside_the_field(web, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    response = web.post(
        "/account/password",
        {
            "current_password": "not my password",
            "new_password": "tre trötta tranor i snön",
            "confirm_password": "tre trötta tranor i snön",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="current_password-error"' in html and "Det är inte ditt nuvarande" in html


@pytest.mark.parametrize(
    "email,password",
    [
        ("locked@test.example", "correct horse battery"),  # locked, right password
        ("anna@test.example", "wrong password"),
        ("nobody@test.example", "correct horse battery"),
    ],
    ids=["locked", "wrong-password", "unknown"],
)
def test_login_refusal_checks_one_password_hash_whoever_asks(
    web, session, monkeypatch, email, password
):
    make_user(session, "auditor", email="anna@test.example")
    locked = make_user(session, "staff", email="locked@test.example")
    locked.active = False
    session.commit()
    checks = []
    real_check = services.check_password_hash

    def counting_check(stored, given):
        checks.append(stored)
        return real_check(stored, given)

    monkeypatch.setattr(services, "check_password_hash", counting_check)
    response = web.login(email, password)
    assert response.status_code == 401
    assert "Fel e-postadress eller lösenord" in response.get_data(as_text=True)
    assert len(checks) == 1
