"""In production the re-render after a commit runs on Redis, in the job worker: a real
`flask --app wsgi worker --burst` process renders the files the web app's commit asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from readiness.extensions import db
from tests.factories import make_point
from tests.public.crisis_steps import MESSAGE, activate
from tests.readback import html_text

ROOT = Path(__file__).resolve().parents[2]


def test_the_job_worker_renders_what_a_commit_changed(site, redis_url, tmp_path):
    point = make_point(site.session)
    site.settle()
    site.app.config["REDIS_URL"] = redis_url  # the web app's commits go to the RQ queue
    site.app.extensions.pop("readiness.jobs", None)
    before = site.read(f"p/{point.code}/index.html")

    activate(site.api(), codes=[point.code], message=MESSAGE)

    assert site.read(f"p/{point.code}/index.html") == before  # queued, not rendered here
    worker = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "worker", "--burst"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": db.engine.url.render_as_string(hide_password=False),
            "SECRET_KEY": "worker-test-secret",
            "PUBLIC_BASE_URL": "https://tp.example.se",
            "PUBLIC_STATIC_DIR": str(site.root),
            "REDIS_URL": redis_url,
            "CACHE_TYPE": "SimpleCache",
            "RATELIMIT_STORAGE_URI": "memory://",
            "JOB_RESULTS_DIR": str(tmp_path / "job-results"),
        },
        capture_output=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr.decode()[-3000:]
    assert MESSAGE in html_text(site.read(f"p/{point.code}/index.html").decode())
    site.assert_files_equal_the_app()
