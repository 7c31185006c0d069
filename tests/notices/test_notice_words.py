"""The sheet's file name in its own language, and the posting log in words."""

from __future__ import annotations

import re

from readiness.auth.actors import SYSTEM
from readiness.notices.services import record_posting
from tests.factories import make_point, make_user


def file_name(response) -> str:
    return re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"]).group(1)


def signed_in(web, session):
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")


def test_notice_sheet_in_english_downloads_as_notice_pdf(web, client, session):
    point = make_point(session)
    signed_in(web, session)
    response = client.get(f"/points/{point.id}/notice.pdf?lang=en")
    assert response.status_code == 200
    assert file_name(response) == f"notice-{point.code}.pdf"


def test_notice_sheet_in_swedish_downloads_as_anslag_pdf(web, client, session):
    point = make_point(session)
    signed_in(web, session)
    assert file_name(client.get(f"/points/{point.id}/notice.pdf")) == f"anslag-{point.code}.pdf"


def test_batch_of_sheets_in_english_downloads_as_notices_pdf(web, client, session):
    make_point(session)
    signed_in(web, session)
    response = client.get("/notices.pdf?municipality=Krokom&lang=en")
    assert file_name(response) == "notices.pdf"


def test_posting_log_of_demo_data_names_the_system_in_words(web, client, session):
    point = make_point(session)
    record_posting(session, point, SYSTEM)
    session.commit()
    signed_in(web, session)
    html = client.get(f"/points/{point.id}").get_data(as_text=True)
    log = html.split('id="notice"', 1)[1]
    assert "Systemet (demodata)" in log
    assert "· system<" not in log


def test_posting_log_in_english_names_the_system_in_english(web, client, session):
    point = make_point(session)
    record_posting(session, point, SYSTEM)
    session.commit()
    signed_in(web, session)
    html = client.get(f"/points/{point.id}?lang=en").get_data(as_text=True)
    assert "The system (demo data)" in html.split('id="notice"', 1)[1]
