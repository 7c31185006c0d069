"""Fixtures of the job tests: the app's job files in the test's own folder, a real Redis, real
`flask --app wsgi worker` processes and a real gunicorn, all on the test's database (SQLite file
or the PostgreSQL database of the run)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readiness.jobs.queue import ThreadBackend
from tests.auth.conftest import redis_url  # noqa: F401 (a fixture, used by name)
from tests.factories import make_point

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BASE_URL = "https://tp.example.se"  # as tests/conftest.py make_app


@pytest.fixture(autouse=True)
def no_job_outlives_its_test(app):
    """Jobs a test left running in threads finish before the next test empties the tables."""
    yield
    made = app.extensions.get("readiness.jobs")
    if made is not None and isinstance(made[1], ThreadBackend):
        made[1].jobs.shutdown(wait=True)
        made[1].tasks.shutdown(wait=True)


@pytest.fixture
def results_dir(app, tmp_path) -> Path:
    """Where the app under test keeps job files (threads and workers alike)."""
    path = tmp_path / "job-results"
    app.config["JOB_RESULTS_DIR"] = str(path)
    return path


@pytest.fixture
def rq_app(app, redis_url, results_dir):  # noqa: F811 (the fixture imported above)
    """The app queueing its jobs on the test's Redis database."""
    app.config["REDIS_URL"] = redis_url
    return app


def process_env(app, **extra) -> dict:
    """The environment of a worker or gunicorn serving the same database, Redis and folder."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "WEB_CONCURRENCY", "GUNICORN"))
    }
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY="worker-test-secret",
        PUBLIC_BASE_URL=BASE_URL,
        JOB_RESULTS_DIR=app.config["JOB_RESULTS_DIR"],
        CACHE_TYPE="SimpleCache",
        CACHE_REDIS_URL="",
        PUBLIC_STATIC_DIR="",
    )
    if app.config.get("REDIS_URL"):
        env["REDIS_URL"] = app.config["REDIS_URL"]
        env["RATELIMIT_STORAGE_URI"] = "memory://"
    env.update(extra)
    return env


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # RQ: warm shut-down; gunicorn: graceful stop
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def start_worker(rq_app, tmp_path):
    """`start_worker()` starts a real `flask --app wsgi worker` process (stopped at the end)."""
    processes: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        log = (tmp_path / f"worker-{len(processes)}.log").open("wb")
        process = subprocess.Popen(
            [str(BIN / "flask"), "--app", "wsgi", "worker"],
            cwd=ROOT,
            env=process_env(rq_app),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        stop(process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn(rq_app, tmp_path):
    """The app under `gunicorn -w 2` on the test's database: its base URL."""
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=process_env(rq_app),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                pytest.fail((tmp_path / "gunicorn.log").read_text()[-3000:])
            time.sleep(0.2)
    yield url
    stop(process)


@pytest.fixture
def krokom(session):
    """A municipality of 23 points: three parts of ten sheets or fewer."""
    return [make_point(session, name=f"Punkt {n:02d}") for n in range(23)]


def wait_for(api, url: str, states=("finished", "failed"), timeout: float = 120) -> tuple:
    """Poll the job until it is in one of `states`: (its last document, every one seen)."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        document = api.get(url).get_json()
        seen.append(document)
        if document["state"] in states:
            return document, seen
        if time.monotonic() > deadline:
            raise AssertionError(f"job still {document['state']} after {timeout} s: {document}")
        time.sleep(0.05)
