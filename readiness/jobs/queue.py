"""Where jobs run: RQ queues on Redis with REDIS_URL, else a small thread pool in this process.

A job is created in the request's transaction and handed to the queue only once that
transaction has committed (the session's `after_commit` hook below): a worker that picks it up
at once always finds its row, and a request that fails queues nothing. Views just commit.

`run_later("module:function", **kwargs)` is the same machinery without a job row, for internal
fire-and-forget work (re-rendering public pages after a commit): the function runs later in an
app context of its own; what it raises is logged, never raised into the caller.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

# Quick internal tasks first, so a re-render never waits behind a 500-sheet batch in the same
# queue (a worker takes from the first queue that has work).
TASKS_QUEUE = "readiness-tasks"
JOBS_QUEUE = "readiness-jobs"
JOB_NICENESS = 10  # jobs run at a lower CPU priority than web requests
JOB_TIMEOUT = 3600  # seconds: a 500-sheet batch takes about a minute
TASK_TIMEOUT = 600
FAILED_KEPT = 7 * 24 * 3600  # RQ's own record of a failed run (ours is the job row)
RUN_JOB = "readiness.jobs.runner.perform_job"
RUN_TASK = "readiness.jobs.runner.perform_task"

_PENDING = "readiness.jobs.pending"
_EXTENSION = "readiness.jobs"
_lock = threading.Lock()
log = logging.getLogger(__name__)


class RqBackend:
    """Jobs and tasks as RQ jobs on Redis; `flask --app wsgi worker` runs them."""

    def __init__(self, url: str):
        from redis import Redis
        from rq import Queue
        from rq.serializers import JSONSerializer

        # A Redis that does not answer fails the enqueue within seconds, not the request's life.
        connection = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        self.jobs = Queue(JOBS_QUEUE, connection=connection, serializer=JSONSerializer)
        self.tasks = Queue(TASKS_QUEUE, connection=connection, serializer=JSONSerializer)

    def enqueue_job(self, job_id: str) -> None:
        self.jobs.enqueue(
            RUN_JOB,
            job_id,
            job_timeout=JOB_TIMEOUT,
            result_ttl=0,
            failure_ttl=FAILED_KEPT,
            description=f"job {job_id}",
        )

    def enqueue_task(self, target: str, kwargs: dict) -> None:
        self.tasks.enqueue(
            RUN_TASK,
            target,
            kwargs,
            job_timeout=TASK_TIMEOUT,
            result_ttl=0,
            failure_ttl=FAILED_KEPT,
            description=target,
        )


class ThreadBackend:
    """Jobs in JOB_THREADS threads of this process, tasks in one more: `make run` on a laptop
    needs no Redis. Each runs in an app context (and so a database session) of its own."""

    def __init__(self, app: Flask, threads: int):
        self.app = app
        self.jobs = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="job", initializer=_lower_priority
        )
        self.tasks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="task")

    def _run(self, function, *args) -> None:
        with self.app.app_context():
            try:
                function(*args)
            except Exception:  # the runner handles its own; anything else is only logged
                self.app.logger.exception("Background work %s failed", function.__name__)

    def enqueue_job(self, job_id: str) -> None:
        from readiness.jobs.runner import run_job

        self.jobs.submit(self._run, run_job, job_id)

    def enqueue_task(self, target: str, kwargs: dict) -> None:
        from readiness.jobs.runner import run_target

        self.tasks.submit(self._run, run_target, target, kwargs)


def _lower_priority() -> None:
    """A job thread yields the CPU to the threads serving requests (Linux: nice per thread)."""
    with suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), JOB_NICENESS)


def backend_of(app: Flask) -> RqBackend | ThreadBackend:
    """This process's backend for the app (made on first use: threads never cross a fork)."""
    made = app.extensions.get(_EXTENSION)
    if made is None or made[0] != os.getpid():
        with _lock:
            made = app.extensions.get(_EXTENSION)
            if made is None or made[0] != os.getpid():
                url = app.config.get("REDIS_URL")
                backend = RqBackend(url) if url else ThreadBackend(app, app.config["JOB_THREADS"])
                made = app.extensions[_EXTENSION] = (os.getpid(), backend)
    return made[1]


def uses_redis(app: Flask) -> bool:
    return bool(app.config.get("REDIS_URL"))


# ----- jobs: queued once their transaction has committed ------------------------------------


def dispatch_after_commit(session: Session, job_id: str) -> None:
    """Queue the job once the session's transaction commits (never if it rolls back)."""
    session.info.setdefault(_PENDING, []).append(job_id)


@event.listens_for(Session, "after_commit")
def _dispatch_committed(session: Session) -> None:
    job_ids = session.info.pop(_PENDING, None)
    if job_ids:
        app = current_app._get_current_object()
        for job_id in job_ids:
            dispatch(app, job_id)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


def dispatch(app: Flask, job_id: str) -> None:
    """Hand a committed job to the queue. A queue that cannot be reached fails the job at once,
    saying so, instead of leaving it queued for ever (it can be retried)."""
    try:
        backend_of(app).enqueue_job(job_id)
    except Exception:
        app.logger.exception("Could not queue job %s", job_id)
        from flask_babel import lazy_gettext as _l

        from readiness.jobs.runner import fail_job

        fail_job(
            job_id,
            _l("The job could not be queued: the job queue does not answer. Try again later."),
        )


# ----- fire-and-forget tasks ----------------------------------------------------------------


def run_later(target: str, /, **kwargs) -> None:
    """Run `target` ("package.module:function") later with `kwargs` (JSON values), in an app
    context of its own: on the RQ tasks queue with REDIS_URL, else in a thread of this process.
    Nothing it does, nor a queue that is down, is ever raised into the caller: it is logged."""
    try:
        module, _, name = target.partition(":")
        if not module or not name.isidentifier():
            raise ValueError(f"run_later needs 'module:function', not {target!r}")
        # As RQ carries them: JSON in, fresh copies out, in both backends alike.
        payload = json.loads(json.dumps(kwargs))
        backend_of(current_app._get_current_object()).enqueue_task(target, payload)
    except Exception:
        log.exception("Could not queue %s for later", target)
