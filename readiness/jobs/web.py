"""Request helpers shared by the job pages and the API: a job as JSON, its file as a download."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, send_file, url_for

from readiness.jobs.models import FAILED, FINISHED, Job
from readiness.jobs.services import is_expired, result_file
from readiness.timeutil import as_utc, utcnow


def results_dir() -> Path:
    return Path(current_app.config["JOB_RESULTS_DIR"])


def _iso(moment) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None


def job_json(job: Job) -> dict:
    """The contract's job document (and when it was made, started, finished, expires)."""
    document = {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "done": job.done,
        "total": job.total,
    }
    if job.state == FINISHED and job.result_name:
        document["result_url"] = url_for("api.job_result", job_id=job.id)
    if job.state == FAILED and job.error:
        document["error"] = job.error
    document.update(
        created_at=_iso(job.created_at),
        started_at=_iso(job.started_at),
        finished_at=_iso(job.finished_at),
        expires_at=_iso(job.expires_at),
    )
    return document


def result_download(job: Job):
    """The job's file (410 once expired): a PDF opens in the browser, other files are saved."""
    path = result_file(job, utcnow(), results_dir(), current_app.config["JOB_RESULT_HOURS"])
    response = send_file(
        path,
        mimetype=job.result_type,
        download_name=job.result_name,
        as_attachment=job.result_type != "application/pdf",
        conditional=False,
        etag=False,
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"  # a file of private data, made for one user
    return response


def expired(job: Job) -> bool:
    return is_expired(job, utcnow())
