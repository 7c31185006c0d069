"""The "still correct?" queue (CONFIRMED-RECENT, limit 183 days) and the one-click confirm."""

from __future__ import annotations

import html as html_lib
from datetime import datetime, time, timedelta

from sqlalchemy import select, update

from readiness.demo import load_demo
from readiness.points.models import Point, PointChange
from readiness.timeutil import STOCKHOLM, today_in_sweden
from tests.factories import TEST_PASSWORD_HASH_METHOD, full_crew, make_point, make_user

LIMIT = 183


def age_point(session, point, days: int) -> None:
    """The point was last changed `days` days ago (its history and `updated_at`)."""
    moment = datetime.combine(today_in_sweden() - timedelta(days=days), time(12), STOCKHOLM)
    session.execute(update(Point).where(Point.id == point.id).values(updated_at=moment))
    session.execute(update(PointChange).where(PointChange.point_id == point.id).values(at=moment))
    session.commit()


def due_names(client, municipality="Krokom") -> list[str]:
    response = client.get(f"/api/v1/confirmations/due?municipality={municipality}")
    assert response.status_code == 200
    return [row["name"] for row in response.get_json()]


def test_due_confirmations_list_exactly_the_points_older_than_the_limit(api, session):
    for name, days in [("Exakt", LIMIT), ("En dag för gammal", LIMIT + 1), ("Färsk", 10)]:
        age_point(session, make_point(session, name=name), days)
    assert due_names(api("auditor")) == ["En dag för gammal"]


def test_due_confirmations_are_oldest_first(api, session):
    for name, days in [("Gammal", 200), ("Äldst", 400), ("Äldre", 300)]:
        age_point(session, make_point(session, name=name), days)
    assert due_names(api("auditor")) == ["Äldst", "Äldre", "Gammal"]


def test_due_confirmations_give_the_day_its_age_and_the_point_manager_to_call(api, session):
    point = make_point(session, name="Handlar'n", contacts=full_crew())
    age_point(session, point, 200)
    [row] = api("auditor").get("/api/v1/confirmations/due?municipality=Krokom").get_json()
    assert row["last_changed_or_confirmed"] == (today_in_sweden() - timedelta(days=200)).isoformat()
    assert (row["days_since"], row["limit_days"]) == (200, LIMIT)
    assert row["contact"] == {"name": "Anna Berg", "phone": "+46701740605"}


def test_due_confirmations_of_another_municipality_leave_the_point_out(api, session):
    age_point(session, make_point(session, name="Gammal"), 200)
    assert due_names(api("auditor"), municipality="Vilhelmina") == []


def test_confirm_by_staff_of_the_point_answers_200_and_moves_it_out_of_the_queue(api, session):
    point = make_point(session, name="Gammal")
    age_point(session, point, 200)
    staff = api("staff", points=[point])
    assert staff.post(f"/api/v1/points/{point.id}/confirm").status_code == 200
    assert due_names(staff) == []


def test_confirm_is_in_the_history_without_changing_the_version(api, session):
    point = make_point(session)
    version = point.version
    client = api("staff", points=[point])
    client.post(f"/api/v1/points/{point.id}/confirm")
    [latest, *_older] = client.get(f"/api/v1/points/{point.id}/history").get_json()
    assert latest["action"] == "confirm" and latest["user"] == client.user.email
    assert client.get(f"/api/v1/points/{point.id}").get_json()["version"] == version


def test_confirm_by_staff_of_another_point_is_403(api, session):
    point, other = make_point(session), make_point(session, name="Annan")
    assert (
        api("staff", points=[other]).post(f"/api/v1/points/{point.id}/confirm").status_code == 403
    )


def test_confirm_makes_confirmed_recent_pass(api, session):
    point = make_point(session)
    age_point(session, point, 200)
    client = api("staff", points=[point])
    readiness = f"/api/v1/points/{point.id}/readiness"
    assert "CONFIRMED-RECENT" in [g["criterion"] for g in client.get(readiness).get_json()["gaps"]]
    client.post(f"/api/v1/points/{point.id}/confirm")
    assert "CONFIRMED-RECENT" in client.get(readiness).get_json()["passed"]


def page_text(response) -> str:
    return html_lib.unescape(response.get_data(as_text=True))


def test_queue_page_lists_the_due_point_with_a_tel_link(web, client, session):
    point = make_point(session, name="Gammal", contacts=full_crew())
    age_point(session, point, 200)
    make_user(session, "auditor", email="anna@test.example")
    web.login("anna@test.example")
    html = page_text(client.get("/confirmations?municipality=Krokom"))
    assert "Gammal" in html and "(för 200 dagar sedan; gräns 183 dagar)" in html
    assert 'href="tel:+46' in html


def test_point_page_still_correct_button_records_and_says_so(web, client, session):
    point = make_point(session, name="Gammal")
    age_point(session, point, 200)
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    assert "Stämmer fortfarande" in page_text(client.get(f"/points/{point.id}"))
    response = web.post(f"/points/{point.id}/confirm", follow_redirects=True)
    text = page_text(response)
    assert "Bekräftat: uppgifterna för Gammal stämmer fortfarande." in text
    assert f"Senast bekräftad som aktuell: {today_in_sweden().isoformat()}" in text


def test_point_page_after_confirm_still_names_the_last_real_change(web, client, session):
    point = make_point(session)
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    text = page_text(web.post(f"/points/{point.id}/confirm", follow_redirects=True))
    assert "av Systemet (demodata)." in text and "av bo@test.example" not in text


def test_point_page_confirm_without_csrf_token_is_refused(web, client, session):
    point = make_point(session)
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    assert client.post(f"/points/{point.id}/confirm").status_code == 400


def test_point_list_shows_staff_their_due_confirmation(web, client, session):
    point = make_point(session, name="Gammal")
    age_point(session, point, 200)
    make_user(session, "staff", email="bo@test.example", points=[point])
    web.login("bo@test.example")
    html = page_text(client.get("/points"))
    assert "Dina punkter att bekräfta som aktuella" in html
    assert "senast ändrad eller bekräftad" in html


def test_demo_data_fill_the_queue_with_the_points_entered_long_ago(api, session, tmp_path):
    load_demo(session, tmp_path, hash_method=TEST_PASSWORD_HASH_METHOD)
    session.commit()
    client = api("auditor")
    assert due_names(client, "Krokom") == ["Hotagens bygdegård", "Ås Lanthandel"]
    assert due_names(client, "Vilhelmina") == ["Latikbergs bygdegård"]
    point_id = session.scalar(select(Point.id).where(Point.name == "Ås Lanthandel"))
    [created] = client.get(f"/api/v1/points/{point_id}/history").get_json()
    assert created["at"].startswith((today_in_sweden() - timedelta(days=200)).isoformat())
