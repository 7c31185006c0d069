"""The area staff form: fields named by dotted path (`staff.0.phone`) to input and back.

The same dotted paths name the errors, so each message lands beside its field."""

from __future__ import annotations

from marshmallow import fields
from werkzeug.datastructures import MultiDict

from readiness.areas.schemas import AreaContactSchema
from readiness.i18n import display_phone
from readiness.labels import choose_one_of
from readiness.points import enums
from readiness.points.field_labels import field_label
from readiness.points.forms import flatten_values
from readiness.validation import Phone, parse_whole_number, unknown_choice

ROWS = "staff"
_FIELDS = AreaContactSchema().fields
_PHONES = tuple(name for name, field in _FIELDS.items() if isinstance(field, Phone))


def _row_indices(form: MultiDict) -> list[int]:
    indices = set()
    for key in form:
        parts = key.split(".")
        if parts[0] == ROWS and len(parts) > 2:
            index = parse_whole_number(parts[1])
            if index is not None:
                indices.add(index)
    return sorted(indices)


def _value(form: MultiDict, path: str, field: fields.Field):
    if isinstance(field, fields.List):
        return form.getlist(path)
    if isinstance(field, fields.Boolean):
        return path in form
    raw = form.get(path, "")
    return raw if raw.strip() else None


def form_to_input(form: MultiDict) -> dict:
    """Staff input as a client would send it; blank and removed rows are dropped."""
    staff = []
    for index in _row_indices(form):
        prefix = f"{ROWS}.{index}."
        if f"{prefix}remove" in form:
            continue
        item = {name: _value(form, prefix + name, field) for name, field in _FIELDS.items()}
        if not any(value for name, value in item.items() if name != "public"):
            continue  # an untouched blank row (a ticked "public" alone is not an entry)
        staff.append(item)
    return {"staff": staff, "staff_reviewed": form.get("staff_reviewed") or None}


def row_count(document: dict, form: MultiDict | None = None) -> int:
    """Rows to show: the filled ones and one blank row; one more after "add another"."""
    filled = len(document.get(ROWS) or []) + 1
    return filled if form is None else max(filled, len(_row_indices(form)) + 1)


def display_values(document: dict) -> dict:
    """Form values by dotted path; stored phone numbers as the area page shows them."""
    shown = flatten_values(document)
    for path, value in shown.items():
        if path.rpartition(".")[2] in _PHONES and isinstance(value, str) and value.startswith("+"):
            shown[path] = display_phone(value)
    return shown


def _anchor(path: str) -> str:
    """`staff.0.roles.2` (an item of the roles checkboxes) belongs to `staff.0.roles`."""
    parts = path.split(".")
    if len(parts) == 4 and parts[2] == "roles":
        return ".".join(parts[:3])
    return path


def form_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Errors keyed by the form element they belong to, each message once; a role outside the
    area roles names the choices as the form shows them."""
    result: dict[str, list[str]] = {}
    for path, messages in errors.items():
        anchor = _anchor(path)
        for message in messages:
            if anchor.endswith(".roles") and message == unknown_choice(enums.AREA_ROLES):
                message = choose_one_of("area_role")
            if message not in result.setdefault(anchor, []):
                result[anchor].append(message)
    return result


def error_labels(errors: dict[str, list[str]]) -> dict[str, str]:
    """The words naming each field with errors ("Person 1 › Telefon"), as the form does."""
    return {path: field_label(path) for path in errors if path not in ("_schema", "version")}
