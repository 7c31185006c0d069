"""A region's register for the region-scale bench and the crisis-surge load test: N generated
points (bench_readiness.generate) in a fresh database, an admin with an API token, and the
register under gunicorn.

Shared by bench/region_scale.py and bench/crisis_surge.py; not a benchmark of its own."""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench_readiness import generate  # the generator of issue 4's readiness bench
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from readiness import create_app
from readiness.criteria.services import record_readiness
from readiness.extensions import db
from readiness.timeutil import today_in_sweden

ROOT = Path(__file__).resolve().parent.parent
ADMIN_EMAIL = "admin@bench.example"
# The generated data's tables with an integer id the generator sets itself.
_ID_TABLES = ("municipality", "area", "point")


@dataclass(frozen=True)
class Register:
    url: str
    email: str
    password: str
    token: str


def fresh_database(url: str) -> None:
    """Drop and create the database of `url` (PostgreSQL) or delete the SQLite file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database).unlink(missing_ok=True)
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return
    name = parsed.database
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing to drop database {name!r}")
    engine = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def _flask(args: list[str], env: dict, stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def build_register(url: str, points: int) -> Register:
    """A fresh database with `points` generated points, today's readiness recorded (as the daily
    timer would have) and an admin with a password and an API token."""
    fresh_database(url)
    app = create_app({"SECRET_KEY": secrets.token_hex(8), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        generate(db.session, points, random.Random(2026))
        if db.engine.dialect.name == "postgresql":
            # The generator sets ids itself: move the sequences past them.
            for table in _ID_TABLES:
                db.session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        record_readiness(db.session, today_in_sweden(), {})
        db.session.commit()
        db.engine.dispose()
    env = app_env(url)
    password = secrets.token_urlsafe(12)
    _flask(["create-user", ADMIN_EMAIL, "--role", "admin", "--password-stdin"], env, password)
    token = _flask(["create-token", ADMIN_EMAIL], env).strip().splitlines()[-1]
    return Register(url, ADMIN_EMAIL, password, token)


def app_env(url: str, **extra: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_hex(16),
        "PUBLIC_BASE_URL": "http://127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped at start-up (exit {process.returncode})")
        try:
            urllib.request.urlopen(base + "/login", timeout=2)  # noqa: S310
            return
        except OSError as error:
            if getattr(error, "code", None):  # any HTTP answer means it is up
                return
            time.sleep(0.2)
    stop(process)
    raise SystemExit(f"{base} did not answer within {seconds:.0f} s")


def gunicorn(url: str, port: int, workers: int, app_dir: Path = ROOT, **env) -> subprocess.Popen:
    """The register under gunicorn (its gunicorn.conf.py) in its own process group."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
        + ["wsgi:app"],
        cwd=app_dir,
        env=app_env(url, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_until_up(f"http://127.0.0.1:{port}", process)
    return process


def stop(process: subprocess.Popen) -> None:
    """Stop a server started here, with everything in its process group (gunicorn's workers)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def machine() -> str:
    """The machine in one line, for the results."""
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    python = ".".join(map(str, sys.version_info[:3]))
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 2**20:.0f} GiB, Python {python}"
