"""Starting, finding, retrying and pruning jobs: plain functions over the session and the
results directory. The caller commits; a job is queued once that commit is done."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from readiness.auth.permissions import ROLE_ADMIN, ensure_role
from readiness.errors import Conflict, DomainError, NotFound
from readiness.jobs import kinds as _kinds  # noqa: F401 (registers the kinds)
from readiness.jobs.models import FAILED, FINISHED, QUEUED, RUNNING, Job, new_job_id
from readiness.jobs.queue import dispatch_after_commit
from readiness.jobs.registry import KINDS, JobKind, input_path, part_path, result_path
from readiness.timeutil import as_utc

# A job id as new_job_id makes them; anything else is no job (and never a path).
_JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
# Rows of finished and failed jobs are kept this long (their files go when they expire).
KEEP_DAYS = 30
# A job queued or running this long has lost its worker (RQ stops a job after an hour).
STALE_HOURS = 6
INTERRUPTED = _l("The job was interrupted (its worker stopped). Start it again.")


class Gone(DomainError):
    """The job's file has expired (or was removed): start the job again."""

    status = 410


def ensure_may_start(kind: JobKind, user) -> None:
    if kind.roles is not None:
        ensure_role(user, *kind.roles)


def start_job(session: Session, kind_name: str, raw: dict, user, *, job_id: str | None = None):
    """Check the parameters (Invalid names the field), add the job, queue it after the commit."""
    kind = KINDS[kind_name]
    ensure_may_start(kind, user)
    start = kind.start(session, raw, user)
    job = Job(
        id=job_id or new_job_id(),
        kind=kind.name,
        params=start.params,
        state=QUEUED,
        done=0,
        total=start.total,
        created_by_id=user.id,
    )
    session.add(job)
    session.flush()
    dispatch_after_commit(session, job.id)
    return job


def store_input(results_dir: Path, job_id: str, data: bytes) -> None:
    """Keep a file uploaded with the job (an import's) where its run will read it; written
    whole under a temporary name, then renamed."""
    results_dir.mkdir(parents=True, exist_ok=True)
    part = part_path(results_dir, job_id + ".input")
    part.write_bytes(data)
    os.replace(part, input_path(results_dir, job_id))


def visible_job(session: Session, job_id: str, user) -> Job:
    """The job, for the one who started it or an admin; 404 for everyone else."""
    job = session.get(Job, job_id) if _JOB_ID.fullmatch(job_id or "") else None
    if job is None or not (
        user is not None and (job.created_by_id == user.id or user.role == ROLE_ADMIN)
    ):
        raise NotFound({"_request": [str(_l("No such job."))]})
    return job


def jobs_of(session: Session, user, limit: int = 20) -> list[Job]:
    """The user's latest jobs, newest first."""
    return list(
        session.scalars(
            select(Job)
            .where(Job.created_by_id == user.id)
            .order_by(Job.created_at.desc(), Job.id)
            .limit(limit)
        )
    )


def is_expired(job: Job, now: datetime) -> bool:
    return job.expires_at is not None and as_utc(job.expires_at) <= now


def can_retry(job: Job, now: datetime) -> bool:
    return job.state == FAILED or (job.state == FINISHED and is_expired(job, now))


def retry_job(session: Session, job: Job, user, now: datetime) -> Job:
    """Start a failed job (or one whose file expired) again with the same parameters."""
    if not can_retry(job, now):
        raise Conflict(
            {"_request": [str(_l("Only a failed job, or one whose file expired, can be retried."))]}
        )
    ensure_may_start(KINDS[job.kind], user)
    job.state, job.done, job.error, job.queued_at = QUEUED, 0, None, now
    job.started_at = job.finished_at = job.expires_at = None
    job.result_name = job.result_type = None
    session.flush()
    dispatch_after_commit(session, job.id)
    return job


def result_file(job: Job, now: datetime, results_dir: Path, kept_hours: float) -> Path:
    """The finished job's file; 409 before it is finished, 410 once expired."""
    if job.state != FINISHED or job.result_name is None:
        raise Conflict({"_request": [str(_l("The job has no file (yet): it is not finished."))]})
    path = result_path(results_dir, job.id)
    if is_expired(job, now) or not path.is_file():
        message = _l(
            "The file is no longer kept (files are kept %(hours)s hours). "
            "Start the job again to make a new one.",
            hours=f"{kept_hours:g}",
        )
        raise Gone({"_request": [str(message)]})
    return path


@dataclass(frozen=True)
class Pruned:
    files: int  # expired result files and leftovers removed
    rows: int  # old job rows removed
    interrupted: int  # stale queued/running jobs marked failed


def prune_jobs(session: Session, now: datetime, results_dir: Path) -> Pruned:
    """Remove expired files, rows older than KEEP_DAYS and files no row owns; fail jobs that
    have been queued or running for STALE_HOURS (their worker died)."""
    stale = now - timedelta(hours=STALE_HOURS)
    lost = session.scalars(
        select(Job).where(
            or_(
                (Job.state == QUEUED) & (Job.queued_at < stale),
                (Job.state == RUNNING) & (Job.started_at < stale),
            )
        )
    ).all()
    for job in lost:
        with force_locale(job.params.get("lang") or "sv"):  # in the language it was started in
            job.error = str(INTERRUPTED)
        job.state, job.finished_at = FAILED, now
    interrupted = len(lost)
    rows = session.execute(
        delete(Job).where(Job.created_at < now - timedelta(days=KEEP_DAYS)),
        execution_options={"synchronize_session": False},  # SQLite's times are naive in Python
    ).rowcount
    kept = {
        job_id: (state, as_utc(expires))
        for job_id, state, expires in session.execute(select(Job.id, Job.state, Job.expires_at))
    }
    orphaned_before = (now - timedelta(hours=1)).timestamp()  # a job being created has none yet
    files = 0
    paths = [p for p in results_dir.iterdir() if p.is_file()] if results_dir.is_dir() else []
    for path in paths:
        job_id = path.name.removeprefix(".").removesuffix(".part").removesuffix(".input")
        if job_id in kept:
            state, expires = kept[job_id]
            expired = path.name == job_id and expires is not None and expires <= now
            left_over = path.name.endswith(".part") and state != RUNNING
            remove = expired or left_over
        else:
            remove = path.stat().st_mtime < orphaned_before
        if remove:
            path.unlink(missing_ok=True)
            files += 1
    return Pruned(files, rows, interrupted)
