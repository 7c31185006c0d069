"""The public GeoJSON as marshmallow schemas, for the OpenAPI document (api/public.py builds it
from the allow-list in public/data.py; nothing private has a field here)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from readiness.points import enums
from readiness.validation import BaseSchema


class PointGeometrySchema(BaseSchema):
    type = fields.String(required=True, validate=validate.OneOf(("Point",)))
    # [longitude, latitude], as GeoJSON orders them.
    coordinates = fields.List(
        fields.Float(), required=True, metadata={"minItems": 2, "maxItems": 2}
    )


class PublicContactSchema(BaseSchema):
    name = fields.String(required=True)
    phone = fields.String(required=True, allow_none=True)


class PublicCrisisSchema(BaseSchema):
    state = fields.String(required=True, validate=validate.OneOf(enums.CRISIS_STATES))
    message = fields.String(required=True, allow_none=True)
    since = fields.DateTime(required=True, allow_none=True)
    exercise = fields.Boolean(required=True)


class PublicPointSchema(BaseSchema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(enums.KINDS))
    municipality = fields.String(required=True)
    area = fields.String(required=True, allow_none=True)
    address = fields.String(required=True, allow_none=True)
    postcode = fields.String(required=True, allow_none=True)
    locality = fields.String(required=True, allow_none=True)
    services = fields.List(fields.String(validate=validate.OneOf(enums.SERVICES)), required=True)
    crisis_hours = fields.String(required=True, allow_none=True)
    activation = fields.List(
        fields.String(validate=validate.OneOf(enums.ACTIVATIONS)), required=True
    )
    accessibility = fields.String(required=True, allow_none=True)
    public_contacts = fields.List(fields.Nested(PublicContactSchema), required=True)
    has_reserve_power = fields.Boolean(required=True)
    crisis = fields.Nested(PublicCrisisSchema, required=True)
    url = fields.String(required=True)  # the resident page
    # OpenStreetMap-style tags (public/osm.py): emergency, backup_generator, name, addr:*...
    osm = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class FeatureSchema(BaseSchema):
    type = fields.String(required=True, validate=validate.OneOf(("Feature",)))
    geometry = fields.Nested(PointGeometrySchema, required=True, allow_none=True)
    properties = fields.Nested(PublicPointSchema, required=True)


class FeatureCollectionSchema(BaseSchema):
    type = fields.String(required=True, validate=validate.OneOf(("FeatureCollection",)))
    features = fields.List(fields.Nested(FeatureSchema), required=True)


class PublicArgsSchema(Schema):
    # Any name: one the register does not know gives an empty collection.
    municipality = fields.String()


class FeedArgsSchema(PublicArgsSchema):
    lang = fields.String(metadata={"description": "en for English; anything else Swedish"})
