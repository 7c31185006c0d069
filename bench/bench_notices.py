"""Benchmark: a batch of 100 notice sheets against WeasyPrint's floor (issue: target <= 1.5x).

Run on demand: `.venv/bin/python bench/bench_notices.py [--points 100] [--runs 3]`.
In the same run it renders (a) our batch — one HTML document, one page per point, QR codes as
inline SVG — and (b) a minimal 100-page document with one line of text per page, and prints
the medians and their ratio.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from readiness import create_app
from readiness.demo import demo_points
from readiness.extensions import db
from readiness.notices.pdf import render_notices
from readiness.points.services import SYSTEM, create_point
from readiness.public.data import public_points
from readiness.timeutil import today_in_sweden


def minimal_document(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">Sida {n}</p>' for n in range(pages))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'notices.sqlite3'}"
    app = create_app(
        {"TESTING": True, "SECRET_KEY": secrets.token_hex(8), "SQLALCHEMY_DATABASE_URI": url}
    )
    with app.app_context(), app.test_request_context():
        upgrade()
        templates = demo_points()
        for n in range(args.points):
            data = dict(templates[n % len(templates)])
            data["name"] = f"{data['name']} {n:03d}"
            create_point(db.session, data, SYSTEM)
        db.session.commit()
        points = public_points(db.session)
        minimal_document(1)  # warm up fonts and caches for both
        render_notices(points[:1], "sv", "https://tp.example.se", today_in_sweden())
        ours, floor = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            render_notices(points, "sv", "https://tp.example.se", today_in_sweden())
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            minimal_document(len(points))
            floor.append(time.perf_counter() - started)
        ratio = statistics.median(ours) / statistics.median(floor)
        print(f"notice batch, {len(points)} pages:  median {statistics.median(ours):.2f} s")
        print(f"minimal document, {len(points)} pages: median {statistics.median(floor):.2f} s")
        print(f"ratio: {ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
