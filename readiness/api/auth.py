"""Bearer-token authentication for every API route (the session cookie is never used here)."""

from __future__ import annotations

from flask import g, request
from flask_babel import gettext as _

from readiness.api import bp
from readiness.auth.services import user_for_token
from readiness.errors import MalformedRequest, Unauthorized
from readiness.extensions import db

# API endpoints open to anyone (public data only).
PUBLIC_API_ENDPOINTS: set[str] = set()


@bp.before_request
def authenticate_token():
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    g.actor = user_for_token(db.session, token.strip()) if scheme.lower() == "bearer" else None
    if g.actor is None and request.endpoint not in PUBLIC_API_ENDPOINTS:
        raise Unauthorized(
            {"_request": [_("Send a valid API token: Authorization: Bearer <token>.")]}
        )


def json_body():
    """The request's JSON, or 400 when it is missing or malformed."""
    body = request.get_json(force=True, silent=True)
    if body is None:
        raise MalformedRequest({"_body": [_("The body is not valid JSON.")]})
    return body
