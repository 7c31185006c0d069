"""The resident page in English marks the point's Swedish details with lang="sv" (WCAG 3.1.2)."""

from __future__ import annotations

from tests.factories import make_point


def test_resident_page_in_english_marks_the_name_as_swedish(client, session):
    point = make_point(session, name="Bystugan i Laxsjö")
    html = client.get(f"/p/{point.code}?lang=en").get_data(as_text=True)
    assert '<h1><span lang="sv">Bystugan i Laxsjö</span></h1>' in html


def test_resident_page_in_english_marks_the_crisis_hours_as_swedish(client, session):
    point = make_point(session, crisis_hours="Dygnet runt vid kris")
    html = client.get(f"/p/{point.code}?lang=en").get_data(as_text=True)
    assert '<p><span lang="sv">Dygnet runt vid kris</span></p>' in html


def test_public_list_in_english_marks_point_names_as_swedish(client, session):
    make_point(session, name="Bystugan i Laxsjö")
    html = client.get("/p/?municipality=Krokom&lang=en").get_data(as_text=True)
    assert '<span lang="sv">Bystugan i Laxsjö, Föllinge</span>' in html


def test_resident_page_in_swedish_adds_no_language_mark(client, session):
    point = make_point(session, name="Bystugan i Laxsjö")
    html = client.get(f"/p/{point.code}").get_data(as_text=True)
    assert "<h1>Bystugan i Laxsjö</h1>" in html and '<span lang="sv">' not in html
