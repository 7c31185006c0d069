"""WCAG 3.1.2: text in another language than the page's is marked with its own `lang`; text in
the page's language is not. People type the register's data in Swedish."""

from __future__ import annotations

import re

from tests.factories import make_point, make_user


def point_page(web, client, session, lang: str = "sv", **overrides) -> str:
    point = make_point(session, **overrides)
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return client.get(f"/points/{point.id}?lang={lang}").get_data(as_text=True)


def test_point_page_in_english_marks_the_point_name_as_swedish(web, client, session):
    html = point_page(web, client, session, "en", name="Bystugan i Laxsjö")
    assert '<h1><span lang="sv">Bystugan i Laxsjö</span></h1>' in html


def test_point_page_in_english_marks_the_information_to_residents_as_swedish(web, client, session):
    html = point_page(web, client, session, "en", public_info="Ingång från parkeringen.")
    assert '<span lang="sv">Ingång från parkeringen.</span>' in html


def test_point_page_in_swedish_adds_no_language_mark_to_swedish_text(web, client, session):
    html = point_page(web, client, session, "sv", name="Bystugan i Laxsjö")
    assert "<h1>Bystugan i Laxsjö</h1>" in html
    assert '<span lang="sv">' not in html


def test_english_notice_link_has_swedish_words_and_no_english_language_mark(web, client, session):
    html = point_page(web, client, session, "sv")
    link = re.search(r"<a [^>]*notice\.pdf\?lang=en[^>]*>([^<]*)</a>", html)
    assert link.group(1) == "Anslag på engelska (PDF)"
    assert ' lang="' not in link.group(0)
    assert 'hreflang="en"' in link.group(0)


def test_archive_table_names_its_column_of_buttons(web, client, session, api):
    point = make_point(session)
    api("auditor").delete(f"/api/v1/points/{point.id}")
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    html = client.get("/points/archived").get_data(as_text=True)
    headers = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert headers == ["Namn", "Kommun", "Arkiverad", "Åtgärder"]
