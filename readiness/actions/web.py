"""What the action pages need, ready for the templates (request-bound: the user, the language
and the local criteria come from the request). Reads only."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from readiness import timeutil
from readiness.actions import services
from readiness.actions.models import Action
from readiness.auth.permissions import can_change_action_status, can_edit_action
from readiness.criteria.catalog import base_catalog
from readiness.extensions import db
from readiness.points.models import Municipality, Point


@dataclass(frozen=True)
class ActionRow:
    action: Action
    overdue: bool
    criterion_met: bool
    criterion_title: str | None
    can_edit: bool
    can_change_status: bool


def criterion_titles() -> dict[str, str]:
    locale = str(get_locale())
    return {c.id: c.title.get(locale, c.title["sv"]) for c in base_catalog().criteria}


def met_now(actions: list[Action]) -> set[int]:
    return services.criterion_met_now(
        db.session, actions, timeutil.today_in_sweden(), current_app.config["CRITERIA_OVERRIDES"]
    )


def action_rows(actions: list[Action]) -> list[ActionRow]:
    today, met, titles = timeutil.today_in_sweden(), met_now(actions), criterion_titles()
    return [
        ActionRow(
            action=a,
            overdue=services.is_overdue(a.status, a.deadline, today),
            criterion_met=a.id in met,
            criterion_title=titles.get(a.criterion) if a.criterion else None,
            can_edit=can_edit_action(current_user),
            can_change_status=can_change_action_status(current_user, a),
        )
        for a in actions
    ]


def form_choices() -> dict:
    """The form's options: points, municipalities, criteria and accounts."""
    points = db.session.execute(
        select(Point.id, Point.name, Municipality.name)
        .join(Municipality, Point.municipality_id == Municipality.id)
        .where(Point.archived_at.is_(None))
        .order_by(Municipality.name, Point.name)
    ).all()
    return {
        "point_options": [(str(pid), f"{name} ({place})") for pid, name, place in points],
        "municipality_options": [
            (name, name)
            for name in db.session.scalars(select(Municipality.name).order_by(Municipality.name))
        ],
        "criterion_options": [
            (cid, f"{title} ({cid})") for cid, title in criterion_titles().items()
        ],
        "account_options": [(str(u.id), u.email) for u in services.account_choices(db.session)],
    }
