"""Points out to spreadsheets, in the layout the import reads, and the blank templates.

The .xlsx has the sheets of points, contacts and channels, and a sheet explaining each column;
a CSV file holds one of the three (UTF-8 with a byte order mark and ";", as a Swedish Excel
opens it). Typed text never becomes a formula (OWASP "CSV injection"): in .xlsx it is a text
cell, in CSV text starting with = + - @ gets a leading apostrophe, which the import drops."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from flask_babel import gettext
from marshmallow import fields, validate
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import Session

from readiness.criteria.list_args import MAX_TEXT, AreaArgsSchema
from readiness.criteria.services import LEVELS, assess
from readiness.exchange.columns import (
    CHANNELS,
    CHOICE,
    CONTACTS,
    DATE,
    FORMULA_STARTS,
    HELP_SHEET_TITLE,
    MULTILINE,
    POINTS,
    SHEET_TITLES,
    SHEETS,
    Column,
    allowed_text,
    columns_of,
    input_columns,
    to_cell,
)
from readiness.exchange.reading import row_limit
from readiness.labels import LABELS, label
from readiness.points.enums import KINDS
from readiness.points.models import Point
from readiness.points.queries import PointFilters, list_points, point_document

BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only with this mark first
DELIMITER = ";"  # what a Swedish Excel splits on
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DATE_FORMAT = "yyyy-mm-dd"
_TEXT_FORMAT = "@"
_WIDE = {MULTILINE: 50}
_DROPDOWN_MAX = 255  # Excel's limit on a list validation written inline


@dataclass(frozen=True)
class Readiness:
    """What the export says about a point's readiness (criteria/services.py computes it)."""

    level: str
    score: int
    gaps: list[str]  # criterion ids


class ExportArgsSchema(AreaArgsSchema):
    """The export's arguments: the point list's filters, without paging (for the OpenAPI
    document; parse_list_args is the check)."""

    kind = fields.String(validate=validate.OneOf(KINDS))
    q = fields.String(validate=validate.Length(max=MAX_TEXT))
    level = fields.String(validate=validate.OneOf(LEVELS))


class CsvExportArgsSchema(ExportArgsSchema):
    """… and which sheet a CSV file holds (one per file)."""

    sheet = fields.String(validate=validate.OneOf(SHEETS), load_default=POINTS)


# Every matching point is exported, not a page of them; this only bounds the query.
MAX_EXPORT_POINTS = 1_000_000


def export_selection(
    session: Session, filters: PointFilters, as_of: date, overrides: dict
) -> tuple[list[Point], dict[int, Readiness]]:
    """Every point the list filters select (in the list's order) and its readiness."""
    points, _total = list_points(session, replace(filters, page=1, per_page=MAX_EXPORT_POINTS))
    assessed = assess(session, as_of, overrides, point_ids=[p.id for p in points]) if points else []
    readiness = {
        item.facts.id: Readiness(
            item.evaluation.level, item.evaluation.score, item.evaluation.failed
        )
        for item in assessed
    }
    return points, readiness


def _value(document: dict, key: str):
    head, _sep, sub = key.partition(".")
    if not sub:
        return document.get(head)
    nested = document.get(head) or {}
    return nested.get(sub)


def _point_row(point: Point, document: dict, readiness: Readiness | None) -> list:
    document["readiness"] = (
        {
            "level": label("level", readiness.level),
            "score": readiness.score,
            "gaps": ", ".join(readiness.gaps),
        }
        if readiness
        else {}
    )
    return [to_cell(c, _value(document, c.key)) for c in columns_of(POINTS)]


def _list_rows(point: Point, document: dict, kind: str) -> list[list]:
    owner = {
        "point.code": point.code,
        "point.name": point.name,
        "point.municipality": point.municipality.name,
    }
    rows = []
    for item in document[kind]:
        values = {**owner, **item}
        rows.append([to_cell(c, values.get(c.key)) for c in columns_of(kind)])
    return rows


def sheet_rows(points: list[Point], readiness: dict[int, Readiness]) -> dict[str, list[list]]:
    """The cells of each sheet (without headers), points in the order given."""
    rows: dict[str, list[list]] = {kind: [] for kind in SHEETS}
    for point in points:
        document = point_document(point)
        rows[POINTS].append(_point_row(point, document, readiness.get(point.id)))
        rows[CONTACTS] += _list_rows(point, document, CONTACTS)
        rows[CHANNELS] += _list_rows(point, document, CHANNELS)
    return rows


# ----- xlsx ---------------------------------------------------------------------------------


def _cell(sheet, column: Column, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if column.kind == DATE:
        cell.number_format = _DATE_FORMAT
    elif column.is_text_cell:
        cell.number_format = _TEXT_FORMAT
    if isinstance(value, str):
        # openpyxl stores text starting with "=" as a formula: keep it text, and marked so
        # that Excel keeps it text when the cell is edited (its quote prefix).
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        if column.kind == MULTILINE:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _dropdown(column: Column) -> DataValidation | None:
    """A list to choose from for a one-value column, when Excel can hold it inline."""
    if column.kind != CHOICE:
        return None
    words = ",".join(str(text) for text in LABELS[column.group].values())
    if len(words) + 2 > _DROPDOWN_MAX:
        return None
    return DataValidation(
        type="list",
        formula1=f'"{words}"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        error=gettext("Choose one of the values in the list."),
    )


def _write_sheet(book: Workbook, kind: str, rows: list[list], columns: tuple[Column, ...]) -> None:
    sheet = book.create_sheet(str(SHEET_TITLES[kind]))
    sheet.freeze_panes = "A2"
    last_row = max(len(rows) + 1, row_limit(kind) + 1)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = _WIDE.get(column.kind, max(12, min(40, len(column.header) + 4)))
        if column.is_text_cell:
            dimension.number_format = _TEXT_FORMAT  # what is typed later stays text too
        dropdown = _dropdown(column)
        if dropdown is not None:
            dropdown.add(f"{letter}2:{letter}{last_row}")
            sheet.data_validations.append(dropdown)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        explanation = " ".join(t for t in (column.help, allowed_text(column)) if t)
        if explanation:
            cell.comment = Comment(explanation, gettext("Safety point register"))
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, c, v) for c, v in zip(columns, row, strict=False)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _write_help(book: Workbook) -> None:
    sheet = book.create_sheet(str(HELP_SHEET_TITLE))
    for letter, width in zip("ABCDE", (18, 34, 60, 60, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)

    def line(*values, font=None):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if font:
                cell.font = font
            cells.append(cell)
        sheet.append(cells)

    line(gettext("How to fill in this workbook"), font=bold)
    for text in _instructions():
        line(text)
    line()
    line(
        gettext("Sheet"),
        gettext("Column"),
        gettext("What it is"),
        gettext("What it takes"),
        gettext("Required"),
        font=bold,
    )
    for kind in SHEETS:
        for column in columns_of(kind):
            required = gettext("Yes") if column.required else ""
            line(
                str(SHEET_TITLES[kind]),
                column.header,
                column.help,
                allowed_text(column),
                required,
            )


def _instructions() -> list[str]:
    titles = {kind: str(SHEET_TITLES[kind]) for kind in SHEETS}
    return [
        gettext(
            "One row per point on the sheet %(points)s. A row with a code updates that point; "
            "a row without a code updates the point with the same municipality and name, or "
            "adds a new point.",
            points=titles[POINTS],
        ),
        gettext(
            "On %(contacts)s and %(channels)s one row per contact person or channel, with the "
            "point's code (or name and municipality). The rows replace the point's contacts "
            "or channels, in the order given; a point without rows then has none. An empty "
            "sheet leaves every point's contacts or channels as they are.",
            contacts=titles[CONTACTS],
            channels=titles[CHANNELS],
        ),
        gettext(
            "Keep the first row of each sheet as it is. A column you leave out of the sheet "
            "of points leaves that field as it is; an empty cell clears it."
        ),
        gettext(
            "Several values in one cell are separated by commas. Numbers take a decimal "
            "comma or point; dates are written YYYY-MM-DD."
        ),
        gettext(
            "Import under Points → Import points, or with flask --app wsgi import-points FILE. "
            "Nothing is saved when a cell is wrong: the report names the sheet, row and column."
        ),
    ]


def _workbook(rows: dict[str, list[list]], *, with_output: bool) -> bytes:
    book = Workbook(write_only=True)
    for kind in SHEETS:
        columns = columns_of(kind) if with_output else input_columns(kind)
        _write_sheet(book, kind, rows[kind], columns)
    _write_help(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def points_xlsx(points: list[Point], readiness: dict[int, Readiness]) -> bytes:
    """The points as a workbook: points (with readiness), contacts, channels, explanations."""
    return _workbook(sheet_rows(points, readiness), with_output=True)


def template_xlsx() -> bytes:
    """The blank workbook to fill in: the headers, drop-down lists and explanations (the
    export's layout without its readiness columns, which the import ignores)."""
    return _workbook({kind: [] for kind in SHEETS}, with_output=False)


# ----- CSV ----------------------------------------------------------------------------------


def _csv_text(column: Column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        # The shortest text that reads back as the same number, with a Swedish decimal comma.
        text = format(Decimal(repr(value)), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(kind: str, rows: list[list], *, with_output: bool = True) -> bytes:
    columns = columns_of(kind) if with_output else input_columns(kind)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_csv_text(c, v) for c, v in zip(columns, row, strict=False)])
    return (BOM + buffer.getvalue()).encode("utf-8")


def points_csv(points: list[Point], readiness: dict[int, Readiness], kind: str = POINTS) -> bytes:
    """One sheet of the export as CSV: the points (default), their contacts or channels."""
    return _csv(kind, sheet_rows(points, readiness)[kind])


def template_csv(kind: str = POINTS) -> bytes:
    """The header row of one sheet, to fill in (the explanations are on the import page)."""
    return _csv(kind, [], with_output=False)
