"""GET /api/v1/tasks and the calendar feed (contract: the coordinator's year)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import recurring_ical_events
from icalendar import Calendar
from sqlalchemy import select

from readiness.timeutil import today_in_sweden
from readiness.yearwheel.models import CalendarFeed
from tests.factories import days_ago, make_point
from tests.readback import ics_text, plain


def feed_path(url: str) -> str:
    return url.removeprefix("https://tp.example.se")


def generator_tasks(body: list[dict], code: str) -> list[dict]:
    return [t for t in body if t["task"] == "generator_test" and t.get("point_code") == code]


def test_tasks_list_a_point_task_with_the_contract_fields(api, session):
    point = make_point(session)
    body = api("auditor").get("/api/v1/tasks").get_json()
    [task] = generator_tasks(body, point.code)
    due = (today_in_sweden() + timedelta(days=21)).isoformat()
    assert (task["point_code"], task["due"], task["overdue"]) == (point.code, due, False)


def test_tasks_are_in_due_order(api, session):
    make_point(session, last_exercise=days_ago(400))
    body = api("auditor").get("/api/v1/tasks").get_json()
    assert [t["due"] for t in body] == sorted(t["due"] for t in body)


def test_tasks_with_an_old_test_run_mark_the_generator_test_overdue(api, session):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": days_ago(40)})
    [task] = generator_tasks(api("auditor").get("/api/v1/tasks").get_json(), point.code)
    assert task["overdue"] is True


def test_tasks_after_recording_a_test_run_clear_the_overdue_generator_test(api, session):
    point = make_point(session, power={"source": "fixed_generator", "last_test_run": days_ago(40)})
    client = api("auditor")
    patch = {"version": 1, "power": {"last_test_run": days_ago(0)}}
    assert client.patch(f"/api/v1/points/{point.id}", patch).status_code == 200
    body = client.get("/api/v1/tasks?within_days=7").get_json()
    assert generator_tasks(body, point.code) == []


def test_tasks_within_days_keep_overdue_and_leave_out_later_tasks(api, session):
    make_point(session, last_exercise=days_ago(400))
    body = api("auditor").get("/api/v1/tasks?within_days=0").get_json()
    today = today_in_sweden().isoformat()
    assert body and all(t["due"] <= today for t in body)


def test_tasks_for_a_municipality_leave_out_other_municipalities(api, session):
    make_point(session, municipality="Krokom")
    make_point(session, name="Skolan", municipality="Strömsund")
    body = api("auditor").get("/api/v1/tasks?municipality=Krokom").get_json()
    assert {t["municipality"] for t in body} == {"Krokom"}


def test_tasks_for_staff_list_only_their_points(api, session):
    mine = make_point(session, name="Min punkt")
    other = make_point(session, name="Annan punkt")
    body = api("staff", points=[mine]).get("/api/v1/tasks").get_json()
    codes = {t.get("point_code") for t in body}
    assert codes == {mine.code} and other.code not in codes


def test_tasks_with_a_bad_within_days_is_422_naming_it(api):
    response = api("auditor").get("/api/v1/tasks?within_days=soon")
    assert response.status_code == 422
    assert "within_days" in response.get_json()["errors"]


def test_tasks_without_token_is_401(client):
    assert client.get("/api/v1/tasks").status_code == 401


def test_calendar_feed_create_returns_201_with_a_url(api):
    response = api("staff").post("/api/v1/me/calendar-feed")
    assert response.status_code == 201
    assert response.get_json()["url"].startswith("https://tp.example.se/calendar/")


def test_calendar_feed_stores_only_the_token_hash(api, session):
    url = api("staff").post("/api/v1/me/calendar-feed").get_json()["url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = session.scalars(select(CalendarFeed.token_hash)).all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]


def test_calendar_feed_url_needs_no_login_and_answers_text_calendar(api, client, session):
    url = api("auditor").post("/api/v1/me/calendar-feed").get_json()["url"]
    response = client.get(feed_path(url))
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"


def test_calendar_feed_expands_to_the_generator_test_dates(api, client, session):
    point = make_point(session)  # tested 10 days ago: due in 21 days, then every 31
    url = api("staff", points=[point]).post("/api/v1/me/calendar-feed").get_json()["url"]
    calendar = Calendar.from_ical(client.get(feed_path(url)).data)
    today = today_in_sweden()
    events = recurring_ical_events.of(calendar).between(today, today + timedelta(days=90))
    dates = sorted(e["DTSTART"].dt for e in events if "Provkörning" in str(e["SUMMARY"]))
    assert dates == [today + timedelta(days=d) for d in (21, 52, 83)]


def test_calendar_feed_events_are_all_day_dates_with_uid_and_dtstamp(api, client, session):
    point = make_point(session)
    url = api("staff", points=[point]).post("/api/v1/me/calendar-feed").get_json()["url"]
    calendar = Calendar.from_ical(client.get(feed_path(url)).data)
    events = calendar.walk("VEVENT")
    assert events and all(
        type(e["DTSTART"].dt) is date and e.get("UID") and e.get("DTSTAMP") for e in events
    )


def test_calendar_feed_of_staff_carries_only_their_own_points(api, client, session):
    mine = make_point(session, name="Min punkt")
    # A name the feed escapes ("\,", "\;") and folds across lines: read as a calendar app does.
    other = make_point(session, name="Annans gård, Övre Föllinge; norra delen av byn")
    url = api("staff", points=[mine]).post("/api/v1/me/calendar-feed").get_json()["url"]
    response = client.get(feed_path(url))
    text = plain(ics_text(response.data))
    assert f"Provkörning av elverk – Min punkt ({mine.code})" in text
    assert other.name not in text and other.code not in text
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.data).walk("VEVENT")]
    assert summaries and not [s for s in summaries if other.code in s or "Annans" in s]


def test_calendar_feed_revoked_answers_404(api, client):
    staff = api("staff")
    url = staff.post("/api/v1/me/calendar-feed").get_json()["url"]
    assert staff.delete("/api/v1/me/calendar-feed").status_code == 204
    assert client.get(feed_path(url)).status_code == 404


def test_calendar_feed_rotated_answers_404_for_the_old_url(api, client):
    staff = api("staff")
    old = staff.post("/api/v1/me/calendar-feed").get_json()["url"]
    new = staff.post("/api/v1/me/calendar-feed").get_json()["url"]
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200


def test_calendar_feed_with_a_wrong_token_is_404(api, client):
    api("staff").post("/api/v1/me/calendar-feed")
    assert client.get("/calendar/not-the-token.ics").status_code == 404


def test_calendar_feed_revoke_without_a_feed_is_404(api):
    assert api("staff").delete("/api/v1/me/calendar-feed").status_code == 404


def municipal_due(client, task: str) -> list[dict]:
    return [
        t for t in client.get("/api/v1/tasks?municipality=Krokom").get_json() if t["task"] == task
    ]


def test_serviceforum_recorded_done_through_the_api_moves_its_due_date_half_a_year(api, session):
    make_point(session)
    client = api("auditor")
    body = {"municipality": "Krokom", "task": "serviceforum", "done_on": days_ago(0)}
    response = client.post("/api/v1/tasks/done", body)
    assert response.status_code == 201
    assert response.get_json() == body
    [task] = municipal_due(client, "serviceforum")
    assert date.fromisoformat(task["due"]) > today_in_sweden() + timedelta(days=150)


def test_task_done_by_staff_is_403_and_an_unknown_task_is_422(api, session):
    make_point(session)
    body = {"municipality": "Krokom", "task": "serviceforum", "done_on": days_ago(0)}
    assert api("staff").post("/api/v1/tasks/done", body).status_code == 403
    response = api("auditor").post("/api/v1/tasks/done", {**body, "task": "nap"})
    assert response.status_code == 422 and list(response.get_json()["errors"]) == ["task"]


def test_own_task_created_and_removed_through_the_api(api, session):
    make_point(session)
    client = api("auditor")
    own = {
        "municipality": "Krokom",
        "title": "Övning med hemvärnet",
        "every_months": 12,
        "first_due": days_ago(-10),
    }
    response = client.post("/api/v1/tasks/own", own)
    assert response.status_code == 201
    created = response.get_json()
    assert created["task"] == f"own_task:{created['id']}"
    titles = [t.get("title") for t in client.get("/api/v1/tasks?municipality=Krokom").get_json()]
    assert "Övning med hemvärnet" in titles
    assert client.delete(f"/api/v1/tasks/own/{created['id']}").status_code == 204
    titles = [t.get("title") for t in client.get("/api/v1/tasks?municipality=Krokom").get_json()]
    assert "Övning med hemvärnet" not in titles
    assert client.delete(f"/api/v1/tasks/own/{created['id']}").status_code == 404
