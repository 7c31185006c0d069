"""The area staff schema: a point contact's fields and checks, with the area roles."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields

from readiness.points import enums
from readiness.points.schemas import ContactSchema, version_field
from readiness.validation import BaseSchema, BoundedList, ChoiceList, PastDate

MAX_STAFF = 30


class AreaContactSchema(ContactSchema):
    """Name, organisation, phones (validated, stored E.164), e-mail and `public` exactly as a
    point contact; the roles are the area roles."""

    roles = ChoiceList(enums.AREA_ROLES)


class AreaStaffSchema(BaseSchema):
    staff = BoundedList(
        fields.Nested(AreaContactSchema),
        max_items=MAX_STAFF,
        too_many=_l("At most %(max)s people in the area's crisis staff.", max=MAX_STAFF),
        load_default=list,
    )
    staff_reviewed = PastDate()


class AreaStaffPutSchema(AreaStaffSchema):
    """PUT /areas/<id>/staff: the whole staff, the review date and the `version` last read
    (for the OpenAPI document; writes.update_staff checks it)."""

    version = version_field()


class AreaRecordSchema(AreaStaffSchema):
    """An area as the API gives it out, its staff as it would be sent back."""

    id = fields.Integer(required=True)
    municipality = fields.String(required=True)
    name = fields.String(required=True)
    version = fields.Integer(required=True)


class AreaArgsSchema(Schema):
    municipality = fields.String()


area_staff_schema = AreaStaffSchema()
STAFF_COLUMNS = tuple(AreaContactSchema().fields)
