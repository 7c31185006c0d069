"""The accounts page loads every account, its assigned points and every token in a fixed number
of queries, however many accounts there are."""

from __future__ import annotations

import re

from readiness.auth.services import issue_token
from tests.factories import make_point, make_user

# The signed-in admin; the accounts with their assigned points (2); the point picker; the
# tokens with their accounts.
ACCOUNTS_PAGE_QUERIES = 5


def _queries_for(count_queries, fetch) -> int:
    with count_queries() as statements:
        response = fetch()
        assert response.status_code == 200
    return len(statements)


def test_accounts_page_query_count_does_not_grow_with_accounts(web, client, session, count_queries):
    admin = make_user(session, "admin", email="admin@test.example")
    web.login("admin@test.example")
    few = _queries_for(count_queries, lambda: client.get("/admin/users"))
    points = [make_point(session, name=f"P{i}") for i in range(3)]
    issue_token(session, admin, "admin's own")
    for i in range(10):
        user = make_user(session, "staff" if i % 2 else "auditor", points=points[: i % 3 + 1])
        issue_token(session, user, f"token {i}")
    session.commit()
    many = _queries_for(count_queries, lambda: client.get("/admin/users"))
    assert many == few
    assert many <= ACCOUNTS_PAGE_QUERIES


def test_accounts_page_shows_each_staff_account_its_own_points(web, client, session):
    make_user(session, "admin", email="admin@test.example")
    first, second = make_point(session, name="Bystugan"), make_point(session, name="Macken")
    staff = make_user(session, "staff", email="butik@test.example", points=[second])
    web.login("admin@test.example")
    html = client.get("/admin/users").get_data(as_text=True)
    form = html[html.index(f'action="/admin/users/{staff.id}"') :]
    form = form[: form.index("</form>")]
    assert re.search(rf'name="points" value="{second.id}"\s+checked', form)
    assert re.search(rf'name="points" value="{first.id}"\s*>', form)  # offered, not ticked
