"""`make serve` and a bare `gunicorn wsgi:app` (systemd) run two workers per core and one more,
unless told otherwise, and tell the app how many (its login throttle warns about counting apart)."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORES = len(os.sched_getaffinity(0))


def gunicorn_workers(monkeypatch, given: str) -> tuple[int, str]:
    monkeypatch.setenv("WEB_CONCURRENCY", given)  # restored after the test, whatever the conf sets
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return settings["workers"], os.environ["WEB_CONCURRENCY"]


def test_gunicorn_conf_runs_two_workers_per_core_and_one_more(monkeypatch):
    assert gunicorn_workers(monkeypatch, "") == (2 * CORES + 1, str(2 * CORES + 1))


def test_gunicorn_conf_takes_web_concurrency_when_set(monkeypatch):
    assert gunicorn_workers(monkeypatch, "3") == (3, "3")
    assert gunicorn_workers(monkeypatch, "zero") == (2 * CORES + 1, str(2 * CORES + 1))


def serve_command(*args: str) -> str:
    """The gunicorn line `make serve` would run (make -n prints without running anything)."""
    env = {k: v for k, v in os.environ.items() if k not in ("WORKERS", "MAKEFLAGS")}
    printed = subprocess.run(
        ["make", "-n", "serve", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(line for line in printed.splitlines() if "/gunicorn " in line)


def test_make_serve_runs_gunicorn_with_the_same_worker_count():
    line = serve_command()
    assert re.search(rf"--workers {2 * CORES + 1} ", line)
    assert re.search(r"--workers 3 ", serve_command("WORKERS=3"))
