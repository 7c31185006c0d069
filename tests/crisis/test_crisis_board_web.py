"""The crisis board, ending an event, the event's log as CSV and PDF, and hours left in words."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from readiness.crisis.fuel import fuel_left
from readiness.crisis.models import CrisisEvent
from readiness.crisis.web import fuel_view, time_in_words
from readiness.points.models import Point
from tests.crisis.test_crisis_web import MESSAGE, activate, states, text_of, three_in_follinge
from tests.factories import make_point, make_user
from tests.pdf_tools import pdf_text, word_boxes

READ_AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # a Tuesday, 09:00 in Stockholm


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return web


def open_follinge(web, session, **fields) -> tuple[list[Point], CrisisEvent]:
    points = three_in_follinge(session)
    activate(web, session, municipality="Krokom", **fields)
    return points, session.scalars(select(CrisisEvent)).one()


# --- Hours left in words, with a fixed clock ------------------------------------------------


def test_time_in_words_within_a_week_is_the_swedish_weekday_and_time(app):
    with app.test_request_context("/"):
        assert time_in_words(READ_AT + timedelta(hours=29), READ_AT) == "onsdag 14:00"


def test_time_in_words_a_week_ahead_adds_the_date(app):
    with app.test_request_context("/"):
        assert time_in_words(READ_AT + timedelta(days=8), READ_AT) == "onsdag 9 december 09:00"


def test_fuel_view_under_a_day_says_until_when_and_flags_it(app):
    with app.test_request_context("/"):
        view = fuel_view(Point(), None, fuel_left(100, READ_AT, 5, READ_AT), READ_AT)
    assert (view.summary, view.flag) == (
        "Räcker till ca onsdag 05:00 (20 h).",
        "Mindre än ett dygn kvar",
    )


def test_fuel_view_in_english_names_the_english_weekday(app):
    with app.test_request_context("/?lang=en"):
        view = fuel_view(Point(), None, fuel_left(300, READ_AT, 5, READ_AT), READ_AT)
    assert (view.summary, view.flag) == ("Lasts until about Thursday 21:00 (60 h).", None)


def test_fuel_view_of_an_empty_tank_says_it_is_out_of_fuel(app):
    with app.test_request_context("/"):
        view = fuel_view(Point(), None, fuel_left(0, READ_AT, 5, READ_AT), READ_AT)
    assert (view.summary, view.flag) == ("Bränslet tog slut ca tisdag 09:00.", "Bränslet är slut")


# --- The board ------------------------------------------------------------------------------


def test_board_puts_the_first_to_run_out_on_top(coordinator, client, session):
    points, event = open_follinge(coordinator, session)
    coordinator.post(f"/points/{points[0].id}/fuel-readings", {"fuel_litres": "300"})
    coordinator.post(f"/points/{points[1].id}/fuel-readings", {"fuel_percent": "25"})
    page = text_of(client.get(f"/crisis/{event.id}"))
    order = [page.index(f"{p.name} Öppen") for p in (points[1], points[0], points[2], points[3])]
    assert order == sorted(order)  # 20 h, 60 h, then those without a reading (by name)
    assert re.search(r"Föllinge bygdegård Öppen .*?\((20|19,9) h\)\. Mindre än ett dygn kvar", page)


def test_board_shows_state_message_and_its_age(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    page = text_of(client.get(f"/crisis/{event.id}"))
    assert re.search(
        r"Föllinge skola Öppen sedan [0-9-]+ [0-9:]+ "
        rf"\(för \d+ (sekund|sekunder|minut|minuter) sedan\) {MESSAGE}",
        page,
    )


def test_board_shows_the_last_log_entry(coordinator, client, session):
    points, event = open_follinge(coordinator, session)
    for text in ("Elverket startat", "Tolv personer inne"):
        coordinator.post(f"/points/{points[0].id}/crisis-log", {"log_text": text})
    page = text_of(client.get(f"/crisis/{event.id}"))
    assert "Senaste logganteckning Tolv personer inne" in page
    assert "Elverket startat" not in page


def test_board_lists_the_contacts_with_phone_links(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    html = client.get(f"/crisis/{event.id}").get_data(as_text=True)
    assert html.count('<a href="tel:+46701740605">070-174 06 05</a>') == 4


def test_board_names_the_gaps_that_matter_now(coordinator, client, session):
    make_point(
        session,
        name="Föllinge kyrka",
        power={"source": "none"},
        channels=[{"kind": "notice_board", "detail": "Entrén"}],
    )
    _points, event = open_follinge(coordinator, session)
    page = text_of(client.get(f"/crisis/{event.id}"))
    kyrka = page[page.index("Föllinge kyrka Öppen") :]
    assert re.match(
        r"Föllinge kyrka Öppen .*? Brister som spelar roll nu Inget elverk finns på plats "
        r"\(kraftkälla: [^)]+\)\. Punkten har varken RAKEL, satellittelefon eller VHF-radio\. "
        r"Kontakter",
        kyrka,
    )
    assert "Handlar'n Föllinge Öppen" in page
    handlarn = page[page.index("Handlar'n Föllinge Öppen") :]
    assert re.match(r".*? Brister som spelar roll nu Inga Kontakter", handlarn)


def test_board_asked_to_reload_reloads_every_minute_without_script(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    html = client.get(f"/crisis/{event.id}?auto=1").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="60">' in html
    assert "<script" not in html
    assert f'Sidan laddas om varje minut. <a href="/crisis/{event.id}">Sluta ladda om</a>' in html


def test_board_unasked_never_reloads_but_offers_it(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    html = client.get(f"/crisis/{event.id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in html
    assert f'<a href="/crisis/{event.id}?auto=1">Ladda om varje minut</a>' in html


def test_board_of_an_ended_event_does_not_reload(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    coordinator.post(f"/crisis/{event.id}/end")
    html = client.get(f"/crisis/{event.id}?auto=1").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in html


def test_board_for_staff_offers_the_log_only_at_their_points(web, client, session):
    points = three_in_follinge(session)
    auditor = make_user(session, "auditor", email="samordnare@test.example")
    make_user(session, "staff", email="personal@test.example", points=[points[0]])
    web.login(auditor.email)
    activate(web, session, municipality="Krokom")
    client.post("/logout", data={"csrf_token": web.csrf()})
    web.login("personal@test.example")
    event = session.scalars(select(CrisisEvent)).one()
    html = client.get(f"/crisis/{event.id}").get_data(as_text=True)
    assert f"/points/{points[0].id}/crisis-log?board={event.id}" in html
    assert f"/points/{points[1].id}/crisis-log" not in html
    assert f"/crisis/{event.id}/end" not in html


def test_board_anonymous_is_sent_to_the_login(client, session, coordinator):
    _points, event = open_follinge(coordinator, session)
    client.post("/logout", data={"csrf_token": coordinator.csrf()})
    for path in ("", "/log.csv", "/log.pdf", "/end"):
        response = client.get(f"/crisis/{event.id}{path}")
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_board_of_an_unknown_event_is_not_found(coordinator, client):
    assert client.get("/crisis/999").status_code == 404


def test_board_query_count_does_not_grow_with_points(coordinator, client, session, count_queries):
    points, event = open_follinge(coordinator, session)
    for point in points:
        coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_litres": "100"})
        coordinator.post(f"/points/{point.id}/crisis-log", {"log_text": "Lugnt"})
    url = f"/crisis/{event.id}"
    with count_queries() as few:
        assert client.get(url).status_code == 200
    more = [make_point(session, name=f"Föllinge {n}", area="Föllinge") for n in range(8)]
    activate(coordinator, session, municipality="Krokom")
    for point in more:
        coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_percent": "50"})
        coordinator.post(f"/points/{point.id}/crisis-log", {"log_text": "Fullt"})
    with count_queries() as many:
        page = text_of(client.get(url))
    assert "Föllinge 7 Öppen" in page
    assert len(many) == len(few)


# --- Ending an event ------------------------------------------------------------------------


def test_end_asks_first_and_lists_the_points_that_go_back(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    page = text_of(client.get(f"/crisis/{event.id}/end"))
    assert "Avsluta ”Storm Dagmar, december 2026”?" in page
    assert "4 punkter återgår genast till normalläge" in page
    assert set(states(session).values()) == {"open"}


def test_end_confirmed_returns_every_point_to_normal(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    response = coordinator.post(f"/crisis/{event.id}/end")
    assert response.headers["Location"].endswith(f"/crisis/{event.id}")
    assert set(states(session).values()) == {"normal"}
    page = text_of(client.get(f"/crisis/{event.id}"))
    assert "Storm Dagmar, december 2026 är avslutad. Dess punkter är tillbaka i normalläge." in page


def test_end_twice_says_it_has_already_ended(coordinator, client, session):
    _points, event = open_follinge(coordinator, session)
    coordinator.post(f"/crisis/{event.id}/end")
    response = coordinator.post(f"/crisis/{event.id}/end", follow_redirects=True)
    assert "Händelsen är redan avslutad." in text_of(response)


def test_end_exercise_records_the_points_last_exercise(coordinator, client, session):
    points, event = open_follinge(coordinator, session, exercise="on")
    coordinator.post(f"/crisis/{event.id}/end")
    page = text_of(client.get(f"/points/{points[0].id}/history"))
    assert "Övning registrerad" in page


def test_end_is_refused_to_staff_and_nothing_changes(web, client, session):
    points = three_in_follinge(session)
    make_user(session, "auditor", email="samordnare@test.example")
    make_user(session, "staff", email="personal@test.example", points=points)
    web.login("samordnare@test.example")
    activate(web, session, municipality="Krokom")
    client.post("/logout", data={"csrf_token": web.csrf()})
    web.login("personal@test.example")
    event = session.scalars(select(CrisisEvent)).one()
    assert client.get(f"/crisis/{event.id}/end").status_code == 403
    assert web.post(f"/crisis/{event.id}/end").status_code == 403
    assert set(states(session).values()) == {"open"}


def test_activation_post_without_a_login_changes_nothing(client, session):
    point = make_point(session)
    response = client.post("/crisis/activate", data={"state": "open", "point": point.code})
    assert response.status_code == 400  # no session, no CSRF token
    assert states(session) == {point.name: "normal"}


# --- The log as CSV and PDF -----------------------------------------------------------------


def logged_event(coordinator, session) -> tuple[list[Point], CrisisEvent]:
    points, event = open_follinge(coordinator, session)
    coordinator.post(
        f"/points/{points[0].id}/crisis-log",
        {"log_text": "Elverket startat; 12 inne", "log_people": "12"},
    )
    coordinator.post(f"/points/{points[0].id}/crisis-log", {"log_text": "=SUMMA(A1:A3)"})
    coordinator.post(f"/points/{points[1].id}/fuel-readings", {"fuel_litres": "12,5"})
    return points, event


def test_log_csv_opens_in_excel_as_utf8_with_semicolons(coordinator, client, session):
    _points, event = logged_event(coordinator, session)
    response = client.get(f"/crisis/{event.id}/log.csv")
    assert response.mimetype == "text/csv"
    assert f'filename="krislogg-{event.id}.csv"' in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    lines = response.data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "Tid;Punkt;Kod;Typ;Vad som hände;Antal personer;Bränsle (liter);"
        "Bränsle (procent av tanken);Påfyllt;Av"
    )


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))


def test_log_csv_has_a_row_for_each_activation_entry_and_reading(coordinator, client, session):
    points, event = logged_event(coordinator, session)
    rows = csv_rows(client.get(f"/crisis/{event.id}/log.csv"))[1:]
    assert [row[3] for row in rows].count("Krisläge") == 4
    assert len(rows) == 4 + 2 + 1
    entry = next(row for row in rows if row[4].startswith("Elverket"))
    assert entry[1:] == [
        "Handlar'n Föllinge",
        points[0].code,
        "Logganteckning",
        "Elverket startat; 12 inne",
        "12",
        "",
        "",
        "",
        "samordnare@test.example",
    ]


def test_log_csv_fuel_reading_in_swedish_decimals(coordinator, client, session):
    _points, event = logged_event(coordinator, session)
    rows = csv_rows(client.get(f"/crisis/{event.id}/log.csv"))[1:]
    fuel = next(row for row in rows if row[3] == "Bränsle")
    assert fuel[4:8] == ["12,5 liter", "", "12,5", ""]


def test_log_csv_keeps_typed_formulas_as_text(coordinator, client, session):
    _points, event = logged_event(coordinator, session)
    # Cell by cell, as a spreadsheet reads it: a quoted cell ("=SUMMA(…)") is a formula too.
    cells = [cell for row in csv_rows(client.get(f"/crisis/{event.id}/log.csv")) for cell in row]
    assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))] == []
    assert "'=SUMMA(A1:A3)" in cells


def what_happened_column(pdf: bytes, tmp_path) -> str:
    """The words of the table's "Vad som hände" column, top to bottom, as one text."""
    words = word_boxes(pdf, tmp_path)
    start = next(box.left for word, box in words if word == "Vad")
    end = next(box.left for word, box in words if word == "Av")
    cells = [(box.top, box.left, word) for word, box in words if start - 1 <= box.left < end - 1]
    return " ".join(word for _y, _x, word in sorted(cells))


def test_log_pdf_reads_back_with_the_event_and_its_entries(coordinator, client, session, tmp_path):
    _points, event = logged_event(coordinator, session)
    response = client.get(f"/crisis/{event.id}/log.pdf")
    assert response.mimetype == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(response.data, tmp_path))
    assert "Krislogg: Storm Dagmar, december 2026" in text
    column = what_happened_column(response.data, tmp_path)
    assert "Elverket startat; 12 inne (12 personer)" in column
    assert "12,5 liter" in column


def test_log_pdf_of_an_exercise_says_exercise(coordinator, client, session, tmp_path):
    _points, event = open_follinge(coordinator, session, exercise="on", event="Övning Dagmar")
    text = pdf_text(client.get(f"/crisis/{event.id}/log.pdf").data, tmp_path)
    assert "Krislogg: Övning Dagmar ÖVNING" in re.sub(r"\s+", " ", text)
