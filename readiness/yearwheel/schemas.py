"""What the årshjul's forms take in: a task recorded done, a municipality's own task."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from readiness.criteria.schemas import as_of_field
from readiness.validation import BaseSchema, PastDate, Text, WholeNumber, load_input

MAX_WITHIN_DAYS = 3660

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


# The API's arguments and answers (web.task_args and web.task_json), for the OpenAPI document.


class TaskArgsSchema(Schema):
    as_of = as_of_field()
    municipality = fields.String(validate=validate.Length(max=200))
    # Only tasks due within this many days of as_of (and every overdue one).
    within_days = fields.Integer(validate=validate.Range(min=0, max=MAX_WITHIN_DAYS))


class TaskSchema(BaseSchema):
    task = fields.String(required=True)
    point_code = fields.String()  # point tasks only
    due = fields.Date(required=True)
    overdue = fields.Boolean(required=True)
    title = fields.String(required=True)
    municipality = fields.String(required=True)
    channel = fields.String()  # a channel's test: which channel
    own_task_id = fields.Integer()  # a municipality's own task
    never_done = fields.Boolean(required=True)


class CalendarFeedSchema(BaseSchema):
    # The secret address calendar apps subscribe to; a new one replaces the old.
    url = fields.String(required=True)


class TaskDoneRecordSchema(BaseSchema):
    municipality = fields.String(required=True)
    task = fields.String(required=True)
    done_on = fields.Date(required=True)


class OwnTaskRecordSchema(BaseSchema):
    id = fields.Integer(required=True)
    task = fields.String(required=True)  # its key in the task list: own_task:<id>
    municipality = fields.String(required=True)
    title = fields.String(required=True)
    every_months = fields.Integer(required=True)
    first_due = fields.Date(required=True)
