"""Benchmark: import N points from a workbook (default 500), then the same file again.

Run on demand: `.venv/bin/python bench/bench_import.py [--points N] [--database URL]`.
Builds an export-layout .xlsx of N points (two contacts and two channels each), then times on a
fresh database 1. the dry run, 2. the import (all new), 3. the same file again (all unchanged),
and 4. the export of the imported points; prints rows per second for each.
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from readiness import create_app
from readiness.auth.actors import SYSTEM
from readiness.criteria.services import record_readiness
from readiness.exchange.exporting import export_selection, points_xlsx
from readiness.exchange.importing import import_file
from readiness.extensions import db
from readiness.points.queries import PointFilters
from readiness.timeutil import today_in_sweden


def workbook(count: int) -> bytes:
    """N points in the template's layout, as a coordinator's spreadsheet would hold them."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    points = book.active
    points.title = "Trygghetspunkter"
    points.append(
        [
            "Namn",
            "Typ",
            "Kommun",
            "Område",
            "Latitud",
            "Longitud",
            "Tjänster",
            "Reservkraft › Kraftkälla",
            "Reservkraft › Tank (liter)",
            "Reservkraft › Förbrukning (liter per timme)",
            "Reservkraft › Senaste provkörning",
        ]
    )
    contacts = book.create_sheet("Kontakter")
    contacts.append(
        [
            "Kod",
            "Punkt",
            "Kommun",
            "Namn",
            "Organisation",
            "Telefon",
            "Annat telefonnummer",
            "E-post",
            "Visa namn och telefonnummer för invånare",
            "Roller",
        ]
    )
    channels = book.create_sheet("Kanaler")
    channels.append(["Kod", "Punkt", "Kommun", "Typ", "Uppgift", "Senast testad"])
    for n in range(count):
        name, municipality = f"Punkt {n}", f"Kommun {n % 10}"
        points.append(
            [
                name,
                "Butik",
                municipality,
                f"Område {n % 40}",
                62 + (n % 100) / 100,
                15.5,
                "Värme, Vatten, Laddning",
                "Fast reservelverk",
                400,
                5,
                "2026-01-10",
            ]
        )
        for k in range(2):
            contacts.append(
                [
                    "",
                    name,
                    municipality,
                    f"Person {n}-{k}",
                    "Byn",
                    f"070-174 06 {k:02d}",
                    None,
                    None,
                    "Ja" if k == 0 else "Nej",
                    "Ansvarig för trygghetspunkten, Reservkraft",
                ]
            )
        channels.append(["", name, municipality, "RAKEL", "Talgrupp", None])
        channels.append(["", name, municipality, "Anslagstavla", "Entrén", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(label: str, count: int, work):
    """Wall-clock and CPU time: on a shared machine the CPU time is the steadier figure."""
    started, cpu = time.perf_counter(), time.process_time()
    value = work()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{label:<28} {seconds:6.2f} s ({count / seconds:5.0f} points/s), "
        f"CPU {cpu_seconds:6.2f} s ({count / cpu_seconds:5.0f} points/s)"
    )
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=500)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    app = create_app(
        {"TESTING": True, "SECRET_KEY": secrets.token_hex(16), "SQLALCHEMY_DATABASE_URI": url}
    )
    data = workbook(args.points)
    print(f"{args.points} points, {len(data) / 1024:.0f} KB workbook, {url.split(':')[0]}")
    with app.app_context():
        upgrade()
        session = db.session
        overrides = app.config["CRITERIA_OVERRIDES"]

        def run(commit: bool):
            result = import_file(session, "bench.xlsx", data, SYSTEM)
            assert result.ok, [p.as_line() for p in result.problems[:5]]
            if commit:
                record_readiness(session, today_in_sweden(), overrides, result.changed_ids)
                session.commit()
            else:
                session.rollback()
            return result

        timed("dry run (all new)", args.points, lambda: run(False))
        first = timed("import (all new)", args.points, lambda: run(True))
        again = timed("same file again (unchanged)", args.points, lambda: run(True))
        assert first.count("create") == args.points and again.count("unchanged") == args.points

        def export():
            points, readiness = export_selection(
                session, PointFilters(), today_in_sweden(), overrides
            )
            return points_xlsx(points, readiness)

        timed("export .xlsx", args.points, export)


if __name__ == "__main__":
    main()
