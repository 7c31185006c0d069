"""The job pages: the batch button starts a job, the page shows progress without JavaScript,
then the file, or the error and a retry button."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from readiness.jobs.models import Job
from tests.factories import make_user


def _login(web, session, role: str = "staff") -> None:
    make_user(session, role, email=f"{role}@test.example")
    web.login(f"{role}@test.example")


def _wait_until_done(session, job_id: str) -> Job:
    import time

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        session.expire_all()
        job = session.get(Job, job_id)
        if job.state in ("finished", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("the job did not end")


def test_large_batch_button_starts_a_job_and_its_page_shows_the_progress(
    web, client, app, session, krokom, rq_app
):
    app.config["NOTICE_JOB_THRESHOLD"] = 20  # Krokom has 23 points: above it
    _login(web, session)
    listing = client.get("/points?municipality=Krokom").get_data(as_text=True)
    assert 'action="/jobs/notices"' in listing
    assert "/notices.pdf?municipality=Krokom" not in listing
    started = web.post("/jobs/notices", {"municipality": "Krokom"})
    assert started.status_code == 303
    job_page = started.headers["Location"]
    assert re.fullmatch(r"/jobs/[A-Za-z0-9_-]{22}", job_page)
    html = client.get(job_page).get_data(as_text=True)  # no worker: still queued
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress id="job-progress" value="0" max="23">' in html
    assert '<label for="job-progress">Förlopp</label>' in html
    assert "0 av 23 anslag" in html
    assert 'role="status"' in html
    assert "Väntar på sin tur" in html


def test_small_batch_opens_at_once_without_a_job(web, client, app, session, krokom):
    app.config["NOTICE_JOB_THRESHOLD"] = 30
    _login(web, session)
    listing = client.get("/points?municipality=Krokom").get_data(as_text=True)
    assert "/notices.pdf?municipality=Krokom" in listing
    response = web.post("/jobs/notices", {"municipality": "Krokom"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/notices.pdf?municipality=Krokom&lang=sv"
    assert session.scalar(select(Job.id)) is None


def test_finished_job_page_offers_the_file_and_stops_refreshing(
    web, client, app, session, krokom, results_dir
):
    app.config["NOTICE_JOB_THRESHOLD"] = 5
    _login(web, session)
    job_page = web.post("/jobs/notices?lang=en", {"municipality": "Krokom"}).headers["Location"]
    job = _wait_until_done(session, job_page.rsplit("/", 1)[1])
    assert job.state == "finished"
    html = client.get(job_page + "?lang=en").get_data(as_text=True)
    assert "http-equiv" not in html
    assert '<progress id="job-progress" value="23" max="23">' in html
    assert "23 of 23 notice sheets" in html
    assert f'href="/jobs/{job.id}/result">Download notices-krokom.pdf</a>' in html
    pdf = client.get(f"/jobs/{job.id}/result")
    assert pdf.mimetype == "application/pdf"
    assert client.get("/jobs").get_data(as_text=True).count(job_page) == 1  # My jobs


def test_failed_job_page_says_why_and_retries(web, client, app, session, krokom, rq_app):
    _login(web, session)
    job_page = web.post("/jobs/notices", {"municipality": "Krokom"}).headers["Location"]
    job_id = job_page.rsplit("/", 1)[1]
    session.execute(
        update(Job).values(state="failed", error="Det finns inga punkter att skriva ut.")
    )
    session.commit()
    html = client.get(job_page).get_data(as_text=True)
    assert "Misslyckades" in html
    assert "Det finns inga punkter att skriva ut." in html
    assert f'action="/jobs/{job_id}/retry"' in html
    assert "http-equiv" not in html
    retried = web.post(f"/jobs/{job_id}/retry")
    assert retried.status_code == 303
    session.expire_all()
    assert session.get(Job, job_id).state == "queued"
    assert session.get(Job, job_id).error is None


def test_someone_elses_job_page_is_not_found(web, client, app, session, krokom, rq_app):
    owner = make_user(session, "staff", email="owner@test.example")
    web.login(owner.email)
    job_page = web.post("/jobs/notices", {"municipality": "Krokom"}).headers["Location"]
    web.post("/logout")
    _login(web, session, "auditor")
    assert client.get(job_page).status_code == 404
    assert client.get(job_page + "/result").status_code == 404
    assert web.post(job_page + "/retry").status_code == 404


def test_report_job_from_the_report_page_is_for_coordinators(
    web, client, app, session, krokom, rq_app
):
    _login(web, session, "staff")
    assert web.post("/jobs/reports", {"municipality": "Krokom", "year": "2025"}).status_code == 403
    web.post("/logout")
    _login(web, session, "auditor")
    started = web.post("/jobs/reports", {"municipality": "Krokom", "year": "2025"})
    assert started.status_code == 303
    assert "Årsrapport: Krokom 2025" in client.get(started.headers["Location"]).get_data(
        as_text=True
    )
