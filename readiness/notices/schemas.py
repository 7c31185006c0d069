"""Input of "the sheet is up" (notice-posted)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from readiness.config import LANGUAGES
from readiness.validation import BaseSchema, load_input


class NoticePostedSchema(BaseSchema):
    # The version printed on the sheet; omitted means the current one.
    content_version = fields.Integer(strict=True, allow_none=True, load_default=None)


def load_notice_posted(raw) -> dict:
    return load_input(NoticePostedSchema(), raw)


class NoticeArgsSchema(Schema):
    """`?lang=` of a notice PDF (printing.checked_language; for the OpenAPI document)."""

    lang = fields.String(validate=validate.OneOf(LANGUAGES))


class BatchNoticeArgsSchema(NoticeArgsSchema):
    municipality = fields.String()
    area = fields.String()


class NoticePostingSchema(BaseSchema):
    """The answer to notice-posted: when, and which content version went up."""

    posted_at = fields.DateTime(required=True)
    content_version = fields.Integer(required=True)
