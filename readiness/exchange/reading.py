"""Reading an uploaded spreadsheet: an .xlsx workbook or a .csv file -> sheets of rows.

Only the notation is read here (which sheet, which column, which row); what a value means is
for columns.py and the schema. Every limit is checked before the work it guards: the file's
size, an .xlsx's unpacked size (a small zip can hold gigabytes), the number of rows."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from flask_babel import format_decimal, gettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from readiness.exchange.columns import (
    OUTPUT,
    POINTS,
    SHEET_TITLES,
    SHEETS,
    Column,
    Formula,
    cell_text,
    header_names,
    input_columns,
    is_help_title,
    match_header,
    sheet_for_title,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_POINTS = 5_000
# Through the web page: an import runs in the request, which must end well within a worker's
# timeout (gunicorn's 30 s; 1,000 new points took 15 s on the loaded 2-core test machine);
# larger files go through the CLI, or in parts.
WEB_MAX_POINTS = 500
# Contacts and channels: a point has at most 20 of each; four on average is a full register.
LIST_ROWS_PER_POINT = 4
# What an .xlsx may unpack to (its XML): far above any real register, far below a zip bomb.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COLUMNS = 100  # columns read per row; a sheet of points has about 40
MAX_SHEETS = 20
_SPARE_EMPTY_ROWS = 10_000  # empty rows (e.g. only formatted) read beyond the row limit
_VALUE_SHOWN = 200  # characters of a bad value repeated in the report
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format
CSV_DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, where a spreadsheet user finds it."""

    sheet: str  # the sheet's name in the file ("" for the file as a whole)
    row: int | None  # as the spreadsheet numbers it (headers are row 1)
    column: str  # the column's header ("" for a whole row or the file)
    letter: str  # the column's letter (A, B, …), "" when none
    value: str
    message: str

    def as_line(self) -> str:
        """One line of the report, for the CLI."""
        where = []
        if self.sheet:
            where.append(gettext("sheet %(name)s", name=self.sheet))
        if self.row is not None:
            where.append(gettext("row %(row)s", row=self.row))
        if self.column:
            column = f"{self.column} ({self.letter})" if self.letter else self.column
            where.append(gettext("column %(name)s", name=column))
        place = ", ".join(where)
        value = f' "{self.value}"' if self.value else ""
        return f"{place}:{value} {self.message}" if place else f"{value} {self.message}".strip()


class FileRefused(Exception):
    """The file cannot be read at all (size, format, too many rows); nothing was looked at."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Row:
    number: int  # as the spreadsheet numbers it
    values: dict[str, object]  # column key -> the cell's value (text, number, date, …)


@dataclass
class Sheet:
    kind: str  # POINTS, CONTACTS or CHANNELS
    title: str  # as named in the file (a CSV file: the kind's name)
    headers: dict[str, tuple[str, str]]  # column key -> (header as written, letter)
    rows: list[Row] = field(default_factory=list)
    limit: int = 0  # rows it may hold
    usable: bool = True  # False when a column the sheet needs is missing
    scanned: int = 0  # rows read, empty ones included

    def header(self, key: str) -> tuple[str, str]:
        return self.headers.get(key, ("", ""))


@dataclass
class Workbook:
    sheets: dict[str, Sheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # sheets that were not read


def _file_problem(message: str) -> FileRefused:
    return FileRefused(Problem("", None, "", "", "", message))


def _size(number: int) -> str:
    return format_decimal(number, format="#,##0")


def row_limit(kind: str, max_points: int = MAX_POINTS) -> int:
    """How many rows a sheet of this kind may hold."""
    return max_points if kind == POINTS else LIST_ROWS_PER_POINT * max_points


def read_file(filename: str, data: bytes, *, max_points: int = MAX_POINTS) -> Workbook:
    """The sheets of an .xlsx or .csv file; FileRefused when the file cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise _file_problem(
            gettext(
                "The file is larger than %(max)s MB. Split it into several files.",
                max=MAX_FILE_BYTES // (1024 * 1024),
            )
        )
    if not data.strip():
        raise _file_problem(gettext("The file is empty."))
    if data.startswith(_OLE_MAGIC):
        raise _file_problem(
            gettext("This is the old Excel format (.xls). Save the file as .xlsx or .csv.")
        )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, max_points)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise _file_problem(gettext("The file is not a valid Excel file (.xlsx)."))
    return _read_csv(data, max_points)


# ----- headers ------------------------------------------------------------------------------


def _guess_kind(headers: list[str]) -> str | None:
    """Which sheet a table of these headers is: the one that knows most of them (and has the
    columns it needs); None when no header is known."""
    best, best_score = None, (False, 0)
    for kind in SHEETS:
        names = header_names(kind)
        keys = {c.key for h in headers if (c := match_header(names, h)) is not None}
        score = (not _missing(kind, keys), len(keys))
        if score > best_score:
            best, best_score = kind, score
    return best if best_score[1] > 0 else None


def _missing(kind: str, keys: set[str]) -> list[Column]:
    """The columns a sheet cannot do without that `keys` lacks. Contacts and channels replace
    a point's list whole, so their sheets need every column (one left out would empty that
    field of every contact); the point they belong to is named by code or by name."""
    columns = {c.key: c for c in input_columns(kind)}
    if kind == POINTS:
        return [c for c in columns.values() if c.required and c.key not in keys]
    missing = [c for key, c in columns.items() if key not in keys and not key.startswith("point.")]
    if not keys & {"point.code", "point.name"}:
        missing.insert(0, columns["point.code"])
    return missing


def _read_headers(
    kind: str, title: str, cells: list, max_points: int
) -> tuple[Sheet, dict[int, str], list]:
    """The sheet's columns from its first row: position -> column key, and the problems."""
    names = header_names(kind)
    sheet = Sheet(kind, title, {}, limit=row_limit(kind, max_points))
    positions: dict[int, str] = {}
    problems = []
    for index, raw in enumerate(cells[:MAX_COLUMNS]):
        header = cell_text(raw).strip()
        letter = get_column_letter(index + 1)
        if not header:
            continue
        column = match_header(names, header)
        if column is None:
            message = gettext("Unknown column. The template lists the columns this sheet takes.")
            problems.append(Problem(title, 1, header, letter, header, message))
        elif column.key in sheet.headers:
            first = sheet.headers[column.key][1]
            message = gettext("The column appears twice (also column %(letter)s).", letter=first)
            problems.append(Problem(title, 1, header, letter, header, message))
        else:
            sheet.headers[column.key] = (header, letter)
            if column.kind != OUTPUT:
                positions[index] = column.key
    for column in _missing(kind, set(sheet.headers)):
        message = gettext("The sheet needs this column.")
        problems.append(Problem(title, 1, column.header, "", "", message))
        sheet.usable = False
    return sheet, positions, problems


def _too_many_rows(sheet: Sheet, number: int) -> FileRefused:
    message = gettext(
        "Too many rows: a file holds at most %(max)s rows of %(sheet)s. "
        "Split it into several files.",
        max=_size(sheet.limit),
        sheet=str(SHEET_TITLES[sheet.kind]).lower(),
    )
    return FileRefused(Problem(sheet.title, number, "", "", "", message))


def _add_row(sheet: Sheet, number: int, cells: list, positions: dict[int, str]) -> None:
    # Empty rows count too (up to a margin): a small file can hold millions of them.
    sheet.scanned += 1
    if sheet.scanned > sheet.limit + _SPARE_EMPTY_ROWS:
        raise _too_many_rows(sheet, number)
    values = {key: cells[i] if i < len(cells) else None for i, key in positions.items()}
    if any(cell_text(v).strip() for v in values.values()):
        if len(sheet.rows) >= sheet.limit:
            raise _too_many_rows(sheet, number)
        sheet.rows.append(Row(number, values))


def _shown(value) -> str:
    text = cell_text(value)
    return text if len(text) <= _VALUE_SHOWN else text[: _VALUE_SHOWN - 1] + "…"


# ----- CSV ----------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (with or without the byte order mark Excel writes); else Windows-1252, which a
    Swedish Excel's plain "CSV (semikolonavgränsad)" is saved in."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise _file_problem(
            gettext('The file is not text in UTF-8. Save it as "CSV UTF-8".')
        ) from None


def _delimiter(first_line: str) -> str:
    """The delimiter that makes the most known headers of the first line (Swedish Excel
    writes ";", others ","); ";" when none does better."""
    best, best_count = CSV_DELIMITERS[0], -1
    for delimiter in CSV_DELIMITERS:
        headers = next(csv.reader([first_line], delimiter=delimiter), [])
        kind = _guess_kind(headers)
        count = 0
        if kind is not None:
            names = header_names(kind)
            count = sum(1 for h in headers if match_header(names, h) is not None)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _read_csv(data: bytes, max_points: int) -> Workbook:
    text = _decode(data)
    first_line = text.partition("\n")[0].rstrip("\r")
    delimiter = _delimiter(first_line)
    workbook = Workbook()
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        headers = next(records, [])
        kind = _guess_kind(headers)
        if kind is None:
            raise _file_problem(
                gettext(
                    "No known column headers in the first row. Start from the template: its "
                    "first row names the columns."
                )
            )
        title = str(SHEET_TITLES[kind])
        sheet, positions, problems = _read_headers(kind, title, headers, max_points)
        workbook.problems += problems
        # Each record is one spreadsheet row, even when a quoted cell holds line breaks.
        for number, cells in enumerate(records, start=2):
            _add_row(sheet, number, cells, positions)
    except csv.Error as error:
        raise _file_problem(
            gettext("The file cannot be read as CSV: %(error)s", error=str(error))
        ) from None
    workbook.sheets[kind] = sheet
    return workbook


# ----- xlsx ---------------------------------------------------------------------------------


def _open_xlsx(data: bytes):
    unreadable = gettext("The file is not a valid Excel file (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise _file_problem(unreadable) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _file_problem(
            gettext(
                "The workbook unpacks to more than %(max)s MB. Split it into several files.",
                max=MAX_UNPACKED_BYTES // (1024 * 1024),
            )
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file: all mean this
        raise _file_problem(unreadable) from None


def _read_xlsx(data: bytes, max_points: int) -> Workbook:
    book = _open_xlsx(data)
    workbook = Workbook()
    try:
        worksheets = book.worksheets
        if len(worksheets) > MAX_SHEETS:
            raise _file_problem(
                gettext("The workbook has more than %(max)s sheets.", max=MAX_SHEETS)
            )
        for worksheet in worksheets:
            _read_worksheet(workbook, worksheet, max_points)
    except FileRefused:
        raise
    except Exception:  # a damaged sheet inside a readable archive
        raise _file_problem(gettext("The file is not a valid Excel file (.xlsx).")) from None
    finally:
        book.close()
    if not workbook.sheets and not workbook.problems:
        raise _file_problem(
            gettext(
                "No sheet of points, contacts or channels found. Start from the template: "
                "its sheets are named %(names)s.",
                names=", ".join(str(SHEET_TITLES[kind]) for kind in SHEETS),
            )
        )
    return workbook


def _read_worksheet(workbook: Workbook, worksheet, max_points: int) -> None:
    title = worksheet.title
    if is_help_title(title):
        return
    rows = worksheet.iter_rows(max_col=MAX_COLUMNS)
    first = next(rows, ())
    header_cells = [_value(cell) for cell in first]
    kind = sheet_for_title(title) or _guess_kind([cell_text(c) for c in header_cells])
    if kind is None:
        if any(cell_text(c).strip() for c in header_cells):
            workbook.ignored.append(title)
        return
    if kind in workbook.sheets:
        other = workbook.sheets[kind].title
        raise _file_problem(
            gettext(
                "Both sheet %(first)s and sheet %(second)s hold %(kind)s. Keep one.",
                first=other,
                second=title,
                kind=str(SHEET_TITLES[kind]).lower(),
            )
        )
    sheet, positions, problems = _read_headers(kind, title, header_cells, max_points)
    workbook.problems += problems
    workbook.sheets[kind] = sheet
    gap = None
    for number, cells in enumerate(rows, start=2):
        if cells is gap:
            continue  # openpyxl gives every row missing from the file as this one tuple
        # A formula cell keeps its text, marked: the import reports it (columns.to_input).
        values = [
            Formula(cell.value) if getattr(cell, "data_type", None) == "f" else _value(cell)
            for cell in cells
        ]
        if gap is None and all(value is None for value in values):
            gap = cells
        _add_row(sheet, number, values, positions)


def _value(cell):
    return getattr(cell, "value", None)


def shown_value(value) -> str:
    """A cell's value as the report repeats it (long text shortened)."""
    return _shown(value)
