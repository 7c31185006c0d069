"""Jobs on Redis, run by real `flask --app wsgi worker` processes (RQ) on the test's database."""

from __future__ import annotations

import time
import urllib.request

from sqlalchemy import func, select

from readiness.auth.actors import SYSTEM
from readiness.notices.models import NoticePosting
from readiness.points.writes import archive_point, restore_point
from tests.jobs.conftest import wait_for
from tests.pdf_tools import pdf_pages, pdf_text


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def test_notices_job_goes_queued_running_finished_and_gives_one_page_per_point(
    api, krokom, start_worker, results_dir, tmp_path
):
    staff = api("staff")
    started = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"})
    assert started.status_code == 202
    url = started.get_json()["url"]
    assert started.headers["Location"] == url
    # No worker yet: the job waits in the queue.
    assert staff.get(url).get_json()["state"] == "queued"
    start_worker()
    finished, seen = wait_for(staff, url)
    assert finished["state"] == "finished", finished
    states = [document["state"] for document in seen]
    assert "running" in states
    assert states.index("running") < states.index("finished")
    progress = [document["done"] for document in seen if document["state"] == "running"]
    assert progress == sorted(progress)
    assert any(0 < done < 23 for done in progress)  # the bar moves while the batch renders
    assert finished["done"] == finished["total"] == 23
    pdf = staff.get(finished["result_url"])
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    assert "anslag-krokom.pdf" in pdf.headers["Content-Disposition"]
    assert pdf_pages(pdf.data, tmp_path) == 23
    text = pdf_text(pdf.data, tmp_path)
    assert text.index("Punkt 00") < text.index("Punkt 22")  # name order, as the batch route


def test_failed_job_says_why_keeps_nothing_and_can_be_retried(
    api, krokom, start_worker, session, results_dir, tmp_path
):
    staff = api("staff")
    url = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom"}).get_json()["url"]
    for point in krokom:  # archived before the job runs: nothing left to print
        archive_point(session, point, SYSTEM)
    session.commit()
    start_worker()
    failed, _seen = wait_for(staff, url)
    assert failed["state"] == "failed"
    assert failed["error"] == "Det finns inga punkter att skriva ut."
    assert "result_url" not in failed
    assert "Traceback" not in failed["error"]
    assert not results_dir.exists() or list(results_dir.iterdir()) == []
    assert session.scalar(select(func.count(NoticePosting.id))) == 0
    for point in krokom:
        restore_point(session, point, SYSTEM)
    session.commit()
    retried = staff.post(url + "/retry")
    assert retried.status_code == 202
    assert retried.get_json()["url"] == url
    finished, _seen = wait_for(staff, url)
    assert finished["state"] == "finished"
    assert "error" not in finished
    assert pdf_pages(staff.get(finished["result_url"]).data, tmp_path) == 23


def test_a_queue_that_does_not_answer_fails_the_job_at_once_with_a_reason(api, app, krokom):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    staff = api("staff")
    started = staff.post("/api/v1/jobs/notices", {"municipality": "Krokom", "lang": "en"})
    assert started.status_code == 202
    job = staff.get(started.get_json()["url"]).get_json()
    assert job["state"] == "failed"
    assert job["error"] == (
        "The job could not be queued: the job queue does not answer. Try again later."
    )


def test_resident_page_answers_quickly_while_two_batches_render(
    api, session, start_worker, gunicorn, results_dir
):
    """gunicorn -w 2 serves the resident page while two worker processes render a batch each."""
    from tests.factories import make_point

    points = [make_point(session, name=f"Punkt {n:02d}", municipality="Åre") for n in range(60)]
    code = points[0].code
    staff = api("staff")
    urls = [
        staff.post("/api/v1/jobs/notices", {"municipality": "Åre"}).get_json()["url"]
        for _ in range(2)
    ]
    start_worker()
    start_worker()
    assert fetch(f"{gunicorn}/p/{code}")[0] == 200  # warm
    timings = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        states = [staff.get(url).get_json()["state"] for url in urls]
        if states != ["running", "running"]:
            if "queued" in states:
                time.sleep(0.05)
                continue
            break
        started = time.perf_counter()
        status, page = fetch(f"{gunicorn}/p/{code}")
        timings.append(time.perf_counter() - started)
        assert status == 200
        assert "Punkt 00" in page
        time.sleep(0.1)
    assert len(timings) >= 5, timings  # measured while both batches rendered
    print(
        f"resident page while two batches render: {len(timings)} requests, max "
        f"{max(timings) * 1000:.0f} ms, median {sorted(timings)[len(timings) // 2] * 1000:.0f} ms"
    )
    assert max(timings) < 1.0
    for url in urls:
        assert wait_for(staff, url)[0]["state"] == "finished"


def test_run_later_on_redis_is_run_by_the_worker(rq_app, start_worker, tmp_path):
    from readiness.jobs.queue import run_later

    marker = tmp_path / "marker.txt"
    with rq_app.app_context():
        run_later("tests.jobs.tasks:write_marker", path=str(marker), words=["från", "kön"])
    start_worker()
    deadline = time.monotonic() + 60
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.read_text() == "från kön https://tp.example.se"
