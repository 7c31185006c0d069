"""The change history in words: each changed value as (field, before, after) in one language.

The history stores raw values (`shop`, `+46701740605`, whole records when a power or a contact
was added); readers see what the point page shows: labels, Swedish numbers and phone formats,
and one line per changed value ("Reservkraft › Tank: 300 liter → 400 liter")."""

from __future__ import annotations

from collections.abc import Callable

from babel.numbers import format_decimal
from flask_babel import force_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l

from readiness.i18n import display_phone, plural_count
from readiness.labels import label
from readiness.points.field_labels import field_label
from readiness.points.history import diff_documents, is_blank

BLANK = "–"
# Records kept in lists: a whole added or removed one reads as one line.
RECORD_LISTS = ("contacts", "channels", "staff")  # staff: an area's crisis staff
# Field (list indexes left out) -> the label group of its enumeration value(s).
LABEL_GROUPS = {
    "kind": "kind",
    "services": "service",
    "activation": "activation",
    "power.source": "power_source",
    "power.fuel": "fuel",
    "power.covers": "covers",
    "contacts.roles": "role",
    "staff.roles": "area_role",
    "channels.kind": "channel",
    "crisis.state": "crisis_state",
}
PHONES = ("contacts.phone", "contacts.alt_phone", "staff.phone", "staff.alt_phone")


def _people(number: float, text: str) -> str:
    return ngettext("%(value)s person", "%(value)s people", plural_count(number), value=text)


def _kilowatts(number: float, text: str) -> str:
    return gettext("%(value)s kW", value=text)


def _litres(number: float, text: str) -> str:
    return ngettext("%(value)s litre", "%(value)s litres", plural_count(number), value=text)


def _litres_per_hour(number: float, text: str) -> str:
    return ngettext(
        "%(value)s litre per hour", "%(value)s litres per hour", plural_count(number), value=text
    )


# Amounts whose form label carries the unit ("Tank (liter)"): here the unit follows the value.
AMOUNTS: dict[str, tuple[object, Callable[[float, str], str]]] = {
    "capacity": (_l("Capacity"), _people),
    "power.generator_kw": (_l("Generator power"), _kilowatts),
    "power.tank_litres": (_l("Tank"), _litres),
    "power.consumption_lph": (_l("Consumption"), _litres_per_hour),
}


def _field(path: str) -> str:
    """`contacts.0.phone` -> `contacts.phone`: the field whatever row it is in."""
    return ".".join(part for part in path.split(".") if not part.isdigit())


def _is_record_row(path: str) -> bool:
    head, _, rest = path.partition(".")
    return head in RECORD_LISTS and rest.isascii() and rest.isdigit()


def _number(value, locale: str) -> str:
    return format_decimal(value, format="#,##0.######", locale=locale)


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def value_text(field: str, value, locale: str) -> str:
    """One stored value of `field` (`power.tank_litres`, `contacts.phone`) as the page shows it."""
    if is_blank(value):
        return BLANK
    if isinstance(value, bool):
        return _yes_no(value)
    if field in LABEL_GROUPS:
        values = value if isinstance(value, list) else [value]
        return ", ".join(label(LABEL_GROUPS[field], str(item)) for item in values)
    if field in PHONES and isinstance(value, str):
        return display_phone(value)
    if isinstance(value, int | float):
        text = _number(value, locale)
        return AMOUNTS[field][1](value, text) if field in AMOUNTS else text
    if isinstance(value, dict):
        return record_text(field, value, locale)
    if isinstance(value, list):
        return ", ".join(value_text(field, item, locale) for item in value)
    return str(value)


def record_text(field: str, record: dict, locale: str) -> str:
    """A whole contact or channel in one line: "Anna Berg (Point manager), 070-174 06 05"."""
    if field in ("contacts", "staff"):
        text = str(record.get("name") or BLANK)
        if record.get("roles"):
            text += f" ({value_text(f'{field}.roles', record['roles'], locale)})"
        if record.get("phone"):
            text += f", {display_phone(record['phone'])}"
        return text
    if field == "channels":
        text = label("channel", record.get("kind"))
        return f"{text}: {record['detail']}" if record.get("detail") else text
    return "; ".join(
        f"{field_label(f'{field}.{key}')}: {value_text(f'{field}.{key}', item, locale)}"
        for key, item in record.items()
        if not is_blank(item)
    )


def field_text(path: str) -> str:
    """The name of a changed field; an amount without its unit (the value carries it)."""
    field = _field(path)
    if field not in AMOUNTS:
        return field_label(path)
    head, _, rest = path.partition(".")
    word = str(AMOUNTS[field][0])
    return f"{field_label(head)} › {word}" if rest else word


def _leaves(path: str, before, after) -> list[tuple[str, object, object]]:
    """A change of a whole record split into its changed values (a row stays one line)."""
    records = isinstance(before, dict) or isinstance(after, dict)
    if not records or (_is_record_row(path) and not (before and after)):
        return [(path, before, after)]
    expanded = diff_documents(before or {}, after or {}, path)
    return [leaf for sub, (old, new) in expanded.items() for leaf in _leaves(sub, old, new)]


def change_lines(changes: dict[str, list], locale: str) -> list[tuple[str, str, str]]:
    """A stored change (`{"power.tank_litres": [300, 400]}`) as (field, before, after) texts."""
    lines = []
    with force_locale(locale):
        for path, (before, after) in changes.items():
            for leaf, old, new in _leaves(path, before, after):
                field = _field(leaf)
                lines.append(
                    (
                        field_text(leaf),
                        value_text(field, old, locale),
                        value_text(field, new, locale),
                    )
                )
    return lines
