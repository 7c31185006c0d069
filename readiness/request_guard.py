"""Guards on raw request input that apply to every route, before any view runs: ids in URLs,
over-long URLs and query arguments no view could use (they would fail in the database)."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import NotFound, RequestURITooLarge
from werkzeug.routing import IntegerConverter, Map, ValidationError

from readiness.errors import MalformedRequest
from readiness.validation import DB_INT_MAX, forbidden_character

# Below gunicorn's request-line limit (raised to 8190 in gunicorn.conf.py), so a long URL gets
# the contract's error shape from the app instead of gunicorn's own HTML 414.
MAX_URL_LENGTH = 4096


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits within the database's integer range, else 404
    (a huge id would overflow the database)."""

    regex = r"[0-9]+"

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = DB_INT_MAX,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, max, signed)

    def to_python(self, value: str) -> int:
        try:
            return super().to_python(value)
        except ValidationError:
            # No row has such an id. "No match" would let werkzeug answer 405 to a PATCH when
            # a GET route shares the path, so the answer is 404 right here.
            raise NotFound() from None


def refuse_unusable_url() -> None:
    """414 for an over-long URL; 400 for a query argument holding a control character or a lone
    surrogate (NUL cannot reach PostgreSQL; no filter, page or date legitimately holds one)."""
    if len(request.full_path) > MAX_URL_LENGTH:
        raise RequestURITooLarge()
    for name, value in request.args.items(multi=True):
        name_problem = forbidden_character(name)
        problem = name_problem or forbidden_character(value)
        if problem:
            raise MalformedRequest({"_request" if name_problem else name: [problem]})


def register(app: Flask) -> None:
    """Call before the blueprints are registered: their routes bind the `int` converter."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.before_request(refuse_unusable_url)
