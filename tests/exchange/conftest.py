"""Helpers for the import and export tests: files as a user's spreadsheet would make them,
and the rows of every table an import could write."""

from __future__ import annotations

import csv
import io

import openpyxl
from sqlalchemy import func, select

from readiness.auth.actors import SYSTEM
from readiness.extensions import db
from readiness.points.models import (
    Agreement,
    Area,
    Channel,
    Contact,
    Municipality,
    Point,
    PointChange,
    Power,
    PublicRevision,
)

# The Swedish headers of the template (as the edit form names the fields).
POINT_HEADERS = ["Kod", "Namn", "Typ", "Kommun", "Område", "Latitud", "Longitud"]
CONTACT_HEADERS = [
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
CHANNEL_HEADERS = ["Kod", "Punkt", "Kommun", "Typ", "Uppgift", "Senast testad"]
TABLES = (Point, Power, Agreement, Contact, Channel, PointChange, PublicRevision)


def row_counts(session) -> dict[str, int]:
    """How many rows each table an import writes holds (municipalities and areas too)."""
    session.expire_all()
    models = (*TABLES, Municipality, Area)
    return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in models}


def csv_file(rows: list[list], *, delimiter: str = ";", bom: bool = True, encoding="utf-8"):
    """A CSV file as Excel saves it: CRLF, the given delimiter, optionally a byte order mark."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    return text.encode(encoding)


def xlsx_file(sheets: dict[str, list[list]]) -> bytes:
    """A workbook typed by hand in Excel (openpyxl's normal mode, no styles)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run_import(session, name: str, data: bytes, actor=SYSTEM, *, dry_run: bool = False):
    """Import as the CLI does: commit when everything is valid (and no dry run)."""
    from readiness.exchange.importing import import_file

    result = import_file(session, name, data, actor)
    if result.ok and not dry_run:
        session.commit()
    else:
        session.rollback()
    return result


def wipe(session) -> None:
    """Empty every table (a new, empty register)."""
    session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        session.execute(table.delete())
    session.commit()
