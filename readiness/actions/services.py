"""The action plan: create and change actions (every status change kept with its date), list
them with filters, say which are overdue and which point at a criterion that passes again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from readiness.actions.models import ACTION_STATUSES, OPEN_STATUSES, Action, ActionStatusChange
from readiness.audits.models import Audit
from readiness.auth.models import User
from readiness.auth.permissions import (
    COORDINATORS,
    can_change_action_status,
    can_edit_action,
    ensure_role,
)
from readiness.criteria.services import assess
from readiness.errors import Conflict, Forbidden, Invalid, NotFound
from readiness.points.models import Municipality, Point
from readiness.validation import parse_whole_number

SORTS = ("deadline", "status", "responsible", "criterion", "point")
FINANCING_FIELDS = ("source", "amount_sek", "approved")


def is_overdue(status: str, deadline: date, today: date) -> bool:
    """Open (planned or in progress) and past its deadline; due today is not overdue yet."""
    return status in OPEN_STATUSES and deadline < today


@dataclass
class ActionFilters:
    municipality: str | None = None
    point_id: int | None = None
    status: str | None = None
    overdue: bool | None = None
    responsible: str | None = None
    criterion: str | None = None
    sort: str = "deadline"
    page: int = 1
    per_page: int = 50


def get_action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound({"_request": [str(_l("No such action."))]})
    return action


def _invalid(field: str, message) -> Invalid:
    return Invalid({field: [str(message)]})


def _resolve_place(session: Session, values: dict) -> tuple[Point | None, Municipality]:
    """The action's point (active) and municipality: the point's, or the one named."""
    point = None
    if values.get("point_id") is not None:
        point = session.get(Point, values["point_id"])
        if point is None or point.archived_at is not None:
            raise _invalid("point_id", _l("No such point."))
    name = values.get("municipality")
    if point is not None:
        if name and name != point.municipality.name:
            raise _invalid(
                "municipality", _l("The point belongs to %(name)s.", name=point.municipality.name)
            )
        return point, point.municipality
    if not name:
        raise _invalid("municipality", _l("Choose a point or a municipality."))
    municipality = session.scalars(select(Municipality).where(Municipality.name == name)).first()
    if municipality is None:
        raise _invalid("municipality", _l("No such municipality."))
    return None, municipality


def audit_answered(session: Session, audit_id) -> Audit | None:
    """The audit an action answers, for showing where it came from (None when none or unknown)."""
    number = parse_whole_number(audit_id, minimum=1)
    return session.get(Audit, number) if number is not None else None


def _with_audit_point(session: Session, data: dict) -> dict:
    """An action made from an audit concerns the audited point: the point defaults to it, and
    another point is refused."""
    audit_id = data.get("audit_id")
    if audit_id is None:
        return data
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise _invalid("audit_id", _l("No such audit."))
    if data.get("point_id") is None:
        return {**data, "point_id": audit.point_id}
    if data["point_id"] != audit.point_id:
        raise _invalid("audit_id", _l("The audit is of another point."))
    return data


def _resolve_responsible(session: Session, values: dict) -> tuple[str, int | None]:
    """Who is responsible in words, and the account when it is one."""
    user_id = values.get("responsible_user_id")
    text = values.get("responsible")
    if user_id is not None:
        user = session.get(User, user_id)
        if user is None or not user.active:
            raise _invalid("responsible_user_id", _l("No such account."))
        return text or user.email, user.id
    if not text:
        raise _invalid("responsible", _l("Name a person, an organisation or an account."))
    return text, None


def _apply(session: Session, action: Action, values: dict) -> None:
    if not values.get("title"):
        raise _invalid("title", _l("This field is required."))
    # Look-ups first, changes after: an autoflush between them would bump the version twice.
    point, municipality = _resolve_place(session, values)
    responsible, user_id = _resolve_responsible(session, values)
    financing = values.get("financing") or {}
    action.title = values["title"]
    action.description = values.get("description")
    action.point_id = point.id if point else None
    action.municipality_id = municipality.id
    action.criterion = values.get("criterion")
    action.responsible, action.responsible_user_id = responsible, user_id
    action.deadline = values["deadline"]
    action.financing_source = financing.get("source")
    action.financing_amount_sek = financing.get("amount_sek")
    action.financing_approved = bool(financing.get("approved"))


def _record_status(action: Action, status: str, actor, now: datetime) -> None:
    action.status = status
    action.status_changes.append(ActionStatusChange(status=status, at=now, user_email=actor.email))


def create_action(session: Session, data: dict, actor, now: datetime) -> Action:
    """A new action from validated `data`; its first status is its first history entry."""
    ensure_role(actor, *COORDINATORS)
    data = _with_audit_point(session, data)
    action = Action(created_by=actor.email, created_at=now, updated_at=now)
    _apply(session, action, data)
    action.audit_id = data.get("audit_id")
    _record_status(action, data["status"], actor, now)
    session.add(action)
    session.flush()
    return action


def current_values(action: Action) -> dict:
    """The action as schema input, for merging a patch and filling the edit form."""
    return {
        "title": action.title,
        "description": action.description,
        "point_id": action.point_id,
        "municipality": action.municipality.name,
        "criterion": action.criterion,
        "responsible": action.responsible,
        "responsible_user_id": action.responsible_user_id,
        "deadline": action.deadline,
        "financing": {
            "source": action.financing_source,
            "amount_sek": action.financing_amount_sek,
            "approved": action.financing_approved,
        },
        "status": action.status,
    }


def update_action(session: Session, action: Action, patch: dict, actor, now: datetime) -> Action:
    """Apply a validated patch made against `patch["version"]`. Staff of the action's point
    may change its status only; a stale version is a conflict; nothing is saved on error."""
    changes = {key: value for key, value in patch.items() if key != "version"}
    if not can_edit_action(actor):
        if not can_change_action_status(actor, action):
            raise Forbidden({"_request": [str(_l("Your role does not allow this."))]})
        if set(changes) - {"status"}:
            raise Forbidden(
                {"_request": [str(_l("You may change only the status of this action."))]}
            )
    if patch["version"] != action.version:
        raise Conflict(
            {
                "version": [
                    str(
                        _l(
                            "This action was changed by someone else (you edited version "
                            "%(yours)s, it is now at version %(current)s). Nothing was saved.",
                            yours=patch["version"],
                            current=action.version,
                        )
                    )
                ]
            }
        )
    values = current_values(action)
    if "point_id" in changes and "municipality" not in changes:
        values["municipality"] = None  # a new point brings its own municipality
    if "responsible_user_id" in changes and "responsible" not in changes:
        values["responsible"] = None  # the account's e-mail unless words are sent too
    financing = changes.pop("financing", None)
    values.update(changes)
    if financing is not None:
        values["financing"] = {**values["financing"], **financing}
    elif "financing" in patch:
        values["financing"] = {}
    # One UPDATE, one version: loading the history must not flush the half-made change.
    with session.no_autoflush:
        _apply(session, action, values)
        if values["status"] != action.status:
            _record_status(action, values["status"], actor, now)
        action.updated_at = now
    try:
        session.flush()
    except StaleDataError:
        raise Conflict({"version": [str(_l("Someone else saved this action just now."))]}) from None
    return action


def _filtered(filters: ActionFilters, today: date):
    statement = select(Action)
    if filters.municipality:
        statement = statement.join(Action.municipality).where(
            Municipality.name == filters.municipality
        )
    if filters.point_id is not None:
        statement = statement.where(Action.point_id == filters.point_id)
    if filters.status:
        statement = statement.where(Action.status == filters.status)
    if filters.overdue is True:
        statement = statement.where(Action.status.in_(OPEN_STATUSES), Action.deadline < today)
    elif filters.overdue is False:
        statement = statement.where(~(Action.status.in_(OPEN_STATUSES) & (Action.deadline < today)))
    if filters.responsible:
        statement = statement.where(
            func.lower(Action.responsible).contains(filters.responsible.lower(), autoescape=True)
        )
    if filters.criterion:
        statement = statement.where(Action.criterion == filters.criterion)
    return statement


def _order(statement, sort: str):
    status_order = case({s: i for i, s in enumerate(ACTION_STATUSES)}, value=Action.status)
    first = {
        "deadline": [],
        "status": [status_order],
        "responsible": [func.lower(Action.responsible)],
        "criterion": [Action.criterion],
    }
    if sort == "point":
        statement = statement.outerjoin(Point, Action.point_id == Point.id)
        keys = [Point.name]
    else:
        keys = first.get(sort, [])
    return statement.order_by(*keys, Action.deadline, Action.id)


def _with_details(statement):
    return statement.options(
        selectinload(Action.point),
        selectinload(Action.municipality),
        selectinload(Action.status_changes),
    )


def list_actions(session: Session, filters: ActionFilters, today: date) -> tuple[list[Action], int]:
    """One page of the matching actions (deadline order unless sorted otherwise) and the total."""
    statement = _filtered(filters, today)
    total = session.scalar(select(func.count()).select_from(statement.subquery()))
    page = (
        _with_details(_order(statement, filters.sort))
        .offset((filters.page - 1) * filters.per_page)
        .limit(filters.per_page)
    )
    return list(session.scalars(page)), total


def all_actions(session: Session, filters: ActionFilters, today: date) -> list[Action]:
    """Every matching action, in the list's order (for the export)."""
    statement = _with_details(_order(_filtered(filters, today), filters.sort))
    return list(session.scalars(statement))


def is_watched(action: Action) -> bool:
    """An open action that points at a point's criterion: it can pass again."""
    return action.status in OPEN_STATUSES and bool(action.point_id and action.criterion)


def criterion_state(action: Action, met: set[int]) -> bool | None:
    """Whether the action's criterion passes now, or None when there is nothing to watch."""
    return (action.id in met) if is_watched(action) else None


def criterion_met_now(
    session: Session, actions: list[Action], today: date, overrides: dict
) -> set[int]:
    """Ids of the open actions whose point now passes the criterion they point at: the
    coordinator may close them."""
    watched = [a for a in actions if is_watched(a)]
    if not watched:
        return set()
    passed = {
        item.facts.id: set(item.evaluation.passed)
        for item in assess(
            session, today, overrides, point_ids=sorted({a.point_id for a in watched})
        )
    }
    return {a.id for a in watched if a.criterion in passed.get(a.point_id, ())}


def account_choices(session: Session) -> list[User]:
    """Active accounts that can be made responsible, by e-mail."""
    return list(session.scalars(select(User).where(User.active.is_(True)).order_by(User.email)))
