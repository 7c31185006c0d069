"""Running one job: claim it, run its kind, keep its file and say "finished" together, or
throw everything away and say why it failed. The same code under RQ and in a thread."""

from __future__ import annotations

import importlib
import os
import resource
import time
from contextlib import suppress
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from readiness.errors import DomainError
from readiness.extensions import db
from readiness.jobs import kinds as _kinds  # noqa: F401 (registers the kinds)
from readiness.jobs.models import FAILED, FINISHED, QUEUED, RUNNING, Job
from readiness.jobs.registry import KINDS, RunningJob, result_path
from readiness.timeutil import utcnow

# Progress is written at most this often (a batch of 500 sheets reports every 10 sheets).
PROGRESS_INTERVAL = 0.5
UNEXPECTED = _l(
    "The job stopped on an unexpected error. Nothing was kept; you can start it again. "
    "The details are in the server's log."
)

_app: Flask | None = None


def use_app(app: Flask) -> None:
    """The app a worker process runs its jobs in (`flask worker` passes its own)."""
    global _app
    _app = app


def worker_app() -> Flask:
    """The worker process's app: made once per process, not once per job."""
    global _app
    if _app is None:
        from readiness import create_app

        _app = create_app()
    return _app


def perform_job(job_id: str) -> None:
    """RQ's entry point for a job."""
    with worker_app().app_context():
        run_job(job_id)


def perform_task(target: str, kwargs: dict) -> None:
    """RQ's entry point for run_later."""
    with worker_app().app_context():
        run_target(target, kwargs)


def run_target(target: str, kwargs: dict) -> None:
    """Call "module:function" with kwargs; what it raises is logged, and its session reset."""
    module, _, name = target.partition(":")
    try:
        getattr(importlib.import_module(module), name)(**kwargs)
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Background task %s failed", target)


def _progress_writer(job_id: str):
    """Writes done/total in a short transaction of its own (never the job's: a kind's writes
    commit only with its end), at most every PROGRESS_INTERVAL and always at the end."""
    last = [0.0]

    def write(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < PROGRESS_INTERVAL:
            return
        last[0] = now
        with db.engine.begin() as connection:
            connection.execute(
                update(Job)
                .where(Job.id == job_id, Job.state == RUNNING)
                .values(done=done, total=total)
            )

    return write


def _claim(job_id: str) -> bool:
    """queued -> running, once: a job delivered twice runs once."""
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == QUEUED)
        .values(state=RUNNING, started_at=utcnow(), done=0, error=None)
    ).rowcount
    db.session.commit()
    return bool(claimed)


def failure_text(error: BaseException) -> str:
    """What the user reads: a domain error's own words, else a plain "unexpected error"."""
    if isinstance(error, DomainError) and error.errors:
        return "\n".join(str(m) for messages in error.errors.values() for m in messages)
    return str(UNEXPECTED)


def fail_job(job_id: str, message) -> None:
    """Mark a job that never ran to its end as failed, in its own language. On a connection of
    its own: it is also called right after a commit, when the session may not run SQL."""
    with db.engine.begin() as connection:
        params = connection.scalar(select(Job.params).where(Job.id == job_id))
        if params is None:
            return
        with force_locale(params.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]):
            text = str(message)
        connection.execute(
            update(Job)
            .where(Job.id == job_id, Job.state.in_((QUEUED, RUNNING)))
            .values(state=FAILED, error=text, finished_at=utcnow())
        )


def _remove(*paths: Path | None) -> None:
    for path in paths:
        if path is not None:
            with suppress(FileNotFoundError):
                path.unlink()


def run_job(job_id: str) -> None:
    """Run one queued job in the current app context."""
    config = current_app.config
    session = db.session
    if not _claim(job_id):
        current_app.logger.info("Job %s is not queued (gone, or run already); skipped", job_id)
        return
    job = session.get(Job, job_id)
    kind = KINDS.get(job.kind)
    if kind is None:  # a kind this version no longer has
        fail_job(job_id, UNEXPECTED)
        return
    lang = job.params.get("lang") or config["BABEL_DEFAULT_LOCALE"]
    results_dir = Path(config["JOB_RESULTS_DIR"])
    final = result_path(results_dir, job.id)
    running = RunningJob(
        id=job.id,
        params=dict(job.params),
        session=session,
        user=job.created_by,
        config=config,
        results_dir=results_dir,
        report_progress=_progress_writer(job.id),
    )
    running.counts["total"] = job.total
    started = time.monotonic()
    try:
        with force_locale(lang):
            kind.run(running)
        if running.temp_path is not None:
            os.replace(running.temp_path, final)  # the whole file appears at once, or none
        now = utcnow()
        total = running.counts["total"]
        session.execute(
            update(Job)
            .where(Job.id == job.id)
            .values(
                state=FINISHED,
                done=total,
                total=total,
                finished_at=now,
                result_name=running.result_name,
                result_type=running.result_type,
                expires_at=now + timedelta(hours=config["JOB_RESULT_HOURS"])
                if running.temp_path is not None
                else None,
            )
        )
        session.commit()  # a kind's own writes (an import) commit with "finished"
        state = FINISHED
    except Exception as error:
        session.rollback()
        _remove(running.temp_path, final)
        if isinstance(error, DomainError):
            current_app.logger.warning("Job %s (%s) failed: %s", job_id, kind.name, error.errors)
        else:
            current_app.logger.exception("Job %s (%s) failed", job_id, kind.name)
        with force_locale(lang):
            text = failure_text(error)
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(state=FAILED, error=text, finished_at=utcnow())
        )
        session.commit()
        state = FAILED
    current_app.logger.info(
        "Job %s (%s) %s in %.1f s; process peak memory %d MB",
        job_id,
        kind.name,
        state,
        time.monotonic() - started,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    )
