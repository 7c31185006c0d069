"""Bearer-token authentication for every API route (the session cookie is never used here)."""

from __future__ import annotations

from flask import current_app, g, request
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from readiness.api import bp
from readiness.auth.services import record_token_use, token_use
from readiness.errors import MalformedRequest, Unauthorized
from readiness.extensions import db

# API endpoints open to anyone (public data only).
PUBLIC_API_ENDPOINTS: set[str] = set()


@bp.before_request
def authenticate_bearer():
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    use = token_use(db.session, token.strip()) if scheme.lower() == "bearer" else None
    g.actor = use.user if use is not None else None
    if use is not None and use.record_use:
        _record_use(use.token_id)
    if g.actor is None and request.endpoint not in PUBLIC_API_ENDPOINTS:
        raise Unauthorized(
            {"_request": [_("Send a valid API token: Authorization: Bearer <token>.")]}
        )


def _record_use(token_id: int) -> None:
    """Stamp the token's last use in its own short transaction, before the request's work.
    A database that cannot be written now (read-only, locked) must not fail a read."""
    try:
        record_token_use(db.session, token_id)
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.warning("Could not record the API token's use: %s", error)


def json_body():
    """The request's JSON, or 400 when it is missing or malformed."""
    try:
        body = request.get_json(force=True, silent=True)
    except RecursionError:
        body = None  # nested deeper than the decoder can follow: not a point, 400 as malformed
    if body is None:
        raise MalformedRequest({"_body": [_("The body is not valid JSON.")]})
    return body
