"""Residents see a crisis at once: the state first, in large type, with the message and the time
it was set; an exercise says ÖVNING everywhere and never reads as the real thing."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from readiness.auth.actors import SYSTEM
from readiness.points.writes import create_point
from readiness.public.moments import short_moment
from readiness.timeutil import as_utc
from tests.factories import make_point, point_input
from tests.public.crisis_steps import MESSAGE, activate, follinge_and_hotagen
from tests.public.test_resident_page import LIMIT, assert_self_contained


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def state_boxes(html: str) -> list[str]:
    """The state boxes of a public page, each up to the end of its points' links."""
    return re.findall(r'<div class="state[^"]*".*?</div>', html, flags=re.S)


def test_short_moment_in_swedish_reads_weekday_day_month_and_time(app):
    with app.test_request_context("/p/"):
        moment = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)  # 14:05 in Sweden
        assert short_moment(moment, now=datetime(2026, 12, 2, tzinfo=UTC)) == "tis 1 dec 14:05"


def test_short_moment_of_another_year_names_the_year(app):
    with app.test_request_context("/p/?lang=en"):
        moment = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)
        assert short_moment(moment, now=datetime(2027, 1, 2, tzinfo=UTC)) == "Tue 1 Dec 2026 14:05"


def test_resident_page_of_an_opened_area_shows_open_now_message_and_since_first(
    app, api, client, session
):
    points = follinge_and_hotagen(session)
    activate(api("auditor"), municipality="Krokom", area="Föllinge", message=MESSAGE)
    session.expire_all()
    for point in points[:3]:
        html = client.get(f"/p/{point.code}").get_data(as_text=True)
        with app.test_request_context("/p/"):
            since = short_moment(point.crisis_since)
        box = visible_text(html[: html.index("<h1>")])
        assert f"Öppen nu sedan {since} {MESSAGE}" in box, box
    hotagen = client.get(f"/p/{points[3].code}").get_data(as_text=True)
    assert "Öppen nu" not in hotagen and "Inte aktiverad just nu" in hotagen


def test_resident_page_of_a_closed_point_says_closed_with_the_message(api, client, session):
    point = make_point(session)
    activate(api("auditor"), codes=[point.code], state="closed", message="Stängt i natt.")
    box = visible_text(client.get(f"/p/{point.code}").get_data(as_text=True).split("<h1>")[0])
    assert "Stängd sedan" in box and "Stängt i natt." in box


def test_public_list_shows_the_opened_area_first_with_state_and_message(api, client, session):
    follinge_and_hotagen(session)
    activate(api("auditor"), municipality="Krokom", area="Föllinge", message=MESSAGE)
    text = visible_text(client.get("/p/?municipality=Krokom").get_data(as_text=True))
    opened = text.index("Öppen nu sedan")
    assert text.index(MESSAGE) > opened
    for name in ("Föllinge bygdegård", "Föllinge skola", "Handlar'n Föllinge"):
        assert opened < text.index(name) < text.index("Övriga trygghetspunkter"), name
    assert text.index("Övriga trygghetspunkter") < text.index("Hotagens byahus")
    assert text.count(MESSAGE) == 1  # said once for the three points opened together


def test_public_list_after_reset_to_normal_shows_no_crisis_state(api, client, session):
    points = follinge_and_hotagen(session)
    auditor = api("auditor")
    activate(auditor, municipality="Krokom", area="Föllinge", message=MESSAGE)
    activate(auditor, municipality="Krokom", area="Föllinge", state="normal")
    listing = client.get("/p/?municipality=Krokom").get_data(as_text=True)
    page = client.get(f"/p/{points[0].code}").get_data(as_text=True)
    assert "Öppen nu" not in listing and MESSAGE not in listing
    assert "Öppen nu" not in page and "Inte aktiverad just nu" in page


def test_resident_page_of_an_exercise_says_ovning_and_never_open_now(api, client, session):
    point = make_point(session)
    activate(api("auditor"), codes=[point.code], exercise=True, message=MESSAGE)
    html = client.get(f"/p/{point.code}").get_data(as_text=True)
    first_screen = visible_text(html.split("<h1>")[0])
    assert "ÖVNING – Det här är en övning, inte en verklig händelse." in first_screen
    assert "ÖVNING – Öppen (övning) sedan" in first_screen
    assert "Öppen nu" not in html
    assert "<title>ÖVNING – " in html


def test_resident_page_of_an_exercise_in_english_says_exercise(api, client, session):
    point = make_point(session)
    activate(api("auditor"), codes=[point.code], exercise=True)
    text = visible_text(client.get(f"/p/{point.code}?lang=en").get_data(as_text=True))
    assert "EXERCISE – This is an exercise, not a real emergency." in text
    assert "EXERCISE – Open (exercise) since" in text and "Open now" not in text


def test_public_list_with_an_exercise_beside_a_real_event_marks_only_the_exercise(
    api, client, session
):
    points = follinge_and_hotagen(session)
    auditor = api("auditor")
    activate(auditor, municipality="Krokom", area="Föllinge", exercise=True, message=MESSAGE)
    activate(auditor, codes=[points[3].code], message="Riktigt elavbrott.")
    html = client.get("/p/?municipality=Krokom").get_data(as_text=True)
    assert "Punkter märkta ÖVNING ingår i en övning" in html
    [real, drill] = state_boxes(html)
    assert "Öppen nu" in real and "Hotagens byahus" in real and "ÖVNING" not in real
    assert "Öppen nu" not in drill and "ÖVNING – Öppen (övning)" in drill
    for name in ("Föllinge bygdegård", "Föllinge skola"):
        assert f"{name}, Föllinge (ÖVNING)" in drill  # every entry the exercise touches


def test_bundle_pages_of_an_exercise_say_ovning_and_never_open_now(app, api, session, tmp_path):
    point = make_point(session)
    activate(api("auditor"), codes=[point.code], exercise=True)
    with app.app_context():
        from readiness.extensions import db
        from readiness.public.bundle import export_bundle

        files = {p.name: p for p in export_bundle(db.session, tmp_path / "bundle")}
    for name in (f"{point.code}.html", "kommun-krokom.html"):
        html = files[name].read_text(encoding="utf-8")
        assert "ÖVNING – Öppen (övning)" in html and "Öppen nu" not in html, name


def test_bundle_page_of_an_opened_point_shows_open_now_with_the_message(
    app, api, session, tmp_path
):
    point = make_point(session)
    activate(api("auditor"), codes=[point.code], message=MESSAGE)
    with app.app_context():
        from readiness.extensions import db
        from readiness.public.bundle import export_bundle

        export_bundle(db.session, tmp_path / "bundle")
    text = visible_text((tmp_path / "bundle" / f"{point.code}.html").read_text(encoding="utf-8"))
    assert "Öppen nu sedan" in text and MESSAGE in text


def test_public_geojson_carries_state_message_since_and_exercise(api, client, session):
    point = make_point(session)
    activate(api("auditor"), codes=[point.code], exercise=True, message=MESSAGE)
    session.expire_all()
    [feature] = client.get("/api/v1/public/points.geojson").get_json()["features"]
    assert feature["properties"]["crisis"] == {
        "state": "open",
        "message": MESSAGE,
        "since": as_utc(point.crisis_since).isoformat(),
        "exercise": True,
    }


def test_public_geojson_of_a_point_in_normal_state_says_no_exercise(client, session):
    make_point(session)
    [feature] = client.get("/api/v1/public/points.geojson").get_json()["features"]
    assert feature["properties"]["crisis"] == {
        "state": "normal",
        "message": None,
        "since": None,
        "exercise": False,
    }


def test_public_list_of_85_opened_points_with_a_long_message_stays_small(api, client, session):
    for n in range(85):
        create_point(
            session,
            point_input(
                name=f"Bygdegården i Storbyn nummer {n:03d}",
                area="Ås",
                locality="Storbyn med långt ortnamn",
                contacts=[],
                channels=[],
            ),
            SYSTEM,
        )
    session.commit()
    activate(api("auditor"), municipality="Krokom", area="Ås", message="Å" * 300)
    html = client.get("/p/?municipality=Krokom&area=%C3%85s").get_data(as_text=True)
    assert_self_contained(html)
    assert len(html.encode()) <= LIMIT and html.count('class="btn"') == 85


def test_public_pages_of_an_exercise_need_at_most_3_queries(api, client, session, count_queries):
    points = follinge_and_hotagen(session)
    url = f"/p/{points[0].code}"
    activate(api("auditor"), municipality="Krokom", area="Föllinge", exercise=True)
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    assert len(statements) <= 3
    with count_queries() as statements:
        assert client.get("/p/?municipality=Krokom").status_code == 200
    assert len(statements) <= 3
