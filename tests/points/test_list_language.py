"""WCAG 3.1.2 on the point list: the Swedish data people typed (point names, municipalities,
areas) is marked `lang="sv"` on the English page, and left unmarked on the Swedish one."""

from __future__ import annotations

from tests.factories import make_point, make_user


def point_list(web, client, session, query: str) -> str:
    make_point(session, name="Bystugan i Laxsjö", municipality="Krokom", area="Föllinge")
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    return client.get(f"/points?{query}").get_data(as_text=True)


def test_point_list_in_english_marks_the_point_name_as_swedish(web, client, session):
    html = point_list(web, client, session, "lang=en")
    assert '<span lang="sv">Bystugan i Laxsjö</span></a>' in html


def test_point_list_in_english_marks_municipality_and_area_as_swedish(web, client, session):
    html = point_list(web, client, session, "lang=en")
    assert '<td><span lang="sv">Krokom</span> / <span lang="sv">Föllinge</span></td>' in html


def test_point_list_in_english_marks_the_place_of_the_notice_batch_as_swedish(web, client, session):
    html = point_list(web, client, session, "lang=en&municipality=Krokom&area=Föllinge")
    assert 'Notice sheets for all points in <span lang="sv">Krokom / Föllinge</span> (PDF)' in html


def test_point_list_in_swedish_adds_no_language_mark(web, client, session):
    html = point_list(web, client, session, "lang=sv")
    assert "<td>Krokom / Föllinge</td>" in html
    assert '<span lang="sv">' not in html
