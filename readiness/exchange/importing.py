"""Importing points from a read workbook: match, validate, write; all or nothing.

Every row is checked with the point schema itself (the API's and the edit form's rules) and
written through points/writes.py, so an import keeps history, versions and the notices'
content versions like any edit. Matching: a row's code names an existing point (or a new one
that keeps it, e.g. moving a register); without a code, municipality and name do. A row that
changes nothing is not written at all: importing the same file again writes nothing.

The caller commits once when the result is ok and it is no dry run, otherwise rolls back: a
dry run performs the same writes (to show exactly what would change) and throws them away."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from flask_babel import gettext, ngettext
from openpyxl.utils import column_index_from_string
from sqlalchemy import select
from sqlalchemy.orm import Session

from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.errors import Invalid
from readiness.exchange.columns import (
    CHANNELS,
    CONTACTS,
    POINTS,
    CellProblem,
    Column,
    input_columns,
    outside_sweden,
    to_input,
)
from readiness.exchange.reading import (
    MAX_POINTS,
    FileRefused,
    Problem,
    Row,
    Sheet,
    Workbook,
    read_file,
    shown_value,
)
from readiness.points.change_text import change_lines
from readiness.points.codes import CODE_ALPHABET, CODE_LENGTH, looks_like_code
from readiness.points.field_labels import field_label
from readiness.points.history import diff_documents, is_blank
from readiness.points.models import Municipality, Point
from readiness.points.queries import editable_document, with_everything
from readiness.points.schemas import MAX_CHANNELS, MAX_CONTACTS, point_schema
from readiness.points.writes import create_point, merge_patch, update_point
from readiness.validation import load_input

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
LISTS = (CONTACTS, CHANNELS)
_KEY_COLUMNS = ("point.code", "point.name", "point.municipality")
_MAX_ITEMS = {CONTACTS: MAX_CONTACTS, CHANNELS: MAX_CHANNELS}


@dataclass
class Outcome:
    """What the import does (or did) to one point."""

    action: str  # CREATE, UPDATE or UNCHANGED
    name: str
    municipality: str
    code: str | None  # the point's code (a new point's once written)
    sheet: str
    row: int | None  # its row in the sheet of points (None: only its contacts or channels)
    changes: dict[str, list] = field(default_factory=dict)  # as in the history
    point_id: int | None = None


@dataclass
class ImportResult:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    # The codes given in the file, per outcome: the fingerprint must not depend on the codes a
    # dry run draws for new points.
    _given_codes: list[str | None] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def changed_ids(self) -> list[int]:
        return [o.point_id for o in self.outcomes if o.action != UNCHANGED and o.point_id]

    def fingerprint(self) -> str:
        """A digest of what the import would do: a dry run shown to a person and the import
        they then confirm must agree, or the register changed in between."""
        plan = [
            [o.action, o.row, o.name, o.municipality, given, o.changes]
            for o, given in zip(self.outcomes, self._given_codes, strict=True)
        ]
        text = json.dumps(plan, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Target:
    """One point the file touches: its row of the sheet of points and its list rows."""

    point: Point | None  # the existing point; None for a new one
    point_id: int | None = None  # the existing point's id, before the point is loaded
    row: Row | None = None
    code: str | None = None  # the code given in the file
    values: dict = field(default_factory=dict)  # point input by column key
    bad: set[str] = field(default_factory=set)  # keys whose cell could not be read
    lists: dict[str, list[Row] | None] = field(default_factory=lambda: dict.fromkeys(LISTS))
    bad_items: set[tuple[str, int, str]] = field(default_factory=set)
    patch: dict = field(default_factory=dict)
    validated: dict | None = None

    def name_keys(self) -> set[tuple[str, str]]:
        """The (municipality, name) the file's row and the stored point go by."""
        keys = set()
        if self.values.get("name"):
            keys.add(_name_key(self.values.get("municipality"), self.values["name"]))
        if self.point is not None:
            keys.add(_name_key(self.point.municipality.name, self.point.name))
        return keys

    def label(self) -> tuple[str, str]:
        if self.point is not None:
            return self.point.name, self.point.municipality.name
        return str(self.values.get("name") or ""), str(self.values.get("municipality") or "")


def _name_key(municipality, name) -> tuple[str, str]:
    return (str(municipality or "").strip().casefold(), str(name or "").strip().casefold())


class _Plan:
    """Matching and validating one workbook against the register (no writes)."""

    def __init__(self, session: Session, workbook: Workbook, result: ImportResult):
        self.session = session
        self.sheets = {k: s for k, s in workbook.sheets.items() if s.usable}
        self.result = result
        self.targets: list[_Target] = []
        self.by_point: dict[int, _Target] = {}
        self.file_codes: dict[str, _Target] = {}  # targets of the sheet of points by code
        self.file_names: dict[tuple[str, str], list[_Target]] = {}  # … by municipality, name
        self._load_register()

    # --- the register ---------------------------------------------------------------------

    def _load_register(self) -> None:
        """Every point's code, name and municipality (one query): matching needs them all."""
        rows = self.session.execute(
            select(Point.id, Point.code, Point.name, Municipality.name, Point.archived_at).join(
                Point.municipality
            )
        ).all()
        self.code_ids = {code: (pid, archived is not None) for pid, code, _n, _m, archived in rows}
        self.id_codes = {pid: code for pid, code, _n, _m, _a in rows}
        self.name_ids: dict[tuple[str, str], list[int]] = {}
        for pid, _code, name, municipality, archived in rows:
            if archived is None:
                self.name_ids.setdefault(_name_key(municipality, name), []).append(pid)
        self.points: dict[int, Point] = {}

    def _points(self, ids: set[int]) -> None:
        """Load the matched points with all they own, in a few queries (no N+1)."""
        missing = [i for i in ids if i not in self.points]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            statement = with_everything(select(Point).where(Point.id.in_(chunk)))
            self.points.update({p.id: p for p in self.session.scalars(statement)})

    # --- problems -------------------------------------------------------------------------

    def problem(self, sheet: Sheet | None, row: Row | None, key: str, value, message: str):
        header, letter = sheet.header(key) if sheet is not None else ("", "")
        if not header and key:
            header = field_label(key)
        self.result.problems.append(
            Problem(
                sheet.title if sheet is not None else "",
                row.number if row is not None else None,
                header,
                letter,
                shown_value(value),
                message,
            )
        )

    def read_cells(self, sheet: Sheet, row: Row, *, only=None, skip=()) -> tuple[dict, set[str]]:
        """The row's cells (`only` some, or all but `skip`) as input values; unreadable cells
        are reported and left out."""
        columns: dict[str, Column] = {c.key: c for c in input_columns(sheet.kind)}
        values, bad = {}, set()
        for key, raw in row.values.items():
            if key in skip or (only is not None and key not in only):
                continue
            try:
                value = to_input(columns[key], raw)
            except CellProblem as problem:
                self.problem(sheet, row, key, raw, str(problem))
                bad.add(key)
                continue
            outside = outside_sweden(key, _as_number(value))
            if outside:
                self.problem(sheet, row, key, raw, outside)
                bad.add(key)
                continue
            values[key] = value
        return values, bad

    # --- the sheet of points --------------------------------------------------------------

    def read_points(self) -> None:
        sheet = self.sheets.get(POINTS)
        if sheet is None:
            return
        seen_codes: dict[str, int] = {}
        seen_names: dict[tuple[str, str], int] = {}
        seen_points: dict[int, int] = {}
        matched: list[tuple[_Target, int]] = []
        for row in sheet.rows:
            values, bad = self.read_cells(sheet, row)
            code = values.pop("code", None) or None
            target = _Target(point=None, row=row, values=values, bad=bad)
            if code is not None and not looks_like_code(code):
                self.problem(sheet, row, "code", code, _not_a_code())
                code = None
                bad.add("code")
            point_id = None if "code" in bad else self._match(sheet, row, code, values)
            name = values.get("name")
            if code is not None and code in seen_codes:
                self.problem(sheet, row, "code", code, _point_also_on_row(seen_codes[code]))
            elif point_id is not None and point_id in seen_points:
                self.problem(sheet, row, "name", name, _point_also_on_row(seen_points[point_id]))
            elif point_id is None and code is None and name and "code" not in bad:
                key = _name_key(values.get("municipality"), name)
                if key in seen_names:
                    self.problem(sheet, row, "name", name, _point_also_on_row(seen_names[key]))
                seen_names.setdefault(key, row.number)
            if code is not None:
                seen_codes.setdefault(code, row.number)
            if point_id is not None:
                seen_points.setdefault(point_id, row.number)
                matched.append((target, point_id))
            target.code = code
            self.targets.append(target)
        self._points({point_id for _target, point_id in matched})
        for target, point_id in matched:
            target.point = self.points[point_id]
            self.by_point.setdefault(point_id, target)
        for target in self.targets:
            if target.code:
                self.file_codes.setdefault(target.code, target)
            if target.point is not None:
                self.file_codes.setdefault(target.point.code, target)
            for key in target.name_keys():
                self.file_names.setdefault(key, []).append(target)

    def _match(self, sheet: Sheet, row: Row, code: str | None, values: dict) -> int | None:
        """The existing point a row of points is about, or None for a new point."""
        if code is not None:
            found = self.code_ids.get(code)
            if found is None:
                return None  # a new point that keeps the code given
            point_id, archived = found
            if archived:
                self.problem(sheet, row, "code", code, _archived())
                return None
            return point_id
        if not values.get("name") or not values.get("municipality"):
            return None  # the schema reports what is missing
        ids = self.name_ids.get(_name_key(values["municipality"], values["name"]), [])
        if len(ids) > 1:
            message = gettext(
                "Several points in %(municipality)s have this name. Write the code of the one "
                "you mean.",
                municipality=values["municipality"],
            )
            self.problem(sheet, row, "name", values["name"], message)
            return None
        return ids[0] if ids else None

    # --- the sheets of contacts and channels ----------------------------------------------

    def read_lists(self) -> None:
        for kind in LISTS:
            sheet = self.sheets.get(kind)
            if sheet is None or not sheet.rows:
                continue  # no sheet, or an empty one: every point keeps its list as it is
            for target in self.targets:
                target.lists[kind] = []
            for row in sheet.rows:
                target = self._owner(sheet, row)
                if target is not None:
                    target.lists[kind].append(row)
        waiting = [t for t in self.targets if t.point is None and t.point_id is not None]
        self._points({t.point_id for t in waiting})
        for target in waiting:
            target.point = self.points[target.point_id]

    def _owner(self, sheet: Sheet, row: Row) -> _Target | None:
        """The point a contact or channel row belongs to: by code, else by name (and
        municipality) in the file's sheet of points, else in the register."""
        keys, bad = self.read_cells(sheet, row, only=_KEY_COLUMNS)
        if bad:
            return None
        code, name = keys.get("point.code"), keys.get("point.name")
        municipality = keys.get("point.municipality")
        if code:
            if code in self.file_codes:
                return self.file_codes[code]
            found = self.code_ids.get(code)
            if found is None or found[1]:
                message = _archived() if found else _unknown_code()
                self.problem(sheet, row, "point.code", code, message)
                return None
            return self._register_target(found[0], kind=sheet.kind)
        if not name:
            message = gettext("Write the point's code, or its name and municipality.")
            self.problem(sheet, row, "point.code", "", message)
            return None
        wanted = _name_key(municipality, name)
        if municipality:
            in_file = self.file_names.get(wanted, [])
            ids = self.name_ids.get(wanted, [])
        else:  # the name alone: any municipality
            in_file = [t for k, ts in self.file_names.items() if k[1] == wanted[1] for t in ts]
            ids = [i for k, pids in self.name_ids.items() if k[1] == wanted[1] for i in pids]
        in_file = list({id(t): t for t in in_file}.values())
        if len(in_file) == 1:
            return in_file[0]
        if len(in_file) > 1 or (not in_file and len(ids) > 1):
            message = gettext(
                "Several points have this name. Write the point's code or its municipality."
            )
            self.problem(sheet, row, "point.name", name, message)
            return None
        if not ids:
            message = gettext("No point with this name in the file or in the register.")
            self.problem(sheet, row, "point.name", name, message)
            return None
        return self._register_target(ids[0], kind=sheet.kind)

    def _register_target(self, point_id: int, kind: str) -> _Target:
        """A point of the register that only the file's contacts or channels are about
        (loaded with the others once every row is read)."""
        if point_id not in self.by_point:
            target = _Target(point=None, point_id=point_id, code=self.id_codes[point_id])
            self.targets.append(target)
            self.by_point[point_id] = target
        target = self.by_point[point_id]
        if target.lists[kind] is None:
            target.lists[kind] = []
        return target

    # --- validation -----------------------------------------------------------------------

    def validate(self, target: _Target) -> None:
        """Build the point's input and check it with the point schema; report each error at
        its cell."""
        patch: dict = {}
        for key, value in target.values.items():
            head, _sep, sub = key.partition(".")
            if sub:
                patch.setdefault(head, {})[sub] = value
            else:
                patch[key] = value
        for kind in LISTS:
            rows = target.lists[kind]
            if rows is None:
                continue
            sheet = self.sheets[kind]
            items = []
            for index, row in enumerate(rows):
                values, bad = self.read_cells(sheet, row, skip=_KEY_COLUMNS)
                items.append(values)
                target.bad_items.update((kind, index, key) for key in bad)
            patch[kind] = items
        _drop_blank_required(patch)
        target.patch = patch
        document = patch if target.point is None else merge_patch(_before(target.point), patch)
        try:
            target.validated = load_input(point_schema, document)
        except Invalid as error:
            for path, messages in error.errors.items():
                self._report(target, path, messages)

    def _report(self, target: _Target, path: str, messages: list[str]) -> None:
        head, *rest = path.split(".")
        if head in LISTS and target.lists[head] is not None:
            rows = target.lists[head]
            sheet = self.sheets[head]
            index = int(rest[0]) if rest and rest[0].isdigit() else None
            key = rest[1] if index is not None and len(rest) > 1 else ""
            if index is None:  # the list as a whole: too many
                index = min(len(rows) - 1, _MAX_ITEMS[head])
            if (head, index, key) in target.bad_items:
                return  # the cell's own problem is reported already
            row = rows[index] if 0 <= index < len(rows) else None
            value = row.values.get(key) if row is not None and key else ""
            for message in messages:
                self.problem(sheet, row, key, value, message)
            return
        key = path if path != "_schema" else ""
        if key in target.bad or head in target.bad:
            return
        sheet = self.sheets.get(POINTS) if target.row is not None else None
        value = target.row.values.get(key) if target.row is not None else ""
        for message in messages:
            self.problem(sheet, target.row, key, value, message)


def _as_number(value):
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return value


def _drop_blank_required(patch: dict) -> None:
    """A field that is never empty (the kind of reserve power) keeps its value, or gets its
    default, when its cell is empty, instead of failing as missing."""
    power = patch.get("power")
    if isinstance(power, dict) and power.get("source") is None:
        power.pop("source", None)


def _before(point: Point) -> dict:
    return editable_document(point)


def _not_a_code() -> str:
    return gettext(
        "Not a point code: %(length)s characters from %(alphabet)s.",
        length=CODE_LENGTH,
        alphabet=CODE_ALPHABET,
    )


def _archived() -> str:
    return gettext(
        "The point with this code is archived. Restore it first (Archive), or clear the code "
        "to add a new point."
    )


def _unknown_code() -> str:
    return gettext("No point with this code in the file or in the register.")


def _point_also_on_row(row: int) -> str:
    return gettext("The same point is also on row %(row)s. Keep one row per point.", row=row)


# ----- writing ------------------------------------------------------------------------------


def _canonical(value):
    """Input as stored: an empty value, list or record is no value; a municipality or area
    name matches whatever its case (writes.py looks them up that way)."""
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            item = _canonical(item)
            if key in ("municipality_name", "area_name") and isinstance(item, str):
                item = item.casefold()
            if not is_blank(item) and item != {}:
                kept[key] = item
        return kept
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def _unchanged(target: _Target) -> bool:
    try:
        before = load_input(point_schema, _before(target.point))
    except Invalid:
        return False  # stored data the rules no longer accept: writing it fixes it
    return _canonical(before) == _canonical(target.validated)


def _write(session: Session, target: _Target, actor, result: ImportResult) -> None:
    sheet_title = ""
    name, municipality = target.label()
    row_number = target.row.number if target.row is not None else None
    if target.point is None:
        point = create_point(session, target.patch, actor, code=target.code)
        outcome = Outcome(
            CREATE,
            point.name,
            point.municipality.name,
            point.code,
            sheet_title,
            row_number,
            {},
            point.id,
        )
    elif _unchanged(target):
        point = target.point
        outcome = Outcome(
            UNCHANGED, name, municipality, point.code, sheet_title, row_number, {}, point.id
        )
    else:
        point = target.point
        before = _before(point)
        update_point(session, point, {**target.patch, "version": point.version}, actor)
        changes = diff_documents(before, editable_document(point))
        action = UPDATE if changes else UNCHANGED
        outcome = Outcome(
            action,
            point.name,
            point.municipality.name,
            point.code,
            sheet_title,
            row_number,
            changes,
            point.id,
        )
    result.outcomes.append(outcome)
    result._given_codes.append(target.code)


def _in_reading_order(result: ImportResult, workbook: Workbook) -> None:
    """Problems sheet by sheet, row by row, left to right, as a person corrects them."""
    sheets = {sheet.title: index for index, sheet in enumerate(workbook.sheets.values())}

    def position(problem: Problem) -> tuple:
        column = column_index_from_string(problem.letter) if problem.letter else 0
        return (sheets.get(problem.sheet, -1), problem.row or 0, column)

    result.problems.sort(key=position)


def import_points(session: Session, workbook: Workbook, actor) -> ImportResult:
    """Check every row and, when all are valid, write them; the caller commits (import) or
    rolls back (dry run, or any problem). Coordinators only: an import creates points."""
    ensure_role(actor, *COORDINATORS)
    result = ImportResult(problems=list(workbook.problems), ignored_sheets=list(workbook.ignored))
    if any(not sheet.usable for sheet in workbook.sheets.values()):
        _in_reading_order(result, workbook)
        return result  # a sheet lacks a column it needs: its rows cannot be read yet
    plan = _Plan(session, workbook, result)
    plan.read_points()
    plan.read_lists()
    for target in plan.targets:
        plan.validate(target)
    if result.problems:
        _in_reading_order(result, workbook)
        return result
    points_sheet = plan.sheets.get(POINTS)
    for target in plan.targets:
        _write(session, target, actor, result)
    if points_sheet is not None:
        for outcome in result.outcomes:
            outcome.sheet = points_sheet.title if outcome.row is not None else ""
    return result


def import_file(
    session: Session, name: str, data: bytes, actor, *, max_points: int = MAX_POINTS
) -> ImportResult:
    """Read and import a file (see import_points); a file that cannot be read is a result
    with that one problem."""
    try:
        workbook = read_file(name, data, max_points=max_points)
    except FileRefused as refused:
        return ImportResult(problems=[refused.problem])
    return import_points(session, workbook, actor)


def counts_text(result: ImportResult) -> str:
    return gettext(
        "%(created)s new, %(updated)s changed, %(unchanged)s unchanged.",
        created=result.count(CREATE),
        updated=result.count(UPDATE),
        unchanged=result.count(UNCHANGED),
    )


def report_lines(result: ImportResult) -> list[str]:
    """Why nothing was saved: a heading and one line per problem (for the CLI)."""
    heading = ngettext(
        "The file was not imported: %(num)s problem. Nothing was saved.",
        "The file was not imported: %(num)s problems. Nothing was saved.",
        len(result.problems),
    )
    return [heading, *(problem.as_line() for problem in result.problems)]


def summary_lines(result: ImportResult, locale: str, *, dry_run: bool) -> list[str]:
    """What the import did (or would do), point by point, for the CLI."""
    heading = (
        gettext(
            "Dry run, nothing was saved. The import would give: %(counts)s",
            counts=counts_text(result),
        )
        if dry_run
        else gettext("Imported: %(counts)s", counts=counts_text(result))
    )
    lines = [heading]
    for outcome in result.outcomes:
        place = f"{outcome.name} ({outcome.municipality})"
        if outcome.action == CREATE:
            lines.append(gettext("New: %(point)s", point=place))
        elif outcome.action == UPDATE:
            lines.append(gettext("Changed: %(point)s, %(code)s", point=place, code=outcome.code))
            for field_text, before, after in change_lines(outcome.changes, locale):
                lines.append(f"  {field_text}: {before} → {after}")
    lines += [gettext("Sheet %(name)s was not read.", name=name) for name in result.ignored_sheets]
    return lines
