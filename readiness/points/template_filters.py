"""The points' own template filters: the history tab's field names and values in words."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale

from readiness.points.change_text import change_lines
from readiness.points.field_labels import field_label


def changes_in_words(changes: dict[str, list]) -> list[tuple[str, str, str]]:
    """A stored change as (field, before, after) lines in the reader's language."""
    return change_lines(changes or {}, str(get_locale()))


def register(app: Flask) -> None:
    app.jinja_env.filters.update(field_label=field_label, change_lines=changes_in_words)
