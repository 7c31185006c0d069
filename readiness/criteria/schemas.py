"""The readiness API's arguments and answers as marshmallow schemas, for the OpenAPI document
(messages.evaluation_json and catalog_json build the answers; services.parse_as_of reads the
date)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from readiness.criteria.catalog import SEVERITIES
from readiness.criteria.list_args import AreaArgsSchema, MunicipalityArgsSchema
from readiness.criteria.services import FIRST_AS_OF, LAST_AS_OF, LEVELS
from readiness.validation import BaseSchema


def as_of_field() -> fields.Date:
    """`?as_of=YYYY-MM-DD`: the day to evaluate on (default today)."""
    return fields.Date(validate=validate.Range(min=FIRST_AS_OF, max=LAST_AS_OF))


class AsOfArgsSchema(Schema):
    as_of = as_of_field()


class ReadinessArgsSchema(AreaArgsSchema):
    as_of = as_of_field()


class CriteriaArgsSchema(Schema):
    # Any name: an unknown municipality has no local parameters.
    municipality = fields.String()


class GapSchema(BaseSchema):
    criterion = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    message = fields.String(required=True)
    remedy = fields.String(required=True)


class EvaluationSchema(BaseSchema):
    """One point's readiness: score 0–100, level, the gaps in words, the criteria passed."""

    point_id = fields.Integer(required=True)
    as_of = fields.Date(required=True)
    criteria_version = fields.String(required=True)
    score = fields.Integer(required=True, validate=validate.Range(min=0, max=100))
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    gaps = fields.List(fields.Nested(GapSchema), required=True)
    passed = fields.List(fields.String(), required=True)
    not_applicable = fields.List(fields.String(), required=True)


class ReadinessSchema(BaseSchema):
    as_of = fields.Date(required=True)
    criteria_version = fields.String(required=True)
    points = fields.List(fields.Nested(EvaluationSchema), required=True)


class CriterionSchema(BaseSchema):
    id = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    title = fields.String(required=True)
    description = fields.String(required=True)
    source = fields.String(required=True)
    params = fields.Dict(keys=fields.String(), required=True)


__all__ = [
    "AsOfArgsSchema",
    "CriteriaArgsSchema",
    "CriterionSchema",
    "EvaluationSchema",
    "GapSchema",
    "MunicipalityArgsSchema",
    "ReadinessArgsSchema",
    "ReadinessSchema",
]
