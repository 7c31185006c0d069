"""HTTP caching of public responses, shared by the resident pages and the public API."""

from __future__ import annotations

from flask import make_response, request
from werkzeug.http import generate_etag

# Short: in a crisis the state changes, and residents must see it within a minute.
CACHE_SECONDS = 60
# Flask-Compress tags the ETag of a compressed answer with its encoding ("abc" -> "abc:gzip"),
# so a client that got it compressed asks again with the tagged one.
_ENCODINGS = ("gzip", "br", "zstd", "deflate")


def _known_tag(etag: str) -> str | None:
    """The tag of If-None-Match that names this body, in any encoding (weak comparison, as for
    If-None-Match), or None."""
    asked = request.if_none_match
    if asked.star_tag:
        return etag
    for tag in asked.as_set(include_weak=True):
        if not tag:
            continue  # `If-None-Match: ""` parses to an empty tag (werkzeug gives None)
        body_tag, _, encoding = tag.rpartition(":")
        if tag == etag or (encoding in _ENCODINGS and body_tag == etag):
            return tag
    return None


def cacheable(body: str, status: int = 200, etag: str | None = None):
    """Short public caching, an ETag of the body, and 304 when the client has it already: then
    without building (or compressing) the body's response at all."""
    etag = etag or generate_etag(body.encode())
    known = _known_tag(etag) if status == 200 and request.method in ("GET", "HEAD") else None
    response = make_response("" if known else body, 304 if known else status)
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response.set_etag(known or etag)
    return response if known else response.make_conditional(request)
