"""The yearly report's arguments and answer as marshmallow schemas, for the OpenAPI document
(services.report_json builds the answer; parse_year and parse_municipality read the arguments)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from readiness.criteria.catalog import SEVERITIES
from readiness.criteria.services import FIRST_AS_OF
from readiness.validation import BaseSchema


class ReportArgsSchema(Schema):
    municipality = fields.String(required=True)
    # Up to the current year.
    year = fields.Integer(required=True, validate=validate.Range(min=FIRST_AS_OF.year + 1))


class FiguresSchema(BaseSchema):
    """services.FIGURES: the municipality's year in figures at its end."""

    points = fields.Integer(required=True)
    ready = fields.Integer(required=True)
    gaps = fields.Integer(required=True)
    not_ready = fields.Integer(required=True)
    share_ready = fields.Float(required=True, allow_none=True)  # per cent; null without points
    average_score = fields.Float(required=True, allow_none=True)
    test_runs = fields.Integer(required=True)
    channels_tested = fields.Integer(required=True)
    exercises = fields.Integer(required=True)
    audits = fields.Integer(required=True)
    actions_done = fields.Integer(required=True)
    actions_open = fields.Integer(required=True)
    actions_overdue = fields.Integer(required=True)
    financing_approved_sek = fields.Integer(required=True)


class PreviousYearSchema(FiguresSchema):
    year = fields.Integer(required=True)
    as_of = fields.Date(required=True)


class CommonGapSchema(BaseSchema):
    criterion = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    count = fields.Integer(required=True)


class PlanRowSchema(BaseSchema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    responsible = fields.String(required=True)
    deadline = fields.Date(required=True)
    point = fields.String(required=True, allow_none=True)  # the point's name
    criterion = fields.String(required=True, allow_none=True)
    overdue = fields.Boolean(required=True)


class YearlyReportSchema(FiguresSchema):
    municipality = fields.String(required=True)
    year = fields.Integer(required=True)
    as_of = fields.Date(required=True)
    previous = fields.Nested(PreviousYearSchema, required=True)
    common_gaps = fields.List(fields.Nested(CommonGapSchema), required=True)
    # Actions open at `as_of`.
    plan = fields.List(fields.Nested(PlanRowSchema), required=True)
