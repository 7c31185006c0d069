"""An action as the API and the form take it in: one schema for both (the PATCH variant is the
same fields, each optional, plus the `version` last read)."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from readiness.actions.models import ACTION_STATUSES
from readiness.actions.services import SORTS, ActionFilters, is_overdue
from readiness.criteria.catalog import base_catalog
from readiness.errors import Invalid
from readiness.timeutil import as_utc
from readiness.validation import (
    DB_INT_MAX,
    BaseSchema,
    Choice,
    Number,
    Text,
    WholeNumber,
    load_input,
    parse_whole_number,
    unknown_choice,
)

DEFAULT_PER_PAGE, MAX_PER_PAGE = 50, 100
_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}

# Deadlines that mean something in a plan (the criteria engine's date range).
FIRST_DEADLINE = "2000-01-01"
LAST_DEADLINE = "2199-12-31"


def criterion_ids() -> tuple[str, ...]:
    return tuple(c.id for c in base_catalog().criteria)


def _deadline(**kwargs) -> fields.Date:
    return fields.Date(
        validate=validate.Range(
            min=date.fromisoformat(FIRST_DEADLINE),
            max=date.fromisoformat(LAST_DEADLINE),
            error=_l("Choose a date from {min} to {max}."),
        ),
        **kwargs,
    )


class FinancingSchema(BaseSchema):
    source = Text(200, load_default=None)
    amount_sek = Number(maximum=DB_INT_MAX, integer=True, load_default=None)
    approved = fields.Boolean(load_default=False)


class ActionSchema(BaseSchema):
    title = Text(200, required=True)
    description = Text(2000, multiline=True, load_default=None)
    point_id = WholeNumber(allow_none=True, load_default=None, validate=validate.Range(min=1))
    # A plan without a point belongs to a municipality, named here.
    municipality = Text(100, load_default=None)
    criterion = Choice(criterion_ids(), load_default=None)
    # The audit whose finding this action answers (set when made from an audit; not changeable).
    audit_id = WholeNumber(allow_none=True, load_default=None, validate=validate.Range(min=1))
    responsible = Text(200, load_default=None)
    responsible_user_id = WholeNumber(
        allow_none=True, load_default=None, validate=validate.Range(min=1)
    )
    deadline = _deadline(required=True)
    financing = fields.Nested(FinancingSchema, allow_none=True, load_default=None)
    status = Choice(ACTION_STATUSES, allow_none=False, load_default="planned")


class ActionPatchSchema(BaseSchema):
    """Every field optional; none defaulted, so only what is sent changes."""

    version = WholeNumber(required=True, validate=validate.Range(min=1, max=DB_INT_MAX))
    # Null is no way to clear these: the service also refuses a blank title or responsible.
    title = Text(200, allow_none=False)
    description = Text(2000, multiline=True)
    point_id = WholeNumber(allow_none=True, validate=validate.Range(min=1))
    municipality = Text(100)
    criterion = Choice(criterion_ids())
    responsible = Text(200)
    responsible_user_id = WholeNumber(allow_none=True, validate=validate.Range(min=1))
    deadline = _deadline()
    financing = fields.Nested(FinancingSchema(partial=True), allow_none=True)
    status = Choice(ACTION_STATUSES, allow_none=False)


class StatusChangeSchema(BaseSchema):
    status = fields.String(required=True, validate=validate.OneOf(ACTION_STATUSES))
    at = fields.DateTime(required=True)
    user = fields.String(required=True, allow_none=True)


class ActionRecordSchema(BaseSchema):
    """An action as the API gives it out (action_json; for the OpenAPI document)."""

    id = fields.Integer(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True, allow_none=True)
    point_id = fields.Integer(required=True, allow_none=True)
    point_code = fields.String(required=True, allow_none=True)
    municipality = fields.String(required=True)
    criterion = fields.String(required=True, allow_none=True)
    audit_id = fields.Integer(required=True, allow_none=True)
    responsible = fields.String(required=True)
    responsible_user_id = fields.Integer(required=True, allow_none=True)
    deadline = fields.Date(required=True)
    financing = fields.Nested(FinancingSchema, required=True)
    status = fields.String(required=True, validate=validate.OneOf(ACTION_STATUSES))
    overdue = fields.Boolean(required=True)
    # Whether the criterion it points at passes now (null: none, or the action is closed).
    criterion_met = fields.Boolean(required=True, allow_none=True)
    status_history = fields.List(fields.Nested(StatusChangeSchema), required=True)


class ActionPageSchema(BaseSchema):
    items = fields.List(fields.Nested(ActionRecordSchema), required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)


class ActionArgsSchema(Schema):
    """The list's arguments as parse_action_filters reads them (for the OpenAPI document)."""

    municipality = fields.String()
    status = fields.String(validate=validate.OneOf(ACTION_STATUSES))
    overdue = fields.String(validate=validate.OneOf(tuple(_BOOLEANS)))
    responsible = fields.String()
    criterion = fields.String(validate=validate.OneOf(criterion_ids()))
    sort = fields.String(validate=validate.OneOf(tuple(SORTS)))
    page = fields.Integer(validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(validate=validate.Range(min=1, max=MAX_PER_PAGE))


def load_action(raw) -> dict:
    """Validated input for a new action; Invalid with the contract's field messages."""
    return load_input(ActionSchema(), raw)


def load_action_patch(raw) -> dict:
    return load_input(ActionPatchSchema(), raw)


def action_json(action, today: date, criterion_met: bool | None = None) -> dict:
    """The action as the API gives it out; `criterion_met` says whether the criterion it points
    at passes now (None when it points at none or is closed)."""
    return {
        "id": action.id,
        "version": action.version,
        "title": action.title,
        "description": action.description,
        "point_id": action.point_id,
        "point_code": action.point.code if action.point else None,
        "municipality": action.municipality.name,
        "criterion": action.criterion,
        "audit_id": action.audit_id,
        "responsible": action.responsible,
        "responsible_user_id": action.responsible_user_id,
        "deadline": action.deadline.isoformat(),
        "financing": {
            "source": action.financing_source,
            "amount_sek": action.financing_amount_sek,
            "approved": action.financing_approved,
        },
        "status": action.status,
        "overdue": is_overdue(action.status, action.deadline, today),
        "criterion_met": criterion_met,
        "status_history": [
            {"status": c.status, "at": as_utc(c.at).isoformat(), "user": c.user_email}
            for c in action.status_changes
        ],
    }


def parse_action_filters(args, point_id: int | None = None) -> ActionFilters:
    """List filters from query arguments; Invalid naming the argument when one is wrong."""
    errors: dict[str, list[str]] = {}

    def choice(name: str, choices: tuple[str, ...]) -> str | None:
        value = (args.get(name) or "").strip()
        if value and value not in choices:
            errors[name] = [unknown_choice(choices)]
        return value if value in choices else None

    def number(name: str, default: int, maximum: int) -> int:
        raw = args.get(name)
        if raw in (None, ""):
            return default
        value = parse_whole_number(raw, minimum=1, maximum=maximum)
        if value is None:
            errors[name] = [str(_l("Must be between {min} and {max}.").format(min=1, max=maximum))]
            return default
        return value

    overdue_raw = (args.get("overdue") or "").strip().lower()
    if overdue_raw and overdue_raw not in _BOOLEANS:
        errors["overdue"] = [unknown_choice(("true", "false"))]
    filters = ActionFilters(
        municipality=(args.get("municipality") or "").strip() or None,
        point_id=point_id,
        status=choice("status", ACTION_STATUSES),
        overdue=_BOOLEANS.get(overdue_raw),
        responsible=(args.get("responsible") or "").strip()[:200] or None,
        criterion=choice("criterion", criterion_ids()),
        sort=choice("sort", SORTS) or "deadline",
        page=number("page", 1, 100_000),
        per_page=number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )
    if errors:
        raise Invalid(errors)
    return filters
