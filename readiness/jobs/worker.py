"""`flask --app wsgi worker`: an RQ worker for the app's queues.

The worker process makes the app once; RQ forks a short-lived "work horse" for each job, which
inherits the app (and frees all of a job's memory when it exits). The horse must not use the
database connections of its parent: they are dropped from its pool right after the fork, and
it runs at a lower CPU priority than the web workers."""

from __future__ import annotations

import logging
import os
from functools import partial

from flask import Flask
from flask_babel import lazy_gettext as _l

from readiness.extensions import db
from readiness.jobs import runner
from readiness.jobs.queue import JOB_NICENESS, JOBS_QUEUE, RUN_JOB, TASKS_QUEUE

KILLED = _l(
    "The worker stopped while it ran this job (it may have run out of memory). Nothing was "
    "kept; start the job again."
)


class WorkerError(RuntimeError):
    """The worker cannot start (Redis does not answer)."""


def _horse_killed(app: Flask, job, _pid, _status, _rusage) -> None:
    """RQ saw the work horse die (killed, out of memory): say so on the job's row."""
    if job.func_name == RUN_JOB and job.args:
        with app.app_context():
            runner.fail_job(job.args[0], KILLED)


def run_worker(app: Flask, *, burst: bool = False) -> None:
    from redis import Redis, RedisError
    from rq import Queue, Worker
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(app.config["REDIS_URL"])
    try:
        connection.ping()
    except RedisError as error:
        raise WorkerError(f"Redis does not answer at REDIS_URL: {error}") from None
    runner.use_app(app)
    app.logger.setLevel(logging.INFO)  # each job's time and peak memory, beside RQ's own lines
    engine = db.engine

    def in_work_horse() -> None:
        engine.dispose(close=False)
        # Web requests first: a resident's page must not wait behind a batch on a busy machine.
        os.nice(JOB_NICENESS)

    os.register_at_fork(after_in_child=in_work_horse)
    queues = [
        Queue(name, connection=connection, serializer=JSONSerializer)
        for name in (TASKS_QUEUE, JOBS_QUEUE)
    ]
    worker = Worker(
        queues,
        connection=connection,
        serializer=JSONSerializer,
        work_horse_killed_handler=partial(_horse_killed, app),
    )
    worker.work(burst=burst, logging_level="INFO")
