"""An event's log for the after-action review: a CSV file that Excel opens as it is (UTF-8 with
a byte order mark, semicolons, the reader's language) and a PDF (WeasyPrint, like the notices).

Both read only, in the request's language and in Swedish time."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from flask import Response, render_template
from flask_babel import format_datetime, get_locale, gettext
from sqlalchemy.orm import Session

from readiness.crisis import services
from readiness.crisis.models import CrisisActivation, CrisisEvent, CrisisLogEntry
from readiness.crisis.web import people_in_words, reading_in_words
from readiness.i18n import display_actor, display_number
from readiness.labels import label
from readiness.points.models import Point
from readiness.timeutil import as_utc

# Excel reads a UTF-8 file as UTF-8 only with this mark first; a Swedish Excel splits on ";".
BOM = "\ufeff"
DELIMITER = ";"
# A cell starting with one of these is a formula to a spreadsheet: typed text must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILE_NAMES = {"sv": "krislogg-{id}.{ext}", "en": "crisis-log-{id}.{ext}"}


@dataclass(frozen=True)
class LogRow:
    """One line of the log: something that happened at a point, in words."""

    at: datetime
    point: str
    code: str
    kind: str
    text: str
    people: int | None
    litres: float | None
    percent: float | None
    refuelled: bool
    by: str


def _point_names(session: Session, event: CrisisEvent, items: list) -> dict[int, Point]:
    points = {p.id: p for p in services.event_points(session, event)}
    for point_id in {item.point_id for item in items} - set(points):
        points[point_id] = session.get(Point, point_id)  # logged without being activated: rare
    return points


def log_rows(session: Session, event: CrisisEvent) -> list[LogRow]:
    """Everything recorded in the event, in time order, in words."""
    items = services.event_log(session, event)
    points = _point_names(session, event, items)
    rows = []
    for item in items:
        point = points[item.point_id]
        people = litres = percent = None
        refuelled = False
        if isinstance(item, CrisisActivation):
            kind = gettext("Crisis state")
            state = label("crisis_state", item.state)
            text = f"{state}: {item.message}" if item.message else state
        elif isinstance(item, CrisisLogEntry):
            kind, text, people = gettext("Log entry"), item.text, item.people
        else:
            kind, text = gettext("Fuel"), reading_in_words(item)
            litres, percent, refuelled = item.litres, item.percent, item.refuelled
        rows.append(
            LogRow(
                as_utc(item.at),
                point.name,
                point.code,
                kind,
                text,
                people,
                litres,
                percent,
                refuelled,
                display_actor(item.user_email),
            )
        )
    return rows


def file_name(event: CrisisEvent, ext: str) -> str:
    names = FILE_NAMES.get(str(get_locale()), FILE_NAMES["sv"])
    return names.format(id=event.id, ext=ext)


def _text_cell(value: str) -> str:
    """Typed text as a text cell: "=SUMMA(…)" or "-3 grader" must not become a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def log_csv(rows: list[LogRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(
        [
            gettext("Time"),
            gettext("Point"),
            gettext("Code"),
            gettext("Type"),
            gettext("What happened"),
            gettext("People"),
            gettext("Fuel (litres)"),
            gettext("Fuel (percent of tank)"),
            gettext("Refuelled"),
            gettext("By"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                format_datetime(row.at, "yyyy-MM-dd HH:mm"),
                _text_cell(row.point),
                row.code,
                row.kind,
                _text_cell(row.text),
                "" if row.people is None else row.people,
                display_number(row.litres),
                display_number(row.percent),
                gettext("Yes") if row.refuelled else "",
                _text_cell(row.by),
            ]
        )
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_response(event: CrisisEvent, rows: list[LogRow]) -> Response:
    return Response(
        log_csv(rows),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{file_name(event, "csv")}"',
            "Cache-Control": "no-store",
        },
    )


def log_pdf(event: CrisisEvent, rows: list[LogRow], printed_at: datetime) -> bytes:
    """The log as an A4 PDF. Raises OSError or ImportError when WeasyPrint or its system
    libraries are missing (the view says what to install)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_template(
        "pdf/crisis_log.html",
        event=event,
        rows=rows,
        printed_at=printed_at,
        people_in_words=people_in_words,
        lang=str(get_locale()),
    )
    # The log has no images to fetch: no protocol is allowed, so rendering never goes out.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
