"""The action plan as a CSV file that a Swedish Excel opens as it is: UTF-8 with a byte order
mark, semicolons, headers in the reader's language, typed text never read as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

from flask_babel import gettext

from readiness.actions.models import Action
from readiness.actions.services import is_overdue
from readiness.labels import label

# Excel reads a UTF-8 file as UTF-8 only with this mark first; a Swedish Excel splits on ";".
BOM = "\ufeff"
DELIMITER = ";"
# A cell starting with one of these is a formula to a spreadsheet: typed text must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value: str | None) -> str:
    """Typed text as a text cell: "=HYPERLÄNK(…)" or "-5 grader" must not become a formula."""
    if not value:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def actions_csv(actions: list[Action], today: date, met: set[int]) -> bytes:
    """The actions, one row each, in the order given."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(
        [
            gettext("Action"),
            gettext("Point"),
            gettext("Code"),
            gettext("Municipality"),
            gettext("Criterion"),
            gettext("Responsible"),
            gettext("Deadline"),
            gettext("Status"),
            gettext("Overdue"),
            gettext("Financing"),
            gettext("Amount (SEK)"),
            gettext("Approved"),
            gettext("Criterion met now"),
        ]
    )
    for action in actions:
        writer.writerow(
            [
                _text_cell(action.title),
                _text_cell(action.point.name if action.point else None),
                action.point.code if action.point else "",
                _text_cell(action.municipality.name),
                action.criterion or "",
                _text_cell(action.responsible),
                action.deadline.isoformat(),
                label("action_status", action.status),
                gettext("Yes") if is_overdue(action.status, action.deadline, today) else "",
                _text_cell(action.financing_source),
                "" if action.financing_amount_sek is None else action.financing_amount_sek,
                gettext("Yes") if action.financing_approved else gettext("No"),
                gettext("Yes") if action.id in met else "",
            ]
        )
    return (BOM + buffer.getvalue()).encode("utf-8")
