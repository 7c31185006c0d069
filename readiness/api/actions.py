"""The action plan through the API: coordinators create and edit actions; everyone reads them;
staff change the status of actions on their own points."""

from __future__ import annotations

from flask import current_app, g, jsonify, request, url_for

from readiness import timeutil
from readiness.actions import services
from readiness.actions.schemas import (
    action_json,
    load_action,
    load_action_patch,
    parse_action_filters,
)
from readiness.api import bp
from readiness.api.auth import json_body
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.extensions import db


def _documents(actions) -> list[dict]:
    today = timeutil.today_in_sweden()
    met = services.criterion_met_now(
        db.session, actions, today, current_app.config["CRITERIA_OVERRIDES"]
    )
    return [action_json(a, today, services.criterion_state(a, met)) for a in actions]


@bp.get("/actions")
def list_actions():
    filters = parse_action_filters(request.args)
    actions, total = services.list_actions(db.session, filters, timeutil.today_in_sweden())
    return jsonify(
        items=_documents(actions), page=filters.page, per_page=filters.per_page, total=total
    )


@bp.post("/actions")
def create_action():
    ensure_role(g.actor, *COORDINATORS)  # staff learn nothing from validation
    data = load_action(json_body())
    action = services.create_action(db.session, data, g.actor, timeutil.utcnow())
    db.session.commit()
    response = jsonify(_documents([action])[0])
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_action", action_id=action.id)
    return response


@bp.get("/actions/<int:action_id>")
def get_action(action_id: int):
    return jsonify(_documents([services.get_action(db.session, action_id)])[0])


@bp.patch("/actions/<int:action_id>")
def update_action(action_id: int):
    body = json_body()
    action = services.get_action(db.session, action_id)
    data = load_action_patch(body)
    services.update_action(db.session, action, data, g.actor, timeutil.utcnow())
    db.session.commit()
    return jsonify(_documents([action])[0])
