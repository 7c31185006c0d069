"""Map HTML form fields (named by dotted path, e.g. `contacts.0.phone`) to point input and back.

The same dotted paths name the errors, so each message lands beside its field.
"""

from __future__ import annotations

from marshmallow import fields
from werkzeug.datastructures import MultiDict

from readiness.points.schemas import (
    AgreementSchema,
    ChannelSchema,
    ContactSchema,
    PointSchema,
    PowerSchema,
)
from readiness.validation import parse_whole_number


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
