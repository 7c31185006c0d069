"""The action plan through the API: coordinators create and edit actions; everyone reads them;
staff change the status of actions on their own points."""

from __future__ import annotations

from flask import current_app, g, jsonify, request, url_for
from flask_babel import lazy_gettext as _l

from readiness import timeutil
from readiness.actions import services
from readiness.actions.schemas import (
    ActionArgsSchema,
    ActionPageSchema,
    ActionPatchSchema,
    ActionRecordSchema,
    ActionSchema,
    action_json,
    load_action,
    load_action_patch,
    parse_action_filters,
)
from readiness.api import bp
from readiness.api.auth import json_body
from readiness.apidoc import documented
from readiness.auth.permissions import COORDINATORS, ensure_role
from readiness.extensions import db


def _documents(actions) -> list[dict]:
    today = timeutil.today_in_sweden()
    met = services.criterion_met_now(
        db.session, actions, today, current_app.config["CRITERIA_OVERRIDES"]
    )
    return [action_json(a, today, services.criterion_state(a, met)) for a in actions]


@bp.get("/actions")
@documented(
    _l("The action plan, filtered and a page at a time"),
    tag="actions",
    query=ActionArgsSchema,
    response=ActionPageSchema,
)
def list_actions():
    filters = parse_action_filters(request.args)
    actions, total = services.list_actions(db.session, filters, timeutil.today_in_sweden())
    return jsonify(
        items=_documents(actions), page=filters.page, per_page=filters.per_page, total=total
    )


@bp.post("/actions")
@documented(
    _l("Add an action to the plan (coordinators)"),
    tag="actions",
    description=_l(
        "Give point_id, or municipality for an action without a point; and responsible or "
        "responsible_user_id. An unknown point, municipality or account is a 422."
    ),
    body=ActionSchema,
    response=ActionRecordSchema,
    status=201,
    headers=("Location",),
    errors=(403,),
)
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
@documented(_l("One action"), tag="actions", response=ActionRecordSchema)
def get_action(action_id: int):
    return jsonify(_documents([services.get_action(db.session, action_id)])[0])


@bp.patch("/actions/<int:action_id>")
@documented(
    _l("Change an action: the version you read and the fields to change (staff: the status)"),
    tag="actions",
    body=ActionPatchSchema,
    response=ActionRecordSchema,
    errors=(403, 409),
)
def update_action(action_id: int):
    body = json_body()
    action = services.get_action(db.session, action_id)
    data = load_action_patch(body)
    services.update_action(db.session, action, data, g.actor, timeutil.utcnow())
    db.session.commit()
    return jsonify(_documents([action])[0])
