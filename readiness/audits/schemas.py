"""An audit as the API and the form take it in and the API gives it out."""

from __future__ import annotations

from marshmallow import fields

from readiness.audits.models import Audit
from readiness.validation import BaseSchema, PastDate, Text, UtcDateTime, load_input


class AuditSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    point_id = fields.Integer(dump_only=True)
    date = PastDate(required=True, attribute="audited_on")
    auditor = Text(200, required=True)
    notes = Text(2000, multiline=True, load_default=None)
    # The account that recorded it, and when (the visit itself is `date` and `auditor`).
    recorded_by = fields.String(attribute="user_email", dump_only=True)
    recorded_at = UtcDateTime(attribute="created_at", dump_only=True)


def load_audit(raw) -> dict:
    """Validated input: {"audited_on", "auditor", "notes"}; Invalid with field messages."""
    return load_input(AuditSchema(), raw)


def audit_json(audit: Audit) -> dict:
    return AuditSchema().dump(audit)
