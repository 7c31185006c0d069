"""Input of "the sheet is up" (notice-posted)."""

from __future__ import annotations

from marshmallow import ValidationError, fields

from readiness.errors import Invalid
from readiness.validation import BaseSchema, flatten_errors


class NoticePostedSchema(BaseSchema):
    # The version printed on the sheet; omitted means the current one.
    content_version = fields.Integer(strict=True, allow_none=True, load_default=None)


def load_notice_posted(raw) -> dict:
    try:
        return NoticePostedSchema().load(raw)
    except ValidationError as error:
        raise Invalid(flatten_errors(error.messages)) from None
