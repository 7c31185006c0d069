"""Benchmark: `backup` and `restore` of a register of N points with history (default 5,000).

Run on demand: `.venv/bin/python bench/bench_backup.py [--points 5000] [--source URL]
[--target URL]` (URLs of EMPTY databases; default temporary SQLite files). Fills the source
through the register's own writes (each point created, then edited twice: three history entries,
public revisions, a readiness record), then runs the real CLI commands as child processes and
prints wall time, peak memory (max RSS of the child; an idle `count-points` for comparison) and
the file's size, compressed and not.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from readiness import create_app
from readiness.auth.actors import SYSTEM
from readiness.criteria.services import record_readiness
from readiness.demo import demo_points
from readiness.extensions import db
from readiness.points.writes import create_point, update_point
from readiness.timeutil import today_in_sweden

ROOT = Path(__file__).resolve().parent.parent


def fill(url: str, count: int) -> None:
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        templates = demo_points()
        for n in range(count):
            data = copy.deepcopy(templates[n % len(templates)])
            data.pop("entered", None)
            data["name"] = f"{data['name']} {n}"
            point = create_point(db.session, data, SYSTEM)
            for edit in range(2):
                patch = {"version": point.version, "capacity": 20 + n % 50 + edit}
                patch["public_info"] = f"Uppdaterad {edit}: värme, vatten och laddning för {n}."
                update_point(db.session, point, patch, SYSTEM)
            if n % 500 == 499:
                db.session.commit()
                print(f"  {n + 1} points", flush=True)
        record_readiness(db.session, today_in_sweden(), {})
        db.session.commit()
        db.engine.dispose()


def run(url: str, *args: str) -> tuple[float, int, str]:
    """Run `flask --app wsgi ARGS` on `url`: (seconds, max RSS in KiB, output)."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(8)}
    command = [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", *args]
    started = time.perf_counter()
    # A fresh child each time: RUSAGE_CHILDREN's max RSS is the largest child's so far.
    probe = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "print('RSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(r.returncode)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    rss = int(done.stderr.rsplit("RSS ", 1)[1].split()[0])
    return seconds, rss, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=5000)
    parser.add_argument("--source", help="URL of an EMPTY database (default: temp SQLite)")
    parser.add_argument("--target", help="URL of an EMPTY database (default: temp SQLite)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    source = args.source or f"sqlite:///{folder / 'source.sqlite3'}"
    target = args.target or f"sqlite:///{folder / 'target.sqlite3'}"
    file = folder / "register.json.gz"

    started = time.perf_counter()
    fill(source, args.points)
    print(f"filled {args.points} points in {time.perf_counter() - started:.1f} s")
    _, idle, _ = run(source, "count-points")
    seconds, rss, output = run(source, "backup", str(file))
    print(output)
    raw = len(gzip.decompress(file.read_bytes()))
    print(
        f"backup:  {seconds:.2f} s, max RSS {rss / 1024:.0f} MiB (idle command: "
        f"{idle / 1024:.0f} MiB), file {file.stat().st_size / 1e6:.2f} MB ({raw / 1e6:.1f} MB "
        "uncompressed)"
    )
    run(target, "init-db")
    seconds, rss, output = run(target, "restore", str(file))
    print(output)
    print(f"restore: {seconds:.2f} s, max RSS {rss / 1024:.0f} MiB")
    print(f"files in {folder}")


if __name__ == "__main__":
    main()
