"""Benchmark: a batch of notice sheets against the same words set as plain paragraphs.

Goal (issue 8): the batch takes at most 1.5x what WeasyPrint needs to lay out the sheets'
words alone. Run on demand: `.venv/bin/python bench/bench_notices.py [--points 100] [--runs 3]`.

In the same run it renders (a) our batch: one HTML document, one page per point, exactly as
the register prints it (QR code and icons as images), and (b) the floor: for every sheet, the
text of that sheet's HTML as plain paragraphs in the default style, one page per sheet, no
QR code, no icons. It prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import gc
import html
import re
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from readiness import create_app
from readiness.auth.actors import SYSTEM
from readiness.demo import demo_points
from readiness.extensions import db
from readiness.notices.pdf import notices_html, render_notices
from readiness.points.writes import create_point
from readiness.public.data import public_points
from readiness.timeutil import today_in_sweden

BASE_URL = "https://tp.example.se"
_BLOCK = re.compile(r"</?(?:p|h1|h2|div|section|li)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def words_per_sheet(document: str) -> list[list[str]]:
    """Each sheet's text, as the paragraphs its block elements make."""
    body = document.split("<body>", 1)[1]
    sheets = body.split('<section class="sheet')[1:]
    result = []
    for sheet in sheets:
        sheet = sheet.split(">", 1)[1]
        paragraphs = [html.unescape(_TAG.sub("", block)).split() for block in _BLOCK.split(sheet)]
        result.append([" ".join(words) for words in paragraphs if words])
    return result


def words_document(sheets: list[list[str]]) -> bytes:
    from weasyprint import HTML

    pages = "".join(
        '<div style="page-break-after: always">'
        + "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
        + "</div>"
        for paragraphs in sheets
    )
    return HTML(string=f"<html><body>{pages}</body></html>").write_pdf()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
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
        today = today_in_sweden()
        sheets = words_per_sheet(notices_html(points, "sv", BASE_URL, today))
        assert len(sheets) == len(points)
        words_document(sheets[:1])  # warm up fonts and caches for both
        render_notices(points[:1], "sv", BASE_URL, today)
        ours, floor = [], []
        for _ in range(args.runs):
            gc.collect()  # each run starts from the same heap, whatever the other left
            started = time.perf_counter()
            render_notices(points, "sv", BASE_URL, today)
            ours.append(time.perf_counter() - started)
            gc.collect()
            started = time.perf_counter()
            words_document(sheets)
            floor.append(time.perf_counter() - started)
        ratio = statistics.median(ours) / statistics.median(floor)
        words = sum(len(" ".join(p).split()) for p in sheets) / len(sheets)
        print(f"notice batch, {len(points)} pages: median {statistics.median(ours):.2f} s")
        print(
            f"same words as plain paragraphs ({words:.0f} words a page): "
            f"median {statistics.median(floor):.2f} s"
        )
        print(f"ratio: {ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
