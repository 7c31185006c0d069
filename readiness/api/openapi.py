"""The OpenAPI 3.1 document of /api/v1 (and the feeds apps subscribe to), built with apispec
from each route's own `@documented` note (readiness/apidoc.py) and the marshmallow schemas the
route validates with or answers in. Nothing per route is written here."""

from __future__ import annotations

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import Flask
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate
from werkzeug.routing import IntegerConverter, Rule

from readiness.apidoc import Operation, operation_of
from readiness.errors import ErrorsSchema
from readiness.validation import BoundedList, Text

API_PREFIX = "/api/v1/"
SECURITY_SCHEME = "bearerAuth"
_PATH_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
_BINARY = ("application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

# The errors every route of a kind can give, with the component each refers to.
_ERRORS = {
    400: (
        "BadRequest",
        _l(
            "The request could not be read: the body is not JSON, or a query argument holds a "
            "control character. Nothing was saved."
        ),
    ),
    401: ("Unauthorized", _l("No valid token: send Authorization: Bearer <token>.")),
    403: ("Forbidden", _l("Your role does not allow this, or the point is not yours.")),
    404: ("NotFound", _l("No such resource: an unknown id, or an archived point.")),
    409: (
        "Conflict",
        _l(
            "The version sent is not the current one, or the resource is not in a state that "
            "allows this. Nothing was saved."
        ),
    ),
    410: ("Gone", _l("The file is no longer kept (a job's file expires): start the job again.")),
    413: ("ContentTooLarge", _l("The body is larger than 2 MB.")),
    414: ("UriTooLong", _l("The URL is longer than 4,096 characters.")),
    422: ("Invalid", _l("The input is not valid; each field named says what is wrong.")),
    503: (
        "Unavailable",
        _l("The database cannot be written right now. Nothing was saved; reading still works."),
    ),
}
_HEADERS = {
    "Location": ({"type": "string", "format": "uri-reference"}, _l("Where the new resource is.")),
    "ETag": ({"type": "string"}, _l("Send it back in If-None-Match to get 304 when unchanged.")),
    "Content-Disposition": ({"type": "string"}, _l("The file name to save the file under.")),
}


def _schema_name(schema) -> str | None:
    """Components named after the schema class; a modified instance (partial, only) inline."""
    if isinstance(schema, Schema) and (schema.partial or schema.only or schema.exclude):
        return None
    name = resolve_schema_cls(schema).__name__
    return name.removesuffix("Schema") or name


def _limits(self, field, **kwargs) -> dict:
    """The limits of the app's own fields (readiness/validation.py) that apispec cannot see."""
    ret = {}
    if isinstance(field, Text):
        ret["maxLength"] = field.max_length  # counted after trimming spaces
        if field.required:
            ret["minLength"] = 1
    if isinstance(field, BoundedList):
        ret["maxItems"] = field.max_items
    for rule in field.validators:
        # "More than 0" (validation.Number(positive=True)); apispec writes it as minimum 0.
        if isinstance(rule, validate.Range) and rule.min is not None and not rule.min_inclusive:
            kwargs.get("ret", {}).pop("minimum", None)
            ret["exclusiveMinimum"] = rule.min
    return ret


def _path_parameter(rule: Rule, name: str) -> dict:
    converter = rule._converters[name]
    if isinstance(converter, IntegerConverter):
        schema = {"type": "integer", "minimum": 0}
        if converter.max is not None:
            schema["maximum"] = converter.max
    else:
        schema = {"type": "string", "minLength": 1, "pattern": "^[^/]+$"}
    return {"in": "path", "name": name, "required": True, "schema": schema}


def _content(op: Operation) -> dict:
    # A file made by a job may be one of several types: `media_type` is then a tuple.
    media_types = op.media_type if isinstance(op.media_type, tuple) else (op.media_type,)
    content = {}
    for media_type in media_types:
        if op.response is not None:
            schema = {"type": "array", "items": op.response} if op.many else op.response
        elif media_type in _BINARY:
            schema = {"type": "string", "format": "binary"}
        else:
            schema = {"type": "string"}
        content[media_type] = {"schema": schema}
    return content


def _checks_anything(schema) -> bool:
    """A query schema with a required or validated argument: its route answers 422."""
    if schema is None:
        return False
    instance = schema if isinstance(schema, Schema) else schema()
    return any(
        f.required or f.validators or not isinstance(f, fields.String)
        for f in instance.fields.values()
    )


def _error_statuses(rule: Rule, method: str, op: Operation) -> set[int]:
    statuses = {400, 414, *op.errors}
    if not op.public:
        statuses.add(401)
    if rule.arguments:
        statuses.add(404)
    if op.body is not None or _checks_anything(op.query):
        statuses.add(422)
    if op.body is not None:
        statuses.add(413)
    if method not in ("GET", "HEAD"):
        statuses.add(503)
    return statuses


def _operation(rule: Rule, method: str, op: Operation) -> dict:
    parameters = [_path_parameter(rule, name) for name in _PATH_ARGUMENT.findall(rule.rule)]
    if op.query is not None:
        parameters.append({"in": "query", "schema": op.query})
    if op.conditional:
        parameters.append(
            {
                "in": "header",
                "name": "If-None-Match",
                "required": False,
                "schema": {"type": "string"},
                "description": _l("The ETag of a copy you have: 304 when it is still current."),
            }
        )
    success: dict = {"description": op.summary}
    if op.status != 204:
        success["content"] = _content(op)
    if op.headers:
        success["headers"] = {
            name: {"schema": _HEADERS[name][0], "description": _HEADERS[name][1]}
            for name in op.headers
        }
    responses: dict = {str(op.status): success}
    if op.conditional:
        responses["304"] = {"description": _l("Not modified since the ETag you sent.")}
    for status in sorted(_error_statuses(rule, method, op)):
        name = _ERRORS[status][0]
        responses[str(status)] = f"{name}Page" if op.html_errors else name
    document: dict = {
        "operationId": rule.endpoint.removeprefix("api.").replace(".", "_"),
        "summary": op.summary,
        "tags": [op.tag],
        "responses": responses,
    }
    if op.description:
        document["description"] = op.description
    if parameters:
        document["parameters"] = parameters
    if op.body is not None:
        document["requestBody"] = {
            "required": op.body_required,
            "content": {"application/json": {"schema": op.body}},
        }
    if op.public:
        document["security"] = []
    return document


def documented_rules(app: Flask) -> list[tuple[Rule, str]]:
    """Every (rule, method) the document covers: all of /api/v1, and any other documented one."""
    found = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        if not rule.rule.startswith(API_PREFIX) and operation_of(view) is None:
            continue
        found.extend((rule, m) for m in sorted(rule.methods - {"HEAD", "OPTIONS"}))
    return sorted(found, key=lambda item: (item[0].rule, item[1]))


def _build(app: Flask) -> dict:
    plugin = MarshmallowPlugin(schema_name_resolver=_schema_name)
    spec = APISpec(
        title="Trygghetspunktsregistret",
        version="1",
        openapi_version="3.1.0",
        plugins=[plugin],
        info={
            "description": _l(
                "The register's JSON API. Every route needs an API token (Authorization: "
                "Bearer <token>; create one on Your account) except those marked public. "
                'Errors are {"errors": {"<field>": ["message"]}}. Messages are in Swedish, '
                "or English with Accept-Language: en or ?lang=en."
            )
        },
        servers=[{"url": "/"}],
        security=[{SECURITY_SCHEME: []}],
    )
    plugin.converter.add_attribute_function(_limits)
    spec.components.security_scheme(
        SECURITY_SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "description": _l("An API token of a register account; the role decides the rest."),
        },
    )
    spec.components.schema("Errors", schema=ErrorsSchema)
    for status, (name, description) in _ERRORS.items():
        body = {"schema": {"$ref": "#/components/schemas/Errors"}}
        response = {"description": description, "content": {"application/json": body}}
        if status == 401:
            response["headers"] = {"WWW-Authenticate": {"schema": {"const": "Bearer"}}}
        spec.components.response(name, response)
        spec.components.response(
            f"{name}Page",
            {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}},
        )
    paths: dict[str, dict] = {}
    for rule, method in documented_rules(app):
        op = operation_of(app.view_functions[rule.endpoint])
        if op is None:
            continue  # tests/api/test_openapi.py names it
        path = _PATH_ARGUMENT.sub(r"{\1}", rule.rule)
        paths.setdefault(path, {})[method.lower()] = _operation(rule, method, op)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def openapi_document(app: Flask) -> dict:
    """The document, built once per app (the rules are fixed once it runs). Its texts are lazy:
    serialized in a request, they follow that request's language."""
    if "openapi" not in app.extensions:
        app.extensions["openapi"] = _build(app)
    return app.extensions["openapi"]
