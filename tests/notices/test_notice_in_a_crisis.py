"""A printed sheet outlives any crisis: it points to the QR code for whether the point is open
now, and never prints the state of the moment it was printed."""

from __future__ import annotations

import re

from tests.factories import make_point
from tests.pdf_tools import word_boxes


def sheet_words(api, point, tmp_path, lang: str = "sv") -> str:
    pdf = api("staff").get(f"/api/v1/points/{point.id}/notice.pdf?lang={lang}").data
    return " ".join(word for word, _box in word_boxes(pdf, tmp_path))


def activate(api, point, **body) -> None:
    body = {"codes": [point.code], "state": "open", "event": "Storm Dagmar", **body}
    assert api("auditor").post("/api/v1/crisis/activate", body).status_code == 200


def test_notice_of_an_open_point_sends_residents_to_the_qr_code(api, session, tmp_path):
    point = make_point(session)
    activate(api, point, message="Öppet dygnet runt, kaffe finns.")
    words = sheet_words(api, point, tmp_path)
    assert re.search(r"Skanna för att se om punkten är öppen\s+just nu:", words), words


def test_notice_of_an_open_point_never_prints_the_state_or_message(api, session, tmp_path):
    point = make_point(session)
    activate(api, point, message="Öppet dygnet runt, kaffe finns.")
    words = sheet_words(api, point, tmp_path)
    for state in ("Öppen nu", "Öppet dygnet runt", "kaffe finns", "sedan"):
        assert state not in words, state


def test_notice_of_a_point_in_an_exercise_never_prints_the_exercise(api, session, tmp_path):
    point = make_point(session)
    activate(api, point, exercise=True, event="Övning Föllinge")
    words = sheet_words(api, point, tmp_path, lang="en")
    assert "Scan to see whether the point is open now:" in words
    assert "EXERCISE" not in words and "Open (exercise)" not in words
