"""Benchmark: the public pages kept in PUBLIC_STATIC_DIR (readiness/public/static.py).

Run on demand: `.venv/bin/python bench/bench_static.py [--points 1000 5000] [--runs 3]
[--database URL]`. For each size it generates the points in a fresh database (bench_readiness's
generator: 10 municipalities, 100 areas; a temporary SQLite file, or the EMPTY database of
--database), then times (medians of --runs):

- a full render (`render-public`) into an empty folder, and again over it (nothing changed);
- one point's change: its crisis state committed, until the re-render the commit queued is done
  (the point's two pages, its municipality's and areas' lists, feeds and GeoJSON, the region's);
  and the same re-render again, with nothing to change.
"""

from __future__ import annotations

import argparse
import random
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench_readiness import generate
from flask_migrate import upgrade
from sqlalchemy import text

from readiness import create_app
from readiness.extensions import db
from readiness.jobs.queue import backend_of
from readiness.points.models import Point
from readiness.public.static import render_all, render_changes
from readiness.timeutil import utcnow


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def bench(url: str, points: int, runs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="static-bench-"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": secrets.token_hex(8),
            "SQLALCHEMY_DATABASE_URI": url,
            "PUBLIC_STATIC_DIR": str(folder),
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        generate(db.session, points, random.Random(2026))
        cold, warm, change = [], [], []
        for _ in range(runs):
            shutil.rmtree(folder, ignore_errors=True)
            seconds, files = timed(render_all)
            cold.append(seconds)
            warm.append(timed(render_all)[0])
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        point = db.session.get(Point, points // 2)
        tasks = backend_of(app).tasks  # no REDIS_URL: the re-render runs in this thread pool

        def commit_and_render() -> None:
            db.session.commit()
            tasks.submit(lambda: None).result()  # queued after the re-render: it is done

        for run in range(runs):
            point.crisis_state = "open" if run % 2 == 0 else "normal"
            point.crisis_since = utcnow()
            change.append(timed(commit_and_render)[0])
        again = statistics.median(
            timed(lambda: render_changes(point_ids=[point.id]))[0] for _ in range(runs)
        )
        db.engine.dispose()
    print(
        f"| {points:,} points | {statistics.median(cold):.1f} s | {statistics.median(warm):.1f} s"
        f" | {len(files.written):,} files, {size / 1e6:.1f} MB"
        f" | {statistics.median(change) * 1000:,.0f} ms | {again * 1000:,.0f} ms |"
    )
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", help="SQLAlchemy URL of an EMPTY database to fill")
    args = parser.parse_args()
    print(
        "| points | full render, empty folder | full render, unchanged | written "
        "| one point's change: commit + re-render | the same re-render, nothing changed |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for count in args.points:
        url = args.database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
        bench(url, count, args.runs)


if __name__ == "__main__":
    main()
