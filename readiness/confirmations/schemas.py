"""The "still correct?" API's answers as marshmallow schemas, for the OpenAPI document
(services.due_json and the confirm route build them)."""

from __future__ import annotations

from marshmallow import fields

from readiness.validation import BaseSchema


class ConfirmedSchema(BaseSchema):
    point_id = fields.Integer(required=True)
    confirmed_at = fields.DateTime(required=True)


class ContactToCallSchema(BaseSchema):
    name = fields.String(required=True)
    phone = fields.String(required=True, allow_none=True)


class DueConfirmationSchema(BaseSchema):
    point_id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    municipality = fields.String(required=True)
    # The day the data was last changed or confirmed (null: never), its age and the limit.
    last_changed_or_confirmed = fields.Date(required=True, allow_none=True)
    days_since = fields.Integer(required=True, allow_none=True)
    limit_days = fields.Integer(required=True)
    contact = fields.Nested(ContactToCallSchema, required=True, allow_none=True)
