"""The points' own template filters: the history tab's field names and values in words."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext

from readiness.points.field_labels import field_label
from readiness.points.history import is_blank


def show_value(value) -> str:
    """A history value in words: lists joined, records as `key: value` pairs."""
    if is_blank(value):
        return "–"
    if isinstance(value, bool):
        return str(gettext("Yes") if value else gettext("No"))
    if isinstance(value, list):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {show_value(v)}" for k, v in value.items() if not is_blank(v))
    return str(value)


def register(app: Flask) -> None:
    app.jinja_env.filters.update(field_label=field_label, show_value=show_value)
