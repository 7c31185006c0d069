"""Without REDIS_URL (`make run`): the same jobs run in threads of the web process."""

from __future__ import annotations

import logging
import time

from sqlalchemy import func, select

from readiness.jobs.queue import run_later
from readiness.notices import pdf as notice_pdf
from readiness.notices.models import NoticePosting
from tests.jobs.conftest import wait_for
from tests.pdf_tools import pdf_pages, pdf_text


def test_jobs_wait_for_a_free_thread_then_run_and_finish(api, app, krokom, results_dir, tmp_path):
    app.config["JOB_THREADS"] = 1
    staff = api("staff")
    first = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"}).get_json()["url"]
    second = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"}).get_json()["url"]
    second_states = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # both, side by side, until both are done
        documents = [staff.get(url).get_json() for url in (first, second)]
        second_states.append(documents[1]["state"])
        if all(d["state"] in ("finished", "failed") for d in documents):
            break
        time.sleep(0.05)
    assert [d["state"] for d in documents] == ["finished", "finished"]
    # The second waited for the one thread, then ran.
    assert second_states[0] == "queued"
    assert second_states.index("running") < second_states.index("finished")
    finished = documents[1]
    assert finished["done"] == finished["total"] == 23
    assert pdf_pages(staff.get(finished["result_url"]).data, tmp_path) == 23


def test_a_failure_mid_batch_keeps_no_file_and_no_record_and_the_retry_works(
    api, app, krokom, session, results_dir, tmp_path, monkeypatch, caplog
):
    real_render = notice_pdf.render_notices
    calls = []

    def second_part_fails(points, *args):
        calls.append(len(points))
        if len(calls) == 2:
            raise RuntimeError("the renderer broke")
        return real_render(points, *args)

    monkeypatch.setattr(notice_pdf, "render_notices", second_part_fails)
    staff = api("staff")
    url = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom", "lang": "en"}).get_json()[
        "url"
    ]
    failed, _seen = wait_for(staff, url)
    assert failed["state"] == "failed"
    assert failed["error"] == (
        "The job stopped on an unexpected error. Nothing was kept; you can start it again. "
        "The details are in the server's log."
    )
    assert "the renderer broke" not in failed["error"]  # the details go to the log only
    assert any(
        record.exc_info and "the renderer broke" in str(record.exc_info[1])
        for record in caplog.records
        if record.levelno >= logging.ERROR
    )
    assert list(results_dir.iterdir()) == []  # not even the first part
    assert session.scalar(select(func.count(NoticePosting.id))) == 0
    monkeypatch.setattr(notice_pdf, "render_notices", real_render)
    assert staff.post(url + "/retry").status_code == 202
    finished, _seen = wait_for(staff, url)
    assert finished["state"] == "finished"
    assert pdf_pages(staff.get(finished["result_url"]).data, tmp_path) == 23


def test_yearly_report_job_makes_the_report_pdf(api, krokom, results_dir, tmp_path):
    coordinator = api("auditor")
    year = time.localtime().tm_year - 1
    started = coordinator.post("/api/v1/jobs/reports", {"municipality": "Krokom", "year": year})
    assert started.status_code == 202
    finished, _seen = wait_for(coordinator, started.get_json()["url"])
    assert finished["state"] == "finished"
    assert finished["done"] == finished["total"] == 1
    report = coordinator.get(finished["result_url"])
    assert report.mimetype == "application/pdf"
    assert f"arsrapport-krokom-{year}.pdf" in report.headers["Content-Disposition"]
    assert "Krokom" in pdf_text(report.data, tmp_path)


def _eventually(condition, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_run_later_runs_the_function_with_its_arguments_in_an_app_context(app, tmp_path):
    marker = tmp_path / "marker.txt"
    with app.app_context():
        assert (
            run_later("tests.jobs.tasks:write_marker", path=str(marker), words=["a", "b"]) is None
        )
    assert _eventually(lambda: marker.exists() and marker.read_text())
    assert marker.read_text() == "a b https://tp.example.se"


def test_run_later_logs_what_fails_and_never_raises(app, tmp_path, caplog):
    marker = tmp_path / "started.txt"
    with app.app_context():
        run_later("tests.jobs.tasks:fail", path=str(marker))
        run_later("tests.jobs.tasks:write_marker", path=object())  # not JSON: logged here
        run_later("no colon")
    assert _eventually(lambda: marker.exists())
    assert _eventually(lambda: "Background task tests.jobs.tasks:fail failed" in caplog.text)
    assert "Could not queue tests.jobs.tasks:write_marker for later" in caplog.text
    assert "Could not queue no colon for later" in caplog.text
