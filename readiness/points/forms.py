"""Map HTML form fields (named by dotted path, e.g. `contacts.0.phone`) to point input and back.

The same dotted paths name the errors, so each message lands beside its field.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from marshmallow import fields
from werkzeug.datastructures import MultiDict

from readiness.i18n import display_phone
from readiness.labels import choose_one_of
from readiness.points import enums
from readiness.points.field_labels import field_label
from readiness.points.schemas import (
    AgreementSchema,
    ChannelSchema,
    ContactSchema,
    PointSchema,
    PowerSchema,
)
from readiness.validation import Phone, parse_whole_number, unknown_choice


def _field_kinds() -> tuple[set[str], set[str], set[str]]:
    """Which form names are multi-value, checkboxes or numbers, read from the schemas' field
    types (top-level and power/agreement by path, contact/channel row fields by name)."""
    multi, checkboxes, numbers = set(), set(), set()
    sources = (
        ("", PointSchema()),
        ("power.", PowerSchema()),
        ("agreement.", AgreementSchema()),
        ("", ContactSchema()),
        ("", ChannelSchema()),
    )
    for prefix, schema in sources:
        for name, field in schema.fields.items():
            if isinstance(field, fields.List):
                multi.add(prefix + name)
            elif isinstance(field, fields.Boolean):
                checkboxes.add(prefix + name)
            elif isinstance(field, fields.Number):
                numbers.add(prefix + name)
    return multi, checkboxes, numbers


_MULTI_VALUE, _CHECKBOXES, _NUMBERS = _field_kinds()
# Row fields holding a phone number, by shape (`contacts.phone` for `contacts.0.phone`).
_PHONES = {f"contacts.{n}" for n, f in ContactSchema().fields.items() if isinstance(f, Phone)}
_E164 = re.compile(r"\+[0-9]{6,15}")
# Enumerated fields by shape: the label group the form's options read from, the values, and
# whether the field is a list of checkboxes (whose per-item errors belong to the whole list).
_CHOICE_FIELDS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "kind": ("kind", enums.KINDS, False),
    "services": ("service", enums.SERVICES, True),
    "activation": ("activation", enums.ACTIVATIONS, True),
    "power.source": ("power_source", enums.POWER_SOURCES, False),
    "power.fuel": ("fuel", enums.FUELS, False),
    "power.covers": ("covers", enums.POWER_COVERS, True),
    "contacts.roles": ("role", enums.CONTACT_ROLES, True),
    "channels.kind": ("channel", enums.CHANNEL_KINDS, False),
}
_TOP_FIELDS = [
    n
    for n, f in PointSchema().fields.items()
    if not f.dump_only and n not in ("power", "agreement", "contacts", "channels", "crisis")
]
_OBJECTS = {"power": tuple(PowerSchema().fields), "agreement": tuple(AgreementSchema().fields)}
_ROWS = {"contacts": tuple(ContactSchema().fields), "channels": tuple(ChannelSchema().fields)}


def _value(form: MultiDict, path: str, name: str):
    if name in _MULTI_VALUE:
        return form.getlist(path)
    if name in _CHECKBOXES:
        return path in form
    raw = form.get(path, "")
    if name in _NUMBERS:
        raw = raw.replace(" ", "").replace("\u00a0", "").replace(",", ".")  # Swedish decimals
    return raw if raw.strip() else None


def _row_indices(form: MultiDict, prefix: str) -> list[int]:
    indices = set()
    for key in form:
        parts = key.split(".")
        index = parse_whole_number(parts[1]) if parts[0] == prefix and len(parts) > 2 else None
        if index is not None:
            indices.add(index)
    return sorted(indices)


def form_to_input(form: MultiDict) -> dict:
    """Point input as the API would receive it; blank and removed rows are dropped."""
    data: dict = {name: _value(form, name, name) for name in _TOP_FIELDS}
    for obj, names in _OBJECTS.items():
        data[obj] = {f: _value(form, f"{obj}.{f}", f"{obj}.{f}") for f in names}
    for rows, names in _ROWS.items():
        items = []
        for index in _row_indices(form, rows):
            if f"{rows}.{index}.remove" in form:
                continue
            item = {f: _value(form, f"{rows}.{index}.{f}", f) for f in names}
            if not any(v for f, v in item.items() if f not in _CHECKBOXES):
                continue  # an untouched blank row (a ticked checkbox alone is not an entry)
            items.append(item)
        data[rows] = items
    return data


def flatten_values(document: dict, prefix: str = "") -> dict:
    """Nested document -> dotted paths: `power.source`, `contacts.0.name`, ..."""
    flat: dict = {}
    for key, value in document.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten_values(value, path + "."))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for index, item in enumerate(value):
                flat.update(flatten_values(item, f"{path}.{index}."))
        else:
            flat[path] = value
    return flat


def row_count(document: dict, rows: str, form: MultiDict | None = None) -> int:
    """Rows to show: the filled ones and one blank row to add to; when the user pressed
    "add another" (`form` given), one more than the form had, blank rows included."""
    filled = len(document.get(rows) or []) + 1
    if form is None:
        return filled
    return max(filled, len(_row_indices(form, rows)) + 1)


def _is_index(part: str) -> bool:
    return part.isascii() and part.isdigit()


def _shape(path: str) -> str:
    """`contacts.0.roles.1` -> `contacts.roles`: the path without row and item numbers."""
    return ".".join(part for part in path.split(".") if not _is_index(part))


def error_anchor(path: str) -> str:
    """The id of the form element an error path belongs to: an item of a checkbox list
    (`services.1`, `contacts.0.roles.2`) belongs to the list, everything else to itself."""
    head, _sep, last = path.rpartition(".")
    choice = _CHOICE_FIELDS.get(_shape(head))
    if head and _is_index(last) and choice and choice[2]:
        return head
    return path


def form_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Errors keyed by the form element they belong to, each message once; a value outside
    an enumeration names the choices as the form shows them, not as stored keys."""
    result: dict[str, list[str]] = {}
    for path, messages in errors.items():
        anchor = error_anchor(path)
        choice = _CHOICE_FIELDS.get(_shape(anchor))
        for message in messages:
            if choice and message == unknown_choice(choice[1]):
                message = choose_one_of(choice[0])
            if message not in result.setdefault(anchor, []):
                result[anchor].append(message)
    return result


def error_labels(errors: dict[str, list[str]]) -> dict[str, str]:
    """The words naming each field with errors ("Kontaktperson 1 › Telefon"), as the form does;
    messages not about a field of the form (`_schema`, `version`) get none."""
    return {path: field_label(path) for path in errors if path not in ("_schema", "version")}


def _number_text(value, decimal_symbol: str):
    """A number as a person writes it: no trailing ".0", the language's decimal sign."""
    if isinstance(value, str):
        # Typed input, already read with "." (see _value): keep it, in the reader's decimals.
        return value.replace(".", decimal_symbol)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if not math.isfinite(value):
        return value
    # repr gives the shortest text that reads back as the same float; "f" never writes 1e-05.
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", decimal_symbol)


def display_values(flat: dict, decimal_symbol: str) -> dict:
    """Form values (dotted paths) in the formats the register shows and the form reads back:
    numbers with the language's decimal sign, stored phone numbers as on the point page."""
    shown = dict(flat)
    for path, value in flat.items():
        shape = _shape(path)
        if shape in _NUMBERS:
            shown[path] = _number_text(value, decimal_symbol)
        elif shape in _PHONES and isinstance(value, str) and _E164.fullmatch(value):
            shown[path] = display_phone(value)
    return shown
