"""Background jobs through the API (contract: Region scale): start one (202 and its URL), read
its state and progress, fetch its file, retry it when it failed."""

from __future__ import annotations

from flask import g, jsonify, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import CSV, PDF, XLSX, documented
from readiness.errors import Invalid
from readiness.exchange.reading import MAX_FILE_BYTES
from readiness.extensions import db
from readiness.jobs.schemas import (
    ExportJobSchema,
    ImportJobArgsSchema,
    JobSchema,
    JobStartedSchema,
    NoticeJobSchema,
    ReportJobSchema,
)
from readiness.jobs.services import retry_job, start_job, store_input, visible_job
from readiness.jobs.web import job_json, result_download, results_dir
from readiness.timeutil import utcnow


def _accepted(job):
    """202 with the job's URL, in the body and in Location."""
    url = url_for("api.get_job", job_id=job.id)
    response = jsonify({"id": job.id, "url": url})
    response.status_code = 202
    response.headers["Location"] = url
    return response


@bp.post("/jobs/notices")
@documented(
    _l("Print the notice sheets of a municipality (or area) as a job"),
    tag="jobs",
    description=_l(
        "The same PDF as GET /api/v1/notices.pdf, made in the background: follow the URL "
        "for its progress and, once finished, its result_url. 422 when there is no point to "
        "print there."
    ),
    body=NoticeJobSchema,
    response=JobStartedSchema,
    status=202,
    headers=("Location",),
)
def start_notices_job():
    job = start_job(db.session, "notices", json_body(), g.actor)
    db.session.commit()  # the job is queued once this commit is done
    return _accepted(job)


@bp.post("/jobs/reports")
@documented(
    _l("Make the yearly report as PDF in a job (coordinators)"),
    tag="jobs",
    description=_l("The same PDF as GET /api/v1/reports/yearly.pdf, made in the background."),
    body=ReportJobSchema,
    response=JobStartedSchema,
    status=202,
    headers=("Location",),
    errors=(403,),
)
def start_report_job():
    body = json_body()
    if isinstance(body, dict):
        body.setdefault("lang", str(get_locale()))  # as the synchronous report
    job = start_job(db.session, "yearly_report", body, g.actor)
    db.session.commit()
    return _accepted(job)


@bp.post("/jobs/exports")
@documented(
    _l("Export the points the filters select (xlsx or csv) in a job"),
    tag="jobs",
    description=_l(
        "The same file as GET /api/v1/points.xlsx or points.csv (format, and sheet for csv), "
        "made in the background."
    ),
    body=ExportJobSchema,
    response=JobStartedSchema,
    status=202,
    headers=("Location",),
)
def start_export_job():
    job = start_job(db.session, "export", json_body(), g.actor)
    db.session.commit()
    return _accepted(job)


@bp.post("/jobs/imports")
@documented(
    _l("Import points from a file in a job (coordinators); dry_run only checks"),
    tag="jobs",
    description=_l(
        "Send the .xlsx or .csv file (the export's layout, at most 5 MB) as the request body, "
        "its name in file_name. Every row or none: a file with problems fails the job, and its "
        "error lists them (row, column, value, message). The result is the summary as text."
    ),
    query=ImportJobArgsSchema,
    response=JobStartedSchema,
    status=202,
    headers=("Location",),
    errors=(403, 413),
)
def start_import_job():
    request.max_content_length = MAX_FILE_BYTES
    data = request.get_data()  # 413 when larger
    job = start_job(db.session, "import", request.args.to_dict(), g.actor)
    if not data:
        raise Invalid({"_body": [str(_l("Send the file as the request body."))]})
    store_input(results_dir(), job.id, data)  # before the commit: a worker finds it at once
    db.session.commit()
    return _accepted(job)


@bp.get("/jobs/<job_id>")
@documented(
    _l("A job's state and progress (only the one who started it, or an admin)"),
    tag="jobs",
    response=JobSchema,
)
def get_job(job_id: str):
    return jsonify(job_json(visible_job(db.session, job_id, g.actor)))


@bp.get("/jobs/<job_id>/result")
@documented(
    _l("The file a finished job made; 410 once it expired"),
    tag="jobs",
    media_type=(PDF, XLSX, CSV, "text/plain"),
    headers=("Content-Disposition",),
    errors=(409, 410),
)
def job_result(job_id: str):
    return result_download(visible_job(db.session, job_id, g.actor))


@bp.post("/jobs/<job_id>/retry")
@documented(
    _l("Start a failed job again (or one whose file expired)"),
    tag="jobs",
    response=JobStartedSchema,
    status=202,
    headers=("Location",),
    errors=(403, 409),
)
def retry_job_route(job_id: str):
    job = retry_job(db.session, visible_job(db.session, job_id, g.actor), g.actor, utcnow())
    db.session.commit()
    return _accepted(job)
