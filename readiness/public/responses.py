"""HTTP caching of public responses, shared by the resident pages and the public API."""

from __future__ import annotations

from flask import make_response, request

# Short: in a crisis the state changes, and residents must see it within a minute.
CACHE_SECONDS = 60


def cacheable(body: str, status: int = 200, etag: str | None = None):
    """Short public caching, an ETag of the body, and 304 when the client has it already."""
    response = make_response(body, status)
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    if etag:
        response.set_etag(etag)
    else:
        response.add_etag()
    return response.make_conditional(request)
