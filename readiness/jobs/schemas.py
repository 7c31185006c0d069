"""Starting a job and what the API says about one (contract: Region scale)."""

from __future__ import annotations

from marshmallow import fields, validate

from readiness.config import LANGUAGES
from readiness.criteria.list_args import MAX_TEXT
from readiness.criteria.services import FIRST_AS_OF, LEVELS
from readiness.exchange.columns import SHEETS
from readiness.jobs.models import STATES
from readiness.points.enums import KINDS as POINT_KINDS
from readiness.validation import BaseSchema, Choice, Text


class NoticeJobSchema(BaseSchema):
    """A batch of notice sheets: every point of the municipality (and area), in name order."""

    municipality = Text(MAX_TEXT, required=True)
    area = Text(MAX_TEXT)
    lang = Choice(LANGUAGES)


class ReportJobSchema(BaseSchema):
    """The yearly report as PDF."""

    municipality = Text(MAX_TEXT, required=True)
    year = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=FIRST_AS_OF.year + 1)
    )
    lang = Choice(LANGUAGES)


class JobStartedSchema(BaseSchema):
    id = fields.String(required=True)
    url = fields.String(required=True, metadata={"format": "uri-reference"})


class JobSchema(BaseSchema):
    """A job's state. `done` of `total` is its progress (sheets for a batch of notices);
    `result_url` once finished (410 there once it expired), `error` in words once failed."""

    id = fields.String(required=True)
    kind = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    done = fields.Integer(required=True)
    total = fields.Integer(required=True)
    result_url = fields.String(metadata={"format": "uri-reference"})
    error = fields.String()
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    expires_at = fields.DateTime(allow_none=True)


class ExportJobSchema(BaseSchema):
    """An export of the points the list's filters select (as GET /api/v1/points.xlsx|csv)."""

    format = Choice(("xlsx", "csv"), required=True)
    sheet = Choice(SHEETS)  # the sheet a CSV file holds; default the points
    municipality = Text(MAX_TEXT)
    area = Text(MAX_TEXT)
    kind = Choice(POINT_KINDS)
    q = Text(MAX_TEXT)
    level = Choice(LEVELS)
    lang = Choice(LANGUAGES)


class ImportJobArgsSchema(BaseSchema):
    """An import: the file is the request body (.xlsx or .csv, at most 5 MB)."""

    file_name = Text(200, required=True, metadata={"description": "points.xlsx or points.csv"})
    dry_run = fields.Boolean(load_default=False)
    lang = Choice(LANGUAGES)
