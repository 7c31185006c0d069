"""Input of crisis operations: activation, log entries, fuel readings (API and forms alike)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from readiness.points import enums
from readiness.points.schemas import MAX_TANK_LITRES
from readiness.validation import DB_INT_MAX, BaseSchema, BoundedList, Choice, Number, Text

MAX_CODES = 1000  # a region's worth of points in one activation
MAX_PEOPLE = 100_000


class ActivationSchema(BaseSchema):
    state = Choice(enums.CRISIS_STATES, required=True)
    # What residents read first on the point's page: short enough for a phone screen.
    message = Text(300)
    codes = BoundedList(Text(6, required=True), max_items=MAX_CODES, allow_none=True)
    municipality = Text(100)
    area = Text(100)
    event = Text(120)
    exercise = fields.Boolean(load_default=False)

    @validates_schema
    def _one_scope(self, data, **kwargs):
        has_codes, municipality = bool(data.get("codes")), data.get("municipality")
        if has_codes == bool(municipality):
            raise ValidationError(
                str(_l("Choose the points: a list of codes, or a municipality (and area).")),
                "codes" if data.get("codes") is not None else "municipality",
            )
        if data.get("area") and not municipality:
            raise ValidationError(str(_l("An area needs its municipality.")), "municipality")
        if data.get("state") in ("open", "closed") and not data.get("event"):
            raise ValidationError(
                str(_l("Name the event, e.g. “Storm Dagmar, december 2026”.")), "event"
            )


class LogEntrySchema(BaseSchema):
    text = Text(1000, multiline=True, required=True)
    people = Number(maximum=MAX_PEOPLE, integer=True)


class FuelReadingSchema(BaseSchema):
    litres = Number(maximum=MAX_TANK_LITRES)
    percent = Number(maximum=100)
    refuelled = fields.Boolean(load_default=False)

    @validates_schema
    def _one_amount(self, data, **kwargs):
        given = (data.get("litres") is not None) + (data.get("percent") is not None)
        # A refill without an amount means a full tank.
        if given > 1 or (given == 0 and not data.get("refuelled")):
            raise ValidationError(
                str(_l("Give the fuel in the tank either in litres or in percent.")), "litres"
            )


# The answers (crisis/json.py builds them), for the OpenAPI document.


class CrisisBoardArgsSchema(Schema):
    # The event to show; default the running one.
    event = fields.Integer(validate=validate.Range(min=1, max=DB_INT_MAX))


class EventSchema(BaseSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    exercise = fields.Boolean(required=True)
    started_at = fields.DateTime(required=True)
    ended_at = fields.DateTime(required=True, allow_none=True)


class EventPointsSchema(BaseSchema):
    """The event, and the codes of the points the step changed."""

    event = fields.Nested(EventSchema, required=True, allow_none=True)
    points = fields.List(fields.String(), required=True)


class BoardRowSchema(BaseSchema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(enums.CRISIS_STATES))
    message = fields.String(required=True, allow_none=True)
    since = fields.DateTime(required=True, allow_none=True)
    # Fuel left from now, when it can be known.
    hours_left = fields.Float(required=True, allow_none=True)
    runs_out_at = fields.DateTime(required=True, allow_none=True)
    low_fuel = fields.Boolean(required=True)


class BoardSchema(BaseSchema):
    """The situation board: the event (null when none runs) and its points."""

    event = fields.Nested(EventSchema, required=True, allow_none=True)
    points = fields.List(fields.Nested(BoardRowSchema), required=True)


class LogEntryRecordSchema(BaseSchema):
    id = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    text = fields.String(required=True)
    people = fields.Integer(required=True, allow_none=True)
    event_id = fields.Integer(required=True, allow_none=True)


class FuelReadingRecordSchema(BaseSchema):
    id = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    litres = fields.Float(required=True, allow_none=True)
    percent = fields.Float(required=True, allow_none=True)
    refuelled = fields.Boolean(required=True)
    hours_left = fields.Float(required=True, allow_none=True)
    runs_out_at = fields.DateTime(required=True, allow_none=True)
    low_fuel = fields.Boolean(required=True)
