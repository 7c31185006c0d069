"""Account administration through the admin page."""

from __future__ import annotations

from readiness.auth.models import User
from tests.factories import make_point, make_user


def test_admin_creates_a_staff_account_and_assigns_a_point(web, client, session):
    make_user(session, "admin", email="admin@test.example")
    point = make_point(session)
    web.login("admin@test.example")
    response = client.post(
        "/admin/users",
        data={
            "email": "butik@test.example",
            "role": "staff",
            "password": "long enough pw",
            "csrf_token": web.csrf(),
        },
    )
    assert response.status_code == 302
    user = session.query(User).filter_by(email="butik@test.example").one()
    client.post(
        f"/admin/users/{user.id}",
        data={
            "role": "staff",
            "active": "1",
            "points": [str(point.id)],
            "csrf_token": web.csrf(),
        },
    )
    session.expire_all()
    assert [p.id for p in session.get(User, user.id).assigned_points] == [point.id]


def test_admin_page_refuses_bad_account_input_and_names_the_field(web, client, session):
    make_user(session, "admin", email="admin@test.example")
    web.login("admin@test.example")
    response = client.post(
        "/admin/users",
        data={
            "email": "nope",
            "role": "staff",
            "password": "short",
            "csrf_token": web.csrf(),
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html and 'id="password-error"' in html
    assert session.query(User).count() == 1


def test_only_admins_reach_the_accounts_page(web, client, session):
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    assert client.get("/admin/users").status_code == 403


def test_deactivated_account_cannot_log_in(web, client, session):
    admin = make_user(session, "admin", email="admin@test.example")
    staff = make_user(session, "staff", email="staff@test.example")
    web.login("admin@test.example")
    client.post(f"/admin/users/{staff.id}", data={"role": "staff", "csrf_token": web.csrf()})
    client.post("/logout", data={"csrf_token": web.csrf()})
    assert web.login("staff@test.example").status_code == 401
    assert admin.active
