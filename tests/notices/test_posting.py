"""'Printed' means a sheet went up: downloading a PDF records nothing; staff confirm posting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from readiness.auth.actors import SYSTEM
from readiness.notices.models import NoticePosting
from readiness.notices.services import record_posting
from readiness.points.models import PublicRevision
from readiness.timeutil import today_in_sweden
from tests.factories import make_point, make_user


def notice_gap(client, point, as_of: str = "") -> bool:
    url = f"/api/v1/points/{point.id}/readiness" + (f"?as_of={as_of}" if as_of else "")
    return "NOTICE-CURRENT" in [g["criterion"] for g in client.get(url).get_json()["gaps"]]


def test_downloading_sheets_records_nothing_and_changes_no_readiness(api, web, client, session):
    point = make_point(session)
    reader = api("auditor")
    before = reader.get("/api/v1/readiness").get_json()
    assert reader.get(f"/api/v1/points/{point.id}/notice.pdf").status_code == 200
    assert reader.get("/api/v1/notices.pdf?municipality=Krokom").status_code == 200
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    assert client.get(f"/points/{point.id}/notice.pdf").status_code == 200
    assert client.get("/notices.pdf?municipality=Krokom").status_code == 200
    assert session.scalar(select(NoticePosting.id)) is None
    assert reader.get("/api/v1/readiness").get_json() == before
    assert notice_gap(reader, point)


def test_posting_through_the_api_records_the_content_version_and_clears_the_gap(api, session):
    point = make_point(session)
    client = api("auditor")
    response = client.post(f"/api/v1/points/{point.id}/notice-posted")
    assert response.status_code == 201
    body = response.get_json()
    assert body["content_version"] == 1 and body["posted_at"].startswith(
        today_in_sweden().isoformat()[:4]
    )
    assert not notice_gap(client, point)


def test_a_public_change_after_posting_makes_the_sheet_stale_and_a_private_one_does_not(
    api, session
):
    point = make_point(session)
    client = api("auditor")
    client.post(f"/api/v1/points/{point.id}/notice-posted")
    client.patch(f"/api/v1/points/{point.id}", {"version": 1, "power": {"tank_litres": 900}})
    assert not notice_gap(client, point)
    client.patch(f"/api/v1/points/{point.id}", {"version": 2, "crisis_hours": "Kl 8–20"})
    assert notice_gap(client, point)
    again = client.post(f"/api/v1/points/{point.id}/notice-posted").get_json()
    assert again["content_version"] == 2
    assert not notice_gap(client, point)


def test_posting_an_older_sheet_is_recorded_and_stays_stale(api, session):
    point = make_point(session)
    client = api("auditor")
    client.patch(f"/api/v1/points/{point.id}", {"version": 1, "crisis_hours": "Kl 8–20"})
    response = client.post(f"/api/v1/points/{point.id}/notice-posted", {"content_version": 1})
    assert response.status_code == 201 and response.get_json()["content_version"] == 1
    assert notice_gap(client, point)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"content_version": 2}, "content_version"),  # not printed yet: the point is at 1
        ({"content_version": 0}, "content_version"),
        ({"content_version": "1"}, "content_version"),
        ({"posted_at": "2020-01-01"}, "posted_at"),
    ],
)
def test_posting_with_a_bad_body_is_422_and_records_nothing(api, session, body, field):
    point = make_point(session)
    response = api("auditor").post(f"/api/v1/points/{point.id}/notice-posted", body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert session.scalar(select(NoticePosting.id)) is None


def test_only_staff_of_the_point_may_confirm_its_sheet(api, session):
    point = make_point(session)
    other = make_point(session, name="Annan punkt")
    assert api("staff").post(f"/api/v1/points/{point.id}/notice-posted").status_code == 403
    staff = api("staff", points=[point])
    assert staff.post(f"/api/v1/points/{point.id}/notice-posted").status_code == 201
    assert staff.post(f"/api/v1/points/{other.id}/notice-posted").status_code == 403
    assert staff.post("/api/v1/points/999999/notice-posted").status_code == 404


def test_posting_needs_a_token(client, session):
    point = make_point(session)
    assert client.post(f"/api/v1/points/{point.id}/notice-posted").status_code == 401


def test_staff_confirm_the_sheet_on_the_point_page(web, client, session):
    point = make_point(session)
    make_user(session, "staff", email="butik@test.example", points=[point])
    web.login("butik@test.example")
    page = client.get(f"/points/{point.id}").get_data(as_text=True)
    assert "Anslaget är uppsatt" in page and "Inget anslag uppsatt" in page
    response = web.post(
        f"/points/{point.id}/notice-posted", {"content_version": "1"}, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert "Registrerat: anslaget (version 1) sitter uppe" in html
    assert "Inget anslag uppsatt" not in html
    assert "butik@test.example" in html  # in the list of confirmed sheets


def test_confirming_a_sheet_without_csrf_or_for_another_point_is_refused(web, client, session):
    point = make_point(session)
    other = make_point(session, name="Annan punkt")
    make_user(session, "staff", email="butik@test.example", points=[point])
    web.login("butik@test.example")
    assert client.post(f"/points/{point.id}/notice-posted").status_code == 400
    assert web.post(f"/points/{other.id}/notice-posted").status_code == 403
    assert "Anslaget är uppsatt" not in client.get(f"/points/{other.id}").get_data(as_text=True)
    assert session.scalar(select(NoticePosting.id)) is None


def test_batch_button_names_its_place_and_is_not_offered_unfiltered(web, client, session):
    make_point(session, municipality="Krokom", area="Föllinge")
    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    assert "notices.pdf" not in client.get("/points").get_data(as_text=True)
    page = client.get("/points?municipality=Krokom&area=Föllinge").get_data(as_text=True)
    assert "Anslag för alla punkter i Krokom / Föllinge (PDF)" in page
    assert "/notices.pdf?municipality=Krokom&amp;area=F%C3%B6llinge" in page
    unfiltered = client.get("/notices.pdf")
    assert unfiltered.status_code == 422
    assert "Välj en kommun" in unfiltered.get_data(as_text=True)


def test_sheet_posted_at_the_same_instant_as_the_last_public_change_is_current(api, session):
    point = make_point(session)
    posting = record_posting(session, point, SYSTEM)
    revision = session.scalars(
        select(PublicRevision).where(PublicRevision.point_id == point.id)
    ).one()
    posting.posted_at = revision.changed_at
    session.commit()
    assert not notice_gap(api("auditor"), point)


def test_facts_after_as_of_are_not_known_to_notice_current(api, session):
    point = make_point(session)
    days = timedelta(days=1)
    [revision] = session.scalars(select(PublicRevision).where(PublicRevision.point_id == point.id))
    revision.changed_at -= 10 * days
    posting = record_posting(session, point, SYSTEM)
    posting.posted_at -= 5 * days
    session.commit()
    client = api("auditor")
    today = today_in_sweden()
    assert notice_gap(client, point, (today - 7 * days).isoformat())  # posted later than that
    assert not notice_gap(client, point, (today - 3 * days).isoformat())
    client.patch(f"/api/v1/points/{point.id}", {"version": 1, "crisis_hours": "Kl 8–20"})
    # The change today was not known yesterday: the sheet was current then, stale today.
    assert not notice_gap(client, point, (today - days).isoformat())
    body = client.get(f"/api/v1/points/{point.id}/readiness").get_json()
    [gap] = [g for g in body["gaps"] if g["criterion"] == "NOTICE-CURRENT"]
    assert today.isoformat() in gap["message"]
