"""Crisis operations in the register's pages, as a coordinator or point staff uses them on a
phone: activate, the point's crisis section and quick form, the log and fuel forms, the board,
ending an event."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import func, select

from readiness.crisis.models import CrisisActivation, CrisisEvent, CrisisLogEntry, FuelReading
from readiness.points.models import Point
from tests.factories import make_point, make_user

MESSAGE = "Öppet dygnet runt. Värme, vatten och laddning finns."
EVENT = "Storm Dagmar, december 2026"


def text_of(response) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html_lib.unescape(body))


def three_in_follinge(session) -> list[Point]:
    return [
        make_point(session, name=name, area="Föllinge")
        for name in ("Handlar'n Föllinge", "Föllinge bygdegård", "Föllinge skola")
    ] + [make_point(session, name="Hotagens byahus", area="Hotagen")]


@pytest.fixture
def coordinator(web, session):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return web


def area_id(session, name: str) -> str:
    point = session.scalars(select(Point).where(Point.area.has(name=name))).first()
    return str(point.area_id)


def activate(web, session, **fields):
    data = {"state": "open", "message": MESSAGE, "event": EVENT, **fields}
    return web.post("/crisis/activate", data)


def states(session) -> dict[str, str]:
    session.expire_all()
    return {p.name: p.crisis_state for p in session.scalars(select(Point))}


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


# --- The crisis page and activation ---------------------------------------------------------


def test_crisis_page_anonymous_is_sent_to_the_login(client):
    response = client.get("/crisis")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_crisis_page_is_in_the_menu(coordinator, client):
    assert re.search(r'<a href="/crisis">Kris</a>', client.get("/points").get_data(as_text=True))


def test_crisis_page_offers_the_default_message_and_the_three_states(coordinator, client):
    html = client.get("/crisis").get_data(as_text=True)
    assert f">{MESSAGE}</textarea>" in html
    assert re.search(r'value="open" checked> Öppen', html)
    assert 'value="closed" > Stängd' in html and 'value="normal" > Normalläge' in html
    assert "Ingen händelse pågår." in text_of(client.get("/crisis"))


def test_activation_form_opens_a_whole_area_and_shows_its_board(coordinator, client, session):
    three_in_follinge(session)
    response = activate(coordinator, session, area=area_id(session, "Föllinge"))
    assert response.status_code == 302
    event = session.scalars(select(CrisisEvent)).one()
    assert response.headers["Location"].endswith(f"/crisis/{event.id}")
    assert states(session) == {
        "Handlar'n Föllinge": "open",
        "Föllinge bygdegård": "open",
        "Föllinge skola": "open",
        "Hotagens byahus": "normal",
    }
    page = text_of(client.get(response.headers["Location"]))
    assert "3 punkter är nu öppna: Föllinge bygdegård, Föllinge skola, Handlar'n Föllinge." in page
    assert page.count(MESSAGE) == 3


def test_activation_form_one_point_opens_only_that_point(coordinator, client, session):
    points = three_in_follinge(session)
    activate(coordinator, session, point=points[2].code)
    assert [name for name, state in states(session).items() if state == "open"] == [
        "Föllinge skola"
    ]


def test_activation_form_municipality_as_an_exercise_marks_the_event(coordinator, client, session):
    three_in_follinge(session)
    response = activate(coordinator, session, municipality="Krokom", exercise="on")
    assert set(states(session).values()) == {"open"}
    assert session.scalars(select(CrisisEvent)).one().exercise is True
    assert "ÖVNING" in text_of(client.get(response.headers["Location"]))


def test_activation_form_without_points_says_so_and_saves_nothing(coordinator, client, session):
    three_in_follinge(session)
    response = activate(coordinator, session)
    assert response.status_code == 422
    page = text_of(response)
    assert "Vilka punkter: Välj en punkt, ett område eller en kommun." in page
    assert count(session, CrisisEvent) == 0


def test_activation_form_with_two_kinds_of_points_asks_for_one(coordinator, client, session):
    points = three_in_follinge(session)
    response = activate(coordinator, session, point=points[0].code, municipality="Krokom")
    assert response.status_code == 422
    assert "Välj bara en: en punkt, ett område eller en kommun." in text_of(response)
    assert set(states(session).values()) == {"normal"}


def test_activation_form_open_without_event_names_the_field(coordinator, client, session):
    points = three_in_follinge(session)
    response = activate(coordinator, session, point=points[0].code, event="")
    assert response.status_code == 422
    assert "Händelse: Ge händelsen ett namn, t.ex. ”Storm Dagmar, december 2026”." in text_of(
        response
    )
    assert set(states(session).values()) == {"normal"}


def test_activation_form_long_message_is_a_field_error_and_nothing_saved(
    coordinator, client, session
):
    points = three_in_follinge(session)
    response = activate(coordinator, session, point=points[0].code, message="x" * 301)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="message" name="message" rows="3" maxlength="300" aria-invalid="true"' in html
    assert "Meddelande till invånarna: Högst 300 tecken." in text_of(response)
    assert count(session, CrisisActivation) == 0


def test_activation_form_unknown_state_is_a_field_error(coordinator, client, session):
    points = three_in_follinge(session)
    response = activate(coordinator, session, point=points[0].code, state="panik")
    assert response.status_code == 422
    assert "Läge: Inget av alternativen. Välj ett av: Normalläge, Öppen, Stängd." in text_of(
        response
    )
    assert set(states(session).values()) == {"normal"}


def test_activation_form_staff_for_a_point_not_theirs_is_refused(web, client, session):
    points = three_in_follinge(session)
    make_user(session, "staff", email="personal@test.example", points=[points[0]])
    web.login("personal@test.example")
    response = activate(web, session, point=points[1].code)
    assert response.status_code == 403
    assert set(states(session).values()) == {"normal"}


def test_crisis_page_for_staff_lists_only_their_points_and_no_areas(web, client, session):
    points = three_in_follinge(session)
    make_user(session, "staff", email="personal@test.example", points=[points[0]])
    web.login("personal@test.example")
    html = client.get("/crisis").get_data(as_text=True)
    assert f'<option value="{points[0].code}"' in html
    assert f'<option value="{points[1].code}"' not in html
    assert 'id="area"' not in html and 'id="municipality"' not in html


def test_crisis_page_lists_running_events_with_board_and_end_links(coordinator, client, session):
    points = three_in_follinge(session)
    activate(coordinator, session, point=points[0].code)
    event = session.scalars(select(CrisisEvent)).one()
    html = client.get("/crisis").get_data(as_text=True)
    assert f'href="/crisis/{event.id}">Storm Dagmar, december 2026</a>' in html
    assert f'href="/crisis/{event.id}/end">Avsluta händelsen' in html
    assert f'<datalist id="running-events"><option value="{EVENT}">' in html


# --- The point page and its quick form ------------------------------------------------------


def test_point_page_says_normal_and_offers_editors_open_and_close(coordinator, client, session):
    point = make_point(session)
    html = client.get(f"/points/{point.id}").get_data(as_text=True)
    assert f'href="/points/{point.id}/crisis?state=open">Öppna</a>' in html
    assert f'href="/points/{point.id}/crisis?state=closed">Stäng</a>' in html
    assert "Återgå till normalt" not in html
    assert "Krisläge just nu Normalläge" in text_of(client.get(f"/points/{point.id}"))


def test_point_page_for_staff_of_another_point_has_no_quick_buttons(web, client, session):
    point, other = make_point(session), make_point(session, name="Annan punkt")
    make_user(session, "staff", email="personal@test.example", points=[other])
    web.login("personal@test.example")
    html = client.get(f"/points/{point.id}").get_data(as_text=True)
    assert "?state=open" not in html and "Krisläge just nu" in html


def test_quick_form_prefills_the_state_message_and_running_event(coordinator, client, session):
    points = three_in_follinge(session)
    activate(coordinator, session, point=points[0].code)
    html = client.get(f"/points/{points[1].id}/crisis?state=open").get_data(as_text=True)
    assert re.search(r'value="open" checked> Öppen', html)
    assert f">{MESSAGE}</textarea>" in html
    assert f'name="event" type="text" value="{EVENT}"' in html


def test_quick_form_saved_as_it_is_opens_the_point(coordinator, client, session):
    points = three_in_follinge(session)
    activate(coordinator, session, point=points[0].code)
    form = client.get(f"/points/{points[1].id}/crisis?state=open").get_data(as_text=True)
    values = {
        "state": "open",
        "message": re.search(r'name="message"[^>]*>([^<]*)</textarea>', form).group(1),
        "event": html_lib.unescape(re.search(r'name="event" type="text" value="([^"]*)"', form)[1]),
    }
    response = coordinator.post(f"/points/{points[1].id}/crisis", values)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/points/{points[1].id}#crisis")
    page = text_of(client.get(f"/points/{points[1].id}"))
    assert "1 punkt är nu öppen: Föllinge bygdegård." in page
    assert "Krisläge just nu Öppen sedan" in page and MESSAGE in page
    assert f"Händelse: {EVENT}" in page


def test_quick_form_back_to_normal_clears_the_message(coordinator, client, session):
    point = three_in_follinge(session)[0]
    activate(coordinator, session, point=point.code)
    coordinator.post(f"/points/{point.id}/crisis", {"state": "normal", "message": "kvar?"})
    session.expire_all()
    changed = session.get(Point, point.id)
    assert (changed.crisis_state, changed.crisis_message) == ("normal", None)


def test_quick_form_for_staff_of_another_point_is_refused_and_saves_nothing(web, client, session):
    points = three_in_follinge(session)
    make_user(session, "staff", email="personal@test.example", points=[points[0]])
    web.login("personal@test.example")
    assert client.get(f"/points/{points[1].id}/crisis?state=open").status_code == 403
    data = {"state": "open", "message": MESSAGE, "event": EVENT}
    assert web.post(f"/points/{points[1].id}/crisis", data).status_code == 403
    assert set(states(session).values()) == {"normal"}


def test_quick_form_staff_open_their_own_point(web, client, session):
    points = three_in_follinge(session)
    make_user(session, "staff", email="personal@test.example", points=[points[0]])
    web.login("personal@test.example")
    data = {"state": "closed", "message": "Stängt i natt.", "event": EVENT}
    assert web.post(f"/points/{points[0].id}/crisis", data).status_code == 302
    assert states(session)["Handlar'n Föllinge"] == "closed"


def test_history_tab_names_the_crisis_change_in_words(coordinator, client, session):
    point = make_point(session)
    activate(coordinator, session, point=point.code)
    page = text_of(client.get(f"/points/{point.id}/history"))
    assert "Krisläge ändrat" in page
    assert "Krisläge Normalläge Öppen" in page


# --- Log and fuel ---------------------------------------------------------------------------


def test_log_form_adds_an_entry_shown_on_the_point_page(coordinator, client, session):
    point = make_point(session)
    activate(coordinator, session, point=point.code)
    data = {"log_text": "Elverket startat, kaffe serveras.", "log_people": "12"}
    response = coordinator.post(f"/points/{point.id}/crisis-log", data)
    assert response.headers["Location"].endswith(f"/points/{point.id}#crisis")
    page = text_of(client.get(f"/points/{point.id}"))
    assert "Loggat för Handlar'n Föllinge." in page
    assert "samordnare@test.example Elverket startat, kaffe serveras. 12 personer" in page


def test_log_form_without_text_names_the_field_and_saves_nothing(coordinator, client, session):
    point = make_point(session)
    response = coordinator.post(f"/points/{point.id}/crisis-log", {"log_text": " "})
    assert response.status_code == 422
    assert "Vad som hände: " in text_of(response)
    assert 'id="log_text" name="log_text"' in response.get_data(as_text=True)
    assert count(session, CrisisLogEntry) == 0


def test_log_form_people_in_words_is_a_field_error(coordinator, client, session):
    point = make_point(session)
    data = {"log_text": "Fullt", "log_people": "många"}
    response = coordinator.post(f"/points/{point.id}/crisis-log", data)
    assert response.status_code == 422
    assert "Antal personer på punkten: " in text_of(response)
    assert count(session, CrisisLogEntry) == 0


def test_log_form_from_the_board_returns_to_the_point_on_the_board(coordinator, client, session):
    point = make_point(session)
    activate(coordinator, session, point=point.code)
    event = session.scalars(select(CrisisEvent)).one()
    data = {"log_text": "Allt lugnt", "board": str(event.id)}
    response = coordinator.post(f"/points/{point.id}/crisis-log", data)
    assert response.headers["Location"].endswith(f"/crisis/{event.id}#point-{point.code}")


def test_log_forms_for_staff_of_another_point_are_refused(web, client, session):
    point, other = make_point(session), make_point(session, name="Annan punkt")
    make_user(session, "staff", email="personal@test.example", points=[other])
    web.login("personal@test.example")
    assert client.get(f"/points/{point.id}/crisis-log").status_code == 403
    assert web.post(f"/points/{point.id}/crisis-log", {"log_text": "x"}).status_code == 403
    assert web.post(f"/points/{point.id}/fuel-readings", {"fuel_litres": "5"}).status_code == 403
    assert count(session, CrisisLogEntry) + count(session, FuelReading) == 0


def test_fuel_form_in_litres_shows_when_the_fuel_runs_out(coordinator, client, session):
    point = make_point(session)  # 400 l tank, 5 l/h
    coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_litres": "300"})
    page = text_of(client.get(f"/points/{point.id}"))
    weekdays = "måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag"
    assert re.search(rf"Räcker till ca ({weekdays}) \d\d:\d\d \((60|59,9) h\)\.", page)
    assert "Mindre än ett dygn kvar" not in page
    assert "Senaste avläsning: 300 liter" in page


def test_fuel_form_under_a_day_left_is_flagged_in_words(coordinator, client, session):
    point = make_point(session)
    coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_percent": "25"})
    page = text_of(client.get(f"/points/{point.id}"))
    assert re.search(r"\((20|19,9) h\)\. Mindre än ett dygn kvar", page)
    assert "Senaste avläsning: 25 % av tanken" in page


def test_fuel_form_swedish_decimals_are_read(coordinator, client, session):
    point = make_point(session)
    coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_litres": "12,5"})
    assert session.scalars(select(FuelReading)).one().litres == 12.5


def test_fuel_form_refuelled_without_amount_counts_a_full_tank(coordinator, client, session):
    point = make_point(session)
    coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_refuelled": "on"})
    page = text_of(client.get(f"/points/{point.id}"))
    assert "Senaste avläsning: Påfyllt till fullt" in page
    assert re.search(r"\((80|79,9) h\)", page)


def test_fuel_without_consumption_says_consumption_is_missing(coordinator, client, session):
    point = make_point(session, power={"source": "fixed_generator", "tank_litres": 400})
    coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_litres": "300"})
    page = text_of(client.get(f"/points/{point.id}"))
    assert "Drifttiden kvar är okänd. Förbrukning saknas" in page


def test_point_without_reading_says_no_reading_yet(coordinator, client, session):
    point = make_point(session)
    assert "Ingen bränsleavläsning ännu" in text_of(client.get(f"/points/{point.id}"))


def test_fuel_form_with_both_amounts_names_the_field_and_saves_nothing(
    coordinator, client, session
):
    point = make_point(session)
    data = {"fuel_litres": "100", "fuel_percent": "20"}
    response = coordinator.post(f"/points/{point.id}/fuel-readings", data)
    assert response.status_code == 422
    page = text_of(response)
    assert (
        "Bränsle i tanken (liter): Ange bränslet i tanken antingen i liter eller i procent." in page
    )
    assert 'id="fuel_litres" name="fuel_litres" type="text" value="100"' in (
        response.get_data(as_text=True)
    )
    assert count(session, FuelReading) == 0


def test_fuel_form_over_the_tank_names_the_limit(coordinator, client, session):
    point = make_point(session)
    response = coordinator.post(f"/points/{point.id}/fuel-readings", {"fuel_litres": "401"})
    assert response.status_code == 422
    assert "Mer än tanken rymmer (400 liter)." in text_of(response)


def test_point_page_shows_log_and_fuel_forms_during_an_event_only(coordinator, client, session):
    point = make_point(session)
    before = client.get(f"/points/{point.id}").get_data(as_text=True)
    activate(coordinator, session, point=point.code)
    during = client.get(f"/points/{point.id}").get_data(as_text=True)
    assert 'name="log_text"' not in before
    assert 'name="log_text"' in during and 'name="fuel_litres"' in during
