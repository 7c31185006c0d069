"""The point schema: one definition for the API and the HTML forms (input and output)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate, validates_schema

from readiness.points import enums
from readiness.validation import (
    DB_INT_MAX,
    BaseSchema,
    BoundedList,
    Choice,
    ChoiceList,
    EmailAddress,
    Number,
    OptionalDate,
    PastDate,
    Phone,
    Text,
    UtcDateTime,
    WholeNumber,
)

# Upper bounds that fit reality with a wide margin: they keep every value inside its column and
# every page and sheet a sane size (a point once took 10,000 contacts and its PDF timed out).
MAX_CONTACTS = 20
MAX_CHANNELS = 20
MAX_CAPACITY = 100_000  # people
MAX_GENERATOR_KW = 10_000
MAX_TANK_LITRES = 100_000
MAX_CONSUMPTION_LPH = 1_000


class PowerSchema(BaseSchema):
    source = Choice(enums.POWER_SOURCES, allow_none=False, load_default="none")
    generator_kw = Number(positive=True, maximum=MAX_GENERATOR_KW)
    fuel = Choice(enums.FUELS)
    tank_litres = Number(maximum=MAX_TANK_LITRES)
    consumption_lph = Number(positive=True, maximum=MAX_CONSUMPTION_LPH)
    covers = ChoiceList(enums.POWER_COVERS)
    last_test_run = PastDate()
    last_load_test = PastDate()
    fuel_checked = PastDate()
    refuel_plan = Text(500)


class ContactSchema(BaseSchema):
    name = Text(100, required=True)
    organisation = Text(200)
    phone = Phone()
    alt_phone = Phone()
    email = EmailAddress()
    public = fields.Boolean(load_default=False)
    roles = ChoiceList(enums.CONTACT_ROLES)


class ChannelSchema(BaseSchema):
    kind = Choice(enums.CHANNEL_KINDS, required=True)
    detail = Text(120)
    last_tested = PastDate()


class AgreementSchema(BaseSchema):
    counterparty = Text(200)
    valid_from = OptionalDate()
    valid_until = OptionalDate()

    @validates_schema
    def _period_in_order(self, data, **kwargs):
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            raise ValidationError(str(_l("Must not be before the start date.")), "valid_until")


class CrisisSchema(BaseSchema):
    state = Choice(enums.CRISIS_STATES, allow_none=False, load_default="normal")
    message = Text(500)
    since = UtcDateTime(dump_only=True, allow_none=True)


# Lengths of what residents read are capped so that the notice sheet stays one A4 page for the
# longest accepted content (tests/notices/test_sheet_layout.py renders such a point).
class PointSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    code = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)
    name = Text(120, required=True)
    kind = Choice(enums.KINDS, required=True)
    municipality = Text(100, required=True, attribute="municipality_name")
    area = Text(100, attribute="area_name")
    address = Text(120)
    postcode = Text(10)
    locality = Text(60)
    lat = Number(minimum=-90, maximum=90)
    lon = Number(minimum=-180, maximum=180)
    capacity = Number(integer=True, maximum=MAX_CAPACITY)
    services = ChoiceList(enums.SERVICES)
    opening_hours = Text(200)
    crisis_hours = Text(160)
    public_info = Text(1000, multiline=True)
    accessibility = Text(500)
    activation = ChoiceList(enums.ACTIVATIONS)
    power = fields.Nested(PowerSchema, allow_none=True)
    contacts = BoundedList(
        fields.Nested(ContactSchema),
        max_items=MAX_CONTACTS,
        too_many=_l("At most %(max)s contact persons.", max=MAX_CONTACTS),
        load_default=list,
    )
    contacts_reviewed = PastDate()
    channels = BoundedList(
        fields.Nested(ChannelSchema),
        max_items=MAX_CHANNELS,
        too_many=_l("At most %(max)s information channels.", max=MAX_CHANNELS),
        load_default=list,
    )
    agreement = fields.Nested(AgreementSchema, allow_none=True)
    last_exercise = PastDate()
    crisis = fields.Nested(CrisisSchema)

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _coordinates_in_pairs(self, data, original_data, **kwargs):
        # "Given" is read from the input, not the loaded data: a latitude out of range was
        # given (its own message says what is wrong) and must not read as missing.
        if not isinstance(original_data, dict):
            return
        has_lat = original_data.get("lat") is not None
        has_lon = original_data.get("lon") is not None
        if has_lat and not has_lon:
            raise ValidationError(
                str(_l("Give the longitude as well, or remove the latitude.")), "lon"
            )
        if has_lon and not has_lat:
            raise ValidationError(
                str(_l("Give the latitude as well, or remove the longitude.")), "lat"
            )


point_schema = PointSchema()
# What a client may send back: everything except the server-owned fields.
EDITABLE_FIELDS = tuple(name for name, field in PointSchema().fields.items() if not field.dump_only)


def version_field() -> WholeNumber:
    """The `version` an edit was made from, as validation.read_version reads it."""
    return WholeNumber(required=True, validate=validate.Range(min=0, max=DB_INT_MAX))


class PointPatchSchema(PointSchema):
    """PATCH /points/<id> (for the OpenAPI document; writes.update_point checks it): any of the
    editable fields, and the `version` last read. power, agreement and crisis merge key by key."""

    version = version_field()


point_patch_schema = PointPatchSchema(partial=EDITABLE_FIELDS)


class PointPageSchema(BaseSchema):
    """A page of the point list."""

    items = fields.List(fields.Nested(PointSchema), required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)


class ChangeSchema(BaseSchema):
    """One history entry of a point or an area (points/history.change_json)."""

    at = fields.DateTime(required=True)
    user = fields.String(required=True, allow_none=True)  # the account's e-mail, kept
    action = fields.String(required=True)
    version = fields.Integer(required=True)
    # Each changed field's dotted path and its [old, new] value.
    changes = fields.Dict(keys=fields.String(), required=True)
