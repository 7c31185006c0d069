"""The jobs API: who may start and see what, bad input, expiry, and the commands."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from readiness.jobs.models import Job
from readiness.timeutil import utcnow
from tests.jobs.conftest import wait_for


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "municipality"),
        ({"municipality": "  "}, "municipality"),
        ({"municipality": "Krokom", "lang": "de"}, "lang"),
        ({"municipality": "Krokom", "sheets": 3}, "sheets"),
        ({"municipality": "Ingenstans"}, "municipality"),
        ({"municipality": "Krokom", "area": "Ingenstans"}, "area"),
        ({"municipality": "K" * 201}, "municipality"),
    ],
)
def test_bad_notice_job_is_422_naming_the_field_and_starts_nothing(api, krokom, body, field):
    response = api("staff").post("/api/v1/jobs/notices", body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_notice_job_needs_a_token(client, krokom):
    assert client.post("/api/v1/jobs/notices", json={"municipality": "Krokom"}).status_code == 401


def test_report_job_is_for_coordinators_and_checks_year_and_municipality(api, krokom):
    assert (
        api("staff")
        .post("/api/v1/jobs/reports", {"municipality": "Krokom", "year": 2025})
        .status_code
        == 403
    )
    coordinator = api("auditor")
    bad_year = coordinator.post("/api/v1/jobs/reports", {"municipality": "Krokom", "year": 1990})
    assert bad_year.status_code == 422
    assert "year" in bad_year.get_json()["errors"]
    unknown = coordinator.post("/api/v1/jobs/reports", {"municipality": "Åre", "year": 2025})
    assert unknown.status_code == 422
    assert "municipality" in unknown.get_json()["errors"]


def test_someone_elses_job_is_not_found_but_an_admin_sees_it(
    api, app, session, krokom, results_dir
):
    owner = api("staff")
    url = owner.post("/api/v1/jobs/notices", {"municipality": "Krokom"}).get_json()["url"]
    finished, _seen = wait_for(owner, url)
    other = api("auditor")
    for path in (url, finished["result_url"]):
        assert other.get(path).status_code == 404
    assert other.post(url + "/retry").status_code == 404
    admin = api("admin")
    assert admin.get(url).get_json()["state"] == "finished"
    assert admin.get(finished["result_url"]).status_code == 200
    assert owner.get("/api/v1/jobs/no-such-job").status_code == 404


def test_job_ids_are_random_and_not_guessable(api, krokom, results_dir):
    staff = api("staff")
    ids = [
        staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"}).get_json()["id"]
        for _ in range(2)
    ]
    assert ids[0] != ids[1]
    assert all(len(job_id) >= 22 for job_id in ids)  # 128 random bits


def test_result_expires_with_a_clear_410_and_can_be_made_again(
    api, app, session, krokom, results_dir
):
    staff = api("staff")
    url = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"}).get_json()["url"]
    finished, _seen = wait_for(staff, url)
    expires = finished["expires_at"]
    assert expires.startswith((utcnow() + timedelta(hours=24)).date().isoformat())
    assert staff.post(url + "/retry").status_code == 409  # still there: nothing to redo
    session.execute(update(Job).values(expires_at=utcnow() - timedelta(minutes=1)))
    session.commit()
    gone = staff.get(finished["result_url"], headers={"Accept-Language": "en"})
    assert gone.status_code == 410
    assert gone.get_json()["errors"]["_request"] == [
        "The file is no longer kept (files are kept 24 hours). "
        "Start the job again to make a new one."
    ]
    with app.app_context():  # this app's folder (the test's session is its twin's context)
        result = app.test_cli_runner().invoke(args=["prune-jobs"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 file(s)" in result.output
    assert list(results_dir.iterdir()) == []
    assert staff.post(url + "/retry").status_code == 202
    again, _seen = wait_for(staff, url)
    assert again["state"] == "finished"
    assert staff.get(again["result_url"]).status_code == 200


def test_a_job_not_finished_has_no_file_yet(api, rq_app, krokom):
    staff = api("staff")  # no worker: it stays queued
    url = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"}).get_json()["url"]
    assert staff.get(url).get_json()["state"] == "queued"
    assert staff.get(url + "/result").status_code == 409
    assert staff.post(url + "/retry").status_code == 409


def test_prune_fails_jobs_whose_worker_died(api, app, rq_app, session, krokom):
    staff = api("staff")
    url = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom", "lang": "en"}).get_json()[
        "url"
    ]
    session.execute(update(Job).values(queued_at=utcnow() - timedelta(hours=7)))
    session.commit()
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["prune-jobs"])
    assert "1 interrupted job(s) marked failed" in result.output
    job = staff.get(url).get_json()
    assert job["state"] == "failed"
    assert job["error"] == "The job was interrupted (its worker stopped). Start it again."


def test_worker_command_without_redis_says_so_and_exits_1(app):
    app.config["REDIS_URL"] = None
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 1
    assert "No REDIS_URL is set" in result.output


def test_worker_command_with_a_redis_that_does_not_answer_says_so_and_exits_1(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 1
    assert "Redis does not answer at REDIS_URL" in result.output


def test_job_answers_match_the_openapi_document(api, client, krokom, results_dir):
    from tests.api.documented import response_problems

    document = client.get("/api/v1/openapi.json").get_json()
    staff = api("staff")
    started = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"})
    url = started.get_json()["url"]
    finished, _seen = wait_for(staff, url)
    answers = [
        ("POST", "/api/v1/jobs/notices", started),
        ("GET", "/api/v1/jobs/{job_id}", staff.get(url)),
        ("GET", "/api/v1/jobs/{job_id}/result", staff.get(finished["result_url"])),
        ("POST", "/api/v1/jobs/{job_id}/retry", staff.post(url + "/retry")),  # 409: finished
        ("POST", "/api/v1/jobs/notices", staff.post("/api/v1/jobs/notices", {})),  # 422
    ]
    problems = [
        f"{method} {template} {response.status_code}: {problem}"
        for method, template, response in answers
        for problem in response_problems(document, method, template, response)
    ]
    assert problems == []
