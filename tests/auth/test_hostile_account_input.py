"""Account forms and login with input no account can have answer in words, never 500."""

from __future__ import annotations

from readiness.auth.models import User
from tests.factories import make_point, make_user


def test_login_with_nul_in_the_email_is_a_failed_login(web, client, session):
    # PostgreSQL refuses NUL in a query parameter; a form cannot carry a lone surrogate.
    make_user(session, "auditor", email="anna@test.example")
    for email in ("anna\x00@test.example", "\x00"):
        response = client.post(
            "/login",
            data={"email": email, "password": "correct horse battery", "csrf_token": web.csrf()},
        )
        assert response.status_code == 401
        assert "Fel e-postadress eller lösenord." in response.get_data(as_text=True)


def test_admin_assigning_points_with_odd_ids_ignores_them(web, client, session):
    make_user(session, "admin", email="admin@test.example")
    staff = make_user(session, "staff", email="butik@test.example")
    point = make_point(session)
    web.login("admin@test.example")
    response = client.post(
        f"/admin/users/{staff.id}",
        data={
            "role": "staff",
            "active": "on",
            "points": [str(point.id), "²", str(10**30), "-1"],
            "csrf_token": web.csrf(),
        },
    )
    assert response.status_code == 302
    session.expire_all()
    assert [p.id for p in session.get(User, staff.id).assigned_points] == [point.id]
