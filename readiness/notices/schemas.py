"""Input of "the sheet is up" (notice-posted)."""

from __future__ import annotations

from marshmallow import fields

from readiness.validation import BaseSchema, load_input


class NoticePostedSchema(BaseSchema):
    # The version printed on the sheet; omitted means the current one.
    content_version = fields.Integer(strict=True, allow_none=True, load_default=None)


def load_notice_posted(raw) -> dict:
    return load_input(NoticePostedSchema(), raw)
