"""An audit as the API and the form take it in and the API gives it out."""

from __future__ import annotations

from marshmallow import fields

from readiness.audits.models import Audit
from readiness.points.writes import AUDIT_FACTS
from readiness.validation import (
    BaseSchema,
    BoundedList,
    Choice,
    ChoiceList,
    PastDate,
    Text,
    UtcDateTime,
    load_input,
)

OBSERVATIONS = ("ok", "gap", "na")  # uppfyllt, brist, ej tillämpligt
# Room for every criterion of a catalog with some to spare; the service checks the ids.
MAX_CHECKLIST = 60


class ChecklistItemSchema(BaseSchema):
    criterion = Text(40, required=True)
    observed = Choice(OBSERVATIONS, required=True)
    comment = Text(500, load_default=None)


class AuditSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    point_id = fields.Integer(dump_only=True)
    date = PastDate(required=True, attribute="audited_on")
    auditor = Text(200, required=True)
    notes = Text(2000, multiline=True, load_default=None)
    # Who else was there (the point's owner, its staff), in words.
    present = Text(500, load_default=None)
    checklist = BoundedList(
        fields.Nested(ChecklistItemSchema), max_items=MAX_CHECKLIST, load_default=list
    )
    findings = Text(4000, multiline=True, load_default=None)
    # The catalog the checklist was drawn from (set by the register).
    criteria_version = fields.String(dump_only=True, allow_none=True)
    # Facts the visit confirmed, set on the point in the same step (input only).
    apply_facts = ChoiceList(AUDIT_FACTS, load_only=True)
    # The account that recorded it, and when (the visit itself is `date` and `auditor`).
    recorded_by = fields.String(attribute="user_email", dump_only=True, allow_none=True)
    recorded_at = UtcDateTime(attribute="created_at", dump_only=True)


class AuditRecordSchema(AuditSchema):
    """An audit as the API gives it out: visits recorded before the auditor's name was asked
    for (and the demo's) have none."""

    auditor = fields.String(allow_none=True)


def load_audit(raw) -> dict:
    """Validated input: {"audited_on", "auditor", "notes", "present", "checklist", "findings",
    "apply_facts"}; Invalid with field messages."""
    return load_input(AuditSchema(), raw)


def audit_json(audit: Audit) -> dict:
    return AuditRecordSchema().dump(audit)
