"""Benchmark: a batch of notice sheets as a job in a real RQ worker (`flask --app wsgi worker`).

Run on demand with Redis: `.venv/bin/python bench/bench_jobs.py [--points 300] [--runs 3]
[--redis redis://127.0.0.1:6379/12]`. It fills a fresh SQLite database with generated points
(the demo's, renamed), starts one worker process, and for each run queues a batch of every
point and measures the time from queueing to "finished" and the peak memory (VmHWM) of the
work horse that rendered it. Issue 15's goal: the worker stays under 400 MB whatever the batch.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from readiness import create_app
from readiness.auth.actors import SYSTEM
from readiness.auth.models import User
from readiness.auth.services import create_user
from readiness.demo import demo_points
from readiness.extensions import db
from readiness.jobs.models import Job
from readiness.jobs.services import start_job
from readiness.points.writes import create_point

ROOT = Path(__file__).resolve().parents[1]


def _peak_kb(pid: int) -> int:
    """VmHWM of a process, 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/12"))
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'jobs.sqlite3'}"
    config = {
        "TESTING": True,
        "SECRET_KEY": secrets.token_hex(8),
        "SQLALCHEMY_DATABASE_URI": url,
        "REDIS_URL": args.redis,
        "JOB_RESULTS_DIR": str(folder / "results"),
    }
    app = create_app(config)
    with app.app_context():
        upgrade()
        templates = demo_points()
        for n in range(args.points):
            data = {k: v for k, v in templates[n % len(templates)].items() if k != "entered"}
            data["name"] = f"{data['name']} {n:03d}"
            data["municipality"] = "Bench"
            create_point(db.session, data, SYSTEM)
        user = create_user(db.session, "bench@example.se", "auditor", secrets.token_hex(16))
        db.session.commit()
        user_id = user.id
    env = dict(
        os.environ,
        DATABASE_URL=url,
        REDIS_URL=args.redis,
        SECRET_KEY=config["SECRET_KEY"],
        JOB_RESULTS_DIR=config["JOB_RESULTS_DIR"],
    )
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times, peaks = [], []
    try:
        time.sleep(3)  # the worker's start-up is not the job's time
        for _ in range(args.runs):
            with app.app_context():
                user = db.session.get(User, user_id)
                job = start_job(db.session, "notices", {"municipality": "Bench"}, user)
                job_id = job.id
                started = time.perf_counter()
                db.session.commit()  # queued now
            peak, state = 0, "queued"
            while state in ("queued", "running"):
                for horse in _children(worker.pid):
                    peak = max(peak, _peak_kb(horse))
                time.sleep(0.05)
                with app.app_context():
                    state = db.session.get(Job, job_id).state
            times.append(time.perf_counter() - started)
            peaks.append(peak / 1024)
            print(f"run: {state} in {times[-1]:.1f} s, work horse peak {peaks[-1]:.0f} MB")
        median = statistics.median(times)
        print(
            f"notice batch of {args.points} sheets as a job: median {median:.1f} s, "
            f"work horse peak memory median {statistics.median(peaks):.0f} MB "
            f"(worker process itself {_peak_kb(worker.pid) / 1024:.0f} MB)"
        )
    finally:
        worker.terminate()
        worker.wait()


if __name__ == "__main__":
    main()
