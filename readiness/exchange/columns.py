"""The spreadsheet layout shared by the import, the export and the templates.

Three sheets: points (one row per point), contacts and channels (one row each, keyed by the
point's code, or by its name and municipality for a point that has no code yet). The columns
are read from the point schema (points/schemas.py), so a new field shows up here with its type
and limits, and every rule stays in the schema: this module only turns cells into the input the
schema validates ("Butik" -> "shop", "12,5" -> 12.5) and values back into cells.

Headers are the field names the edit form shows, in the reader's language; the import knows
them in every language of the register and also the stored keys (`power.tank_litres`)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale, format_decimal, get_locale, gettext
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from readiness.labels import LABELS, label
from readiness.points.change_text import LABEL_GROUPS
from readiness.points.field_labels import field_label
from readiness.points.schemas import (
    AgreementSchema,
    ChannelSchema,
    ContactSchema,
    PointSchema,
    PowerSchema,
)
from readiness.validation import EmailAddress, Phone, Text, WholeNumber

POINTS, CONTACTS, CHANNELS = "points", "contacts", "channels"
SHEETS = (POINTS, CONTACTS, CHANNELS)
SHEET_TITLES = {
    POINTS: _l("Points"),
    CONTACTS: _l("Contacts"),
    CHANNELS: _l("Channels"),
}
HELP_SHEET_TITLE = _l("Explanations")

# Cell kinds, from the schema's field types.
TEXT, MULTILINE, PHONE, NUMBER, WHOLE, DATE, BOOL, CHOICE, CHOICES, CODE, OUTPUT = (
    "text",
    "multiline",
    "phone",
    "number",
    "whole",
    "date",
    "bool",
    "choice",
    "choices",
    "code",
    "output",
)
# Several values in one cell ("Värme, Vatten") are separated by commas (or ; or line breaks).
LIST_SEPARATOR = ", "
_LIST_SPLIT = re.compile(r"[,;\n]")
# A leading apostrophe keeps a spreadsheet from reading typed text as a formula (exporting.py
# writes it in CSV files); it is dropped again when such text is read.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A point in Sweden (with a margin): a coordinate outside is a typo, e.g. swapped lat/lon.
SWEDEN_LAT = (55.0, 69.5)
SWEDEN_LON = (10.0, 24.5)

# What a coordinator needs to know about each column (the rules come from the schema).
_HELP = {
    "code": _l(
        "The point's code (6 characters, as on its notice). Empty for a new point: the "
        "register gives it one. A row with a code updates that point."
    ),
    "name": _l("The point's name, as residents know it."),
    "kind": _l("What kind of place the point is."),
    "municipality": _l(
        "The municipality. A point without a code is matched on municipality and name."
    ),
    "area": _l("The area (village or part of the municipality) the point belongs to."),
    "lat": _l("Latitude in decimal degrees (WGS 84), e.g. 63,667. Must lie in Sweden."),
    "lon": _l("Longitude in decimal degrees (WGS 84), e.g. 14,619. Must lie in Sweden."),
    "capacity": _l("How many people the point can take in at once."),
    "services": _l("What residents get at the point."),
    "public_info": _l("Shown to residents on the notice and the public page."),
    "activation": _l("The events at which the point opens."),
    "power.source": _l("The point's reserve power."),
    "power.covers": _l("What the generator keeps running."),
    "contacts_reviewed": _l("When the contacts were last checked."),
    "readiness.level": _l("Written by the export; ignored by the import."),
    "readiness.score": _l("Written by the export; ignored by the import."),
    "readiness.gaps": _l("Written by the export; ignored by the import."),
    "point.code": _l("The code of the point the row belongs to."),
    "point.name": _l("The point's name: used when the point has no code yet."),
    "point.municipality": _l("The point's municipality: used with its name."),
    "public": _l("Yes: residents see the name and phone. Other phones and e-mail never."),
    "roles": _l("What the person is responsible for at the point."),
    "detail": _l("Talk group, frequency, number or address of the channel."),
}


@dataclass(frozen=True)
class Column:
    """One column: `key` is the point input path (`power.fuel`), or for a contact or channel
    the field (`phone`), or `point.code` etc. for the key columns; `field` is the schema's."""

    key: str
    kind: str
    label: object  # a lazy string: the header in the reader's language
    field: fields.Field | None = None
    group: str | None = None  # label group of a choice (labels.py)
    required: bool = False

    @property
    def header(self) -> str:
        return str(self.label)

    @property
    def is_text_cell(self) -> bool:
        """Kept as text in Excel: a phone's leading 0, a postcode's space, a code like 2E5."""
        return self.kind in (TEXT, MULTILINE, PHONE, CODE, CHOICES)

    @property
    def help(self) -> str:
        text = _HELP.get(self.key)
        return str(text) if text else ""


def _kind_of(field: fields.Field) -> str:
    if isinstance(field, Phone):
        return PHONE
    if isinstance(field, Text):
        return MULTILINE if field.multiline else TEXT
    if isinstance(field, EmailAddress):
        return TEXT
    if isinstance(field, WholeNumber):
        return WHOLE
    if isinstance(field, fields.Float):
        return NUMBER
    if isinstance(field, fields.Date):
        return DATE
    if isinstance(field, fields.Boolean):
        return BOOL
    if isinstance(field, fields.List):
        return CHOICES
    if any(isinstance(v, validate.OneOf) for v in field.validators):
        return CHOICE
    return TEXT


def _column(key: str, field: fields.Field, shape: str, label_text) -> Column:
    return Column(
        key=key,
        kind=_kind_of(field),
        label=label_text,
        field=field,
        group=LABEL_GROUPS.get(shape),
        required=field.required,
    )


def _point_columns() -> tuple[Column, ...]:
    columns = [Column("code", CODE, _l("Code"))]
    nested = {"power": PowerSchema(), "agreement": AgreementSchema()}
    for name, field in PointSchema().fields.items():
        if field.dump_only or name in ("contacts", "channels", "crisis"):
            continue  # crisis operations are not kept in a spreadsheet
        if name in nested:
            for sub, sub_field in nested[name].fields.items():
                key = f"{name}.{sub}"
                columns.append(_column(key, sub_field, key, _LazyFieldLabel(key)))
        else:
            columns.append(_column(name, field, name, _LazyFieldLabel(name)))
    columns += [
        Column("readiness.level", OUTPUT, _l("Readiness")),
        Column("readiness.score", OUTPUT, _l("Score")),
        Column("readiness.gaps", OUTPUT, _l("Gaps (criteria)")),
    ]
    return tuple(columns)


def _key_columns() -> list[Column]:
    return [
        Column("point.code", CODE, _l("Code")),
        Column("point.name", TEXT, _l("Point")),
        Column("point.municipality", TEXT, _l("Municipality")),
    ]


def _row_columns(list_name: str, schema) -> tuple[Column, ...]:
    return tuple(
        _key_columns()
        + [
            _column(name, field, f"{list_name}.{name}", _LazyFieldLabel(f"{list_name}.0.{name}"))
            for name, field in schema.fields.items()
        ]
    )


class _LazyFieldLabel:
    """The edit form's name of a field ("Reservkraft › Tank (liter)"), without the row
    number for contacts and channels ("Telefon"), in the language of the moment."""

    def __init__(self, path: str):
        self.path = path

    def __str__(self) -> str:
        text = field_label(self.path)
        head, _sep, rest = self.path.partition(".")
        if head in ("contacts", "channels") and rest:
            return text.split(" › ", 1)[-1]
        return text


COLUMNS: dict[str, tuple[Column, ...]] = {
    POINTS: _point_columns(),
    CONTACTS: _row_columns("contacts", ContactSchema()),
    CHANNELS: _row_columns("channels", ChannelSchema()),
}


def columns_of(sheet: str) -> tuple[Column, ...]:
    return COLUMNS[sheet]


def input_columns(sheet: str) -> tuple[Column, ...]:
    """The columns an import reads (not the export's readiness columns)."""
    return tuple(c for c in COLUMNS[sheet] if c.kind != OUTPUT)


# ----- headers and sheet names, in any language ---------------------------------------------


def _normal(text: str) -> str:
    """Headers compare without case, extra spaces or the kind of arrow ("›" or ">")."""
    text = text.replace("›", ">").replace("\u00a0", " ").strip().rstrip("*").strip()
    return re.sub(r"\s*>\s*", ">", re.sub(r"\s+", " ", text)).casefold()


def _in_every_language(make) -> set[str]:
    names = set()
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            names.add(_normal(make()))
    return names


def header_names(sheet: str) -> dict[str, Column]:
    """Every accepted header of the sheet's columns -> the column (needs an app context)."""
    names: dict[str, Column] = {}
    for column in COLUMNS[sheet]:
        for name in _in_every_language(lambda c=column: c.header) | {_normal(column.key)}:
            names.setdefault(name, column)
    return names


def match_header(names: dict[str, Column], header: str) -> Column | None:
    return names.get(_normal(header))


def sheet_for_title(title: str) -> str | None:
    """The sheet a workbook's tab holds, by its name in any language, or None."""
    wanted = _normal(title)
    for sheet, text in SHEET_TITLES.items():
        if wanted in _in_every_language(lambda t=text: str(t)) | {sheet}:
            return sheet
    return None


def is_help_title(title: str) -> bool:
    return _normal(title) in _in_every_language(lambda: str(HELP_SHEET_TITLE))


# ----- from a cell to schema input ----------------------------------------------------------


class Formula(str):
    """A workbook cell holding a formula (its text): the import reads values, not formulas."""


class CellProblem(ValueError):
    """A cell that cannot be read as its column's kind; the message says why, in words."""


def cell_text(value) -> str:
    """A cell as the report shows it: as typed, numbers without a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _plain_text(value) -> str:
    text = cell_text(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]  # our own guard against formulas (exporting.py)
    return text


_CHOICE_WORDS: dict[tuple, dict[str, str]] = {}


def _choice_words(group: str) -> dict[str, str]:
    """Every word for a value of `group` -> the value: the stored key and each language's
    label ("shop", "Butik", "Shop"). Kept per catalogue: a file has thousands of such cells."""
    config = current_app.config
    cache_key = (group, tuple(config["LANGUAGES"]), config["BABEL_TRANSLATION_DIRECTORIES"])
    if cache_key not in _CHOICE_WORDS:
        words: dict[str, str] = {}
        for value in LABELS[group]:
            words[_normal(value)] = value
            for language in config["LANGUAGES"]:
                with force_locale(language):
                    words.setdefault(_normal(label(group, value)), value)
        _CHOICE_WORDS[cache_key] = words
    return _CHOICE_WORDS[cache_key]


def allowed_words(group: str) -> str:
    return ", ".join(str(text) for text in LABELS[group].values())


def _choice(group: str, text: str) -> str:
    found = _choice_words(group).get(_normal(text))
    if found is None:
        raise CellProblem(
            gettext("Unknown value. Choose one of: %(choices)s.", choices=allowed_words(group))
        )
    return found


def _number_text(text: str) -> str:
    """Swedish or English notation -> what the schema reads: "1 234,5" -> "1234.5"."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    return compact.replace(",", ".") if compact.count(",") == 1 else compact


_TRUE = {"ja", "yes", "j", "y", "x", "1", "true", "sant"}
_FALSE = {"nej", "no", "n", "0", "false", "falskt"}


def to_input(column: Column, value):
    """A cell's value as schema input; CellProblem when it cannot be one of its kind.

    Whether the value is valid (a date in the future, a number too large) is for the schema
    to say; this only reads the notation: "Butik", "12,5", "Ja", a date cell."""
    if isinstance(value, Formula):
        raise CellProblem(gettext("A formula is not read. Type the value itself."))
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        if column.kind == BOOL:
            return False
        return [] if column.kind == CHOICES else None
    if column.kind in (NUMBER, WHOLE):
        if isinstance(value, bool):
            raise CellProblem(gettext("Not a number."))
        if isinstance(value, int | float):
            return value
        return _number_text(_plain_text(value))
    if column.kind == DATE:
        if isinstance(value, datetime | date):
            return cell_text(value)
        if isinstance(value, int | float):
            raise CellProblem(gettext("Not a date in the form YYYY-MM-DD."))
        return _plain_text(value)
    if column.kind == BOOL:
        if isinstance(value, bool):
            return value
        word = _normal(cell_text(value))
        if word in _TRUE or word == _normal(gettext("Yes")):
            return True
        if word in _FALSE or word == _normal(gettext("No")):
            return False
        raise CellProblem(gettext("Write Yes or No."))
    text = _plain_text(value)
    if column.kind == CHOICE:
        return _choice(column.group, text)
    if column.kind == CHOICES:
        return [_choice(column.group, part) for part in _LIST_SPLIT.split(text) if part.strip()]
    if column.kind == CODE:
        return text.upper()
    return text


def outside_sweden(key: str, value) -> str | None:
    """Why a coordinate cannot be a point's in Sweden, or None (the schema checks the rest)."""
    bounds = {"lat": SWEDEN_LAT, "lon": SWEDEN_LON}.get(key)
    if bounds is None or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    low, high = bounds
    if low <= value <= high:
        return None
    words = _l("Latitude") if key == "lat" else _l("Longitude")
    return gettext(
        "Lies outside Sweden (%(what)s %(low)s–%(high)s). Are latitude and longitude swapped?",
        what=str(words).lower(),
        low=_decimal(low),
        high=_decimal(high),
    )


def _decimal(number: float) -> str:
    return format_decimal(number, format="#,##0.##")


# ----- from a value to a cell (export) ------------------------------------------------------


_LABELS_NOW: dict[tuple, str] = {}
_YES_NO = "yes/no"  # not a label group: Yes and No


def _label(group: str, value: str) -> str:
    """`label()` remembered per language: an export writes the same few words thousands of
    times, and each lazy translation costs a catalogue look-up."""
    key = (str(get_locale()), current_app.config["BABEL_TRANSLATION_DIRECTORIES"], group, value)
    if key not in _LABELS_NOW:
        if group == _YES_NO:
            _LABELS_NOW[key] = gettext("Yes") if value else gettext("No")
        else:
            _LABELS_NOW[key] = label(group, value)
    return _LABELS_NOW[key]


def to_cell(column: Column, value):
    """A stored value in the form the import reads back and a person reads: labels in the
    reader's language, phones as on the point page; numbers and dates stay numbers and dates
    (the writer decides their notation)."""
    from readiness.i18n import display_phone

    if value is None or value == []:
        return None
    if column.kind == CHOICE:
        return _label(column.group, value)
    if column.kind == CHOICES:
        return LIST_SEPARATOR.join(_label(column.group, v) for v in value)
    if column.kind == BOOL:
        return _label(_YES_NO, bool(value))
    if column.kind == PHONE:
        return display_phone(value)
    if column.kind == DATE and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def allowed_text(column: Column) -> str:
    """What a column takes, in words, read from the schema field (for the explanations)."""
    field = column.field
    if column.kind == OUTPUT:
        return ""
    if column.kind == CODE:
        return gettext("6 characters, e.g. K7RM4Q")
    if column.kind in (CHOICE, CHOICES):
        words = allowed_words(column.group)
        if column.kind == CHOICES:
            return gettext("One or more, separated by commas: %(choices)s", choices=words)
        return gettext("One of: %(choices)s", choices=words)
    if column.kind == BOOL:
        return gettext("Yes or No (empty: No)")
    if column.kind == DATE:
        past = any(getattr(v, "__name__", "") == "_not_in_future" for v in field.validators)
        if past:
            return gettext("Date YYYY-MM-DD, not in the future")
        return gettext("Date YYYY-MM-DD")
    if column.kind == PHONE:
        return gettext("Phone number, e.g. 070-123 45 67 or +46 70 123 45 67")
    if column.kind in (NUMBER, WHOLE):
        return _range_text(column)
    if isinstance(field, EmailAddress):
        return gettext("E-mail address")
    if isinstance(field, Text):
        limit = field.max_length
        if column.kind == MULTILINE:
            return gettext("Text, at most %(max)s characters; line breaks allowed", max=limit)
        return gettext("Text, at most %(max)s characters", max=limit)
    return gettext("Text")


def _range_text(column: Column) -> str:
    low = high = None
    above_zero = False
    for rule in column.field.validators:
        if isinstance(rule, validate.Range):
            if rule.min is not None:
                low = rule.min
                above_zero = not rule.min_inclusive
            if rule.max is not None:
                high = rule.max
    if column.key in ("lat", "lon"):
        low, high = SWEDEN_LAT if column.key == "lat" else SWEDEN_LON
    whole = column.kind == WHOLE
    if above_zero:
        text = gettext("A number above 0, at most %(max)s", max=_decimal(high))
    else:
        text = gettext(
            "A number from %(min)s to %(max)s", min=_decimal(low or 0), max=_decimal(high)
        )
    if whole:
        text += " " + gettext("(whole number)")
    elif column.kind == NUMBER:
        text += " " + gettext("(decimal comma or point)")
    return text
