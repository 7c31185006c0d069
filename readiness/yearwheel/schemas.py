"""What the årshjul's forms take in: a task recorded done, a municipality's own task."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from readiness.validation import BaseSchema, PastDate, Text, WholeNumber, load_input

MAX_EVERY_MONTHS = 60


class TaskDoneSchema(BaseSchema):
    municipality = Text(100, required=True)
    task = Text(60, required=True)
    done_on = PastDate(required=True)


class OwnTaskSchema(BaseSchema):
    municipality = Text(100, required=True)
    title = Text(200, required=True)
    every_months = WholeNumber(
        required=True,
        validate=validate.Range(
            min=1, max=MAX_EVERY_MONTHS, error=_l("Must be between {min} and {max}.")
        ),
    )
    first_due = fields.Date(required=True)


def load_task_done(raw) -> dict:
    return load_input(TaskDoneSchema(), raw)


def load_own_task(raw) -> dict:
    return load_input(OwnTaskSchema(), raw)
