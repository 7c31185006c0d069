"""The årshjul's pages: the year view, staff's due tasks, the calendar feed on the account."""

from __future__ import annotations

import re

from sqlalchemy import select

from readiness.timeutil import today_in_sweden
from readiness.yearwheel.models import CalendarFeed
from readiness.yearwheel.rules import add_months
from tests.factories import days_ago, make_point, make_user


def login(session, web, role="auditor", points=()):
    user = make_user(session, role, points=points)
    web.login(user.email)
    return user


def test_year_page_shows_twelve_months(session, web):
    login(session, web)
    html = web.client.get("/arshjul").get_data(as_text=True)
    assert len(re.findall(r'<section class="month"', html)) == 12


def test_year_page_lists_an_overdue_test_run_in_words(session, web):
    make_point(session, power={"source": "fixed_generator", "last_test_run": days_ago(40)})
    login(session, web)
    html = web.client.get("/arshjul").get_data(as_text=True)
    assert "Provkörning av elverk</strong> – Handlar&#39;n Föllinge" in html
    assert "Försenad 9 dagar" in html


def test_year_page_for_staff_leaves_out_other_points(session, web):
    mine = make_point(session, name="Min punkt")
    other = make_point(session, name="Annan punkt")
    login(session, web, "staff", points=[mine])
    html = web.client.get("/arshjul").get_data(as_text=True)
    assert mine.code in html and other.code not in html


def serviceforum_row(html: str) -> str:
    return html.split("<td>Serviceforum</td>")[1].split("</tr>")[0]


def test_serviceforum_never_held_is_due_today(session, web):
    make_point(session)
    login(session, web)
    assert "Ska göras i dag" in serviceforum_row(web.client.get("/arshjul").get_data(as_text=True))


def test_record_serviceforum_done_moves_it_six_months_on(session, web):
    make_point(session)
    login(session, web)
    response = web.post(
        "/arshjul/done",
        {"municipality": "Krokom", "task": "serviceforum", "done_on": days_ago(0)},
        follow_redirects=True,
    )
    row = serviceforum_row(response.get_data(as_text=True))
    assert add_months(today_in_sweden(), 6).isoformat() in row


def test_record_done_in_the_future_is_422_and_says_so(session, web):
    make_point(session)
    login(session, web)
    tomorrow = today_in_sweden().replace(year=today_in_sweden().year + 1).isoformat()
    response = web.post(
        "/arshjul/done", {"municipality": "Krokom", "task": "serviceforum", "done_on": tomorrow}
    )
    assert response.status_code == 422
    assert "Får inte ligga i framtiden." in response.get_data(as_text=True)


def test_record_done_as_staff_is_403(session, web):
    make_point(session)
    login(session, web, "staff")
    response = web.post(
        "/arshjul/done", {"municipality": "Krokom", "task": "serviceforum", "done_on": days_ago(0)}
    )
    assert response.status_code == 403


def test_own_task_added_shows_in_the_year(session, web):
    make_point(session)
    login(session, web)
    web.post(
        "/arshjul/own-tasks",
        {
            "municipality": "Krokom",
            "title": "Genomgång med hemvärnet",
            "every_months": "12",
            "first_due": days_ago(-20),
        },
    )
    assert "Genomgång med hemvärnet" in web.client.get("/arshjul").get_data(as_text=True)


def test_own_task_without_title_is_422_with_the_field_marked(session, web):
    make_point(session)
    login(session, web)
    response = web.post(
        "/arshjul/own-tasks",
        {"municipality": "Krokom", "title": "", "every_months": "6", "first_due": days_ago(0)},
    )
    assert response.status_code == 422
    assert 'href="#title"' in response.get_data(as_text=True)


def test_point_list_shows_staff_their_overdue_tasks(session, web):
    mine = make_point(session, power={"source": "fixed_generator", "last_test_run": days_ago(40)})
    login(session, web, "staff", points=[mine])
    html = web.client.get("/points").get_data(as_text=True)
    section = html.split('id="due-tasks-heading"')[1].split("</section>")[0]
    assert "Försenad 9 dagar</strong>: Provkörning av elverk" in section


def test_point_list_for_a_coordinator_has_no_due_task_list(session, web):
    make_point(session)
    login(session, web)
    assert "due-tasks-heading" not in web.client.get("/points").get_data(as_text=True)


def test_account_create_feed_shows_a_working_url_once(session, web):
    login(session, web, "staff")
    response = web.post("/account/calendar-feed")
    assert response.status_code == 201
    url = re.search(r'id="feed-url">([^<]+)<', response.get_data(as_text=True)).group(1)
    web.post("/logout")
    assert web.client.get(url.removeprefix("https://tp.example.se")).status_code == 200


def test_account_revoke_feed_makes_the_url_404(session, web):
    login(session, web, "staff")
    html = web.post("/account/calendar-feed").get_data(as_text=True)
    url = re.search(r'id="feed-url">([^<]+)<', html).group(1)
    web.post("/account/calendar-feed/revoke")
    assert web.client.get(url.removeprefix("https://tp.example.se")).status_code == 404


def test_account_page_offers_revoke_once_a_feed_exists(session, web):
    login(session, web, "staff")
    web.post("/account/calendar-feed")
    html = web.client.get("/account").get_data(as_text=True)
    assert "Återkalla kalenderprenumerationen" in html
    assert session.scalars(select(CalendarFeed)).all()


def test_own_task_removed_from_the_year_page(session, web):
    make_point(session)
    login(session, web)
    web.post(
        "/arshjul/own-tasks",
        {
            "municipality": "Krokom",
            "title": "Städdag",
            "every_months": "12",
            "first_due": days_ago(-20),
        },
    )
    html = web.client.get("/arshjul?municipality=Krokom").get_data(as_text=True)
    action = re.search(r'action="(/arshjul/own-tasks/\d+/delete)"', html).group(1)
    response = web.post(action, {})
    assert response.status_code == 302
    after = web.client.get("/arshjul?municipality=Krokom").get_data(as_text=True)
    assert "Uppgiften Städdag togs bort ur årshjulet." in after
    assert "Städdag" not in web.client.get("/arshjul?municipality=Krokom").get_data(as_text=True)
