"""Domain errors and their HTTP handlers: JSON under /api, HTML pages elsewhere."""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from marshmallow import Schema, fields
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from readiness.extensions import db, is_unwritable


class DomainError(Exception):
    """Base of errors that services raise; views and handlers turn them into responses."""

    status = 400

    def __init__(self, errors: dict[str, list[str]] | None = None):
        super().__init__(errors)
        self.errors = errors or {}


class Invalid(DomainError):
    """Input failed validation; `errors` maps a field or dotted path to messages."""

    status = 422


class MalformedRequest(DomainError):
    status = 400


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    """The client edited an outdated version of a point."""

    status = 409


class Unauthorized(DomainError):
    status = 401


class Forbidden(DomainError):
    """Not allowed. With `point_id`: a point the user may read but not change, so the page
    can say who adds them to it and lead back to the point."""

    status = 403

    def __init__(self, errors: dict[str, list[str]] | None = None, *, point_id: int | None = None):
        super().__init__(errors)
        self.point_id = point_id


class ErrorsSchema(Schema):
    """Every API error body (for the OpenAPI document): `{"errors": {"<field>": ["message"]}}`,
    the field a dotted path into the input (`contacts.0.phone`), a query argument, or
    `_request` / `_body` / `_schema` for the request, the body or the whole object."""

    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String(), metadata={"minItems": 1}),
        required=True,
        metadata={"minProperties": 1},
    )


def wants_json() -> bool:
    return request.path.startswith("/api/")


def _default_messages(status: int) -> dict[str, list[str]]:
    messages = {
        400: _("The request could not be read."),
        401: _("Log in or send a valid API token."),
        403: _("Your role does not allow this."),
        404: _("Not found."),
        405: _("Method not allowed."),
        409: _("Someone else changed this in the meantime."),
        413: _("The request is too large."),
        414: _("The address (URL) is too long."),
        422: _("The data is not valid."),
        429: _("Too many attempts. Wait a while and try again."),
        500: _("Something went wrong on the server. Nothing was saved."),
        503: _(
            "The database cannot be written right now. Nothing was saved; reading still "
            "works. Try again in a moment."
        ),
    }
    return {"_request": [messages.get(status, messages[400])]}


ERROR_PAGES = {403: "errors/403.html", 404: "errors/404.html"}


def error_response(
    status: int, errors: dict[str, list[str]] | None = None, *, point_id: int | None = None
):
    errors = errors or _default_messages(status)
    if wants_json():
        return jsonify({"errors": errors}), status
    template = ERROR_PAGES.get(status, "errors/error.html")
    messages = [m for msgs in errors.values() for m in msgs]
    page = render_template(template, status=status, messages=messages, point_id=point_id)
    return page, status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        db.session.rollback()
        point_id = error.point_id if isinstance(error, Forbidden) else None
        response = make_response(
            error_response(error.status, error.errors or None, point_id=point_id)
        )
        if error.status == 401 and wants_json():
            # RFC 9110: a 401 names the scheme to authenticate with (RFC 6750: bearer tokens).
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if error.code in (301, 302, 303, 307, 308):
            return error
        response = make_response(error_response(error.code or 500))
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            # RFC 9110: a 405 lists the methods the URL takes.
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return response

    @app.errorhandler(DBAPIError)
    def handle_database_error(error: DBAPIError):
        db.session.rollback()
        if is_unwritable(error):
            app.logger.warning("Database refuses writes: %s", error.orig)
            return error_response(503)
        app.logger.exception("Database error")
        return error_response(500)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return error_response(500)
