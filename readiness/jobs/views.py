"""Job pages: start a batch print or a report from the register, watch its progress (no
JavaScript: a <progress> bar and a meta refresh), download the file, retry a failed job."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from readiness.extensions import db
from readiness.jobs.kinds import notice_sheet_count
from readiness.jobs.models import FAILED, FINISHED, QUEUED, RUNNING
from readiness.jobs.registry import KINDS
from readiness.jobs.services import can_retry, jobs_of, retry_job, start_job, visible_job
from readiness.jobs.web import expired, result_download
from readiness.timeutil import utcnow

bp = Blueprint("jobs", __name__)


def _form_params(*names: str) -> dict:
    params = {name: request.form.get(name) or None for name in names}
    return {name: value for name, value in params.items() if value is not None}


@bp.post("/jobs/notices")
def start_notices():
    """The point list's batch button: a small batch opens at once, a larger one is a job."""
    params = _form_params("municipality", "area")
    params["lang"] = str(get_locale())
    municipality, area = params.get("municipality"), params.get("area")
    if (
        municipality
        and notice_sheet_count(db.session, municipality, area)
        <= (current_app.config["NOTICE_JOB_THRESHOLD"])
    ):
        return redirect(url_for("notices.batch_notices", **params), 303)
    job = start_job(db.session, "notices", params, current_user)
    db.session.commit()  # queued once committed
    return redirect(url_for("jobs.show", job_id=job.id), 303)


@bp.post("/jobs/reports")
def start_report():
    params = _form_params("municipality", "year")
    if (params.get("year") or "").isdigit():
        params["year"] = int(params["year"])
    params["lang"] = str(get_locale())
    job = start_job(db.session, "yearly_report", params, current_user)
    db.session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), 303)


@bp.get("/jobs")
def index():
    return render_template("jobs/list.html", jobs=jobs_of(db.session, current_user), kinds=KINDS)


@bp.get("/jobs/<job_id>")
def show(job_id: str):
    job = visible_job(db.session, job_id, current_user)
    return render_template(
        "jobs/show.html",
        job=job,
        kind=KINDS.get(job.kind),
        waiting=job.state in (QUEUED, RUNNING),
        finished=job.state == FINISHED,
        failed=job.state == FAILED,
        expired=expired(job),
        can_retry=can_retry(job, utcnow()),
    )


@bp.get("/jobs/<job_id>/result")
def result(job_id: str):
    return result_download(visible_job(db.session, job_id, current_user))


@bp.post("/jobs/<job_id>/retry")
def retry(job_id: str):
    job = retry_job(
        db.session, visible_job(db.session, job_id, current_user), current_user, utcnow()
    )
    db.session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), 303)
