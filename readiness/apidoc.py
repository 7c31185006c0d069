"""What a route says about itself in the OpenAPI document, written where the route is written.

    @bp.get("/points/<int:point_id>")
    @documented(_l("One point"), tag="points", response=PointSchema)
    def get_point(point_id): ...

readiness/api/openapi.py turns these notes and the marshmallow schemas they name into the
document; a route under /api/v1 without a note fails tests/api/test_openapi.py. This module
imports nothing of the app, so any feature's routes may use it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ATTRIBUTE = "_openapi_operation"

# Content types of the documented non-JSON responses.
PDF = "application/pdf"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON = "application/geo+json"
OSM_XML = "application/xml"
ATOM = "application/atom+xml"
CAP = "application/cap+xml"
ICALENDAR = "text/calendar"
HTML = "text/html"


@dataclass(frozen=True)
class Operation:
    """One route's documentation. Statuses every route of its kind can give (400 for a bad query
    string or body, 401 without a token, 404 for an unknown id in the path, 414, 422 for bad
    input, 503 when the database refuses writes) are added by the builder; `errors` names the
    others (403 role, 409 stale version or wrong state)."""

    summary: Any  # a lazy_gettext string: the document follows the request's language
    tag: str
    description: Any = None
    query: Any = None  # marshmallow schema (class or instance) of the query arguments
    body: Any = None  # marshmallow schema of the JSON body
    body_required: bool = True
    response: Any = None  # marshmallow schema of the success body; None: none or not JSON
    many: bool = False  # the success body is a list of `response`
    status: int = 200
    media_type: str | tuple[str, ...] = "application/json"  # a tuple: one of these
    errors: tuple[int, ...] = ()
    public: bool = False  # no token needed (also add the endpoint to PUBLIC_API_ENDPOINTS)
    headers: tuple[str, ...] = ()  # response headers worth knowing: "Location", "ETag"...
    conditional: bool = False  # ETag, and 304 to a matching If-None-Match
    # Statuses whose body is an HTML page, for routes outside /api (feeds opened by apps).
    html_errors: bool = False


def documented(summary, **details):
    """Attach an `Operation` to the view function (order with the route decorator is free)."""

    def decorate(view):
        setattr(view, ATTRIBUTE, Operation(summary, **details))
        return view

    return decorate


def operation_of(view) -> Operation | None:
    return getattr(view, ATTRIBUTE, None)
