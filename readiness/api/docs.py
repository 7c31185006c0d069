"""The OpenAPI document and its page, both public: they describe routes, never data."""

from __future__ import annotations

import json

from flask import current_app, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from readiness.api import bp
from readiness.api.auth import PUBLIC_API_ENDPOINTS
from readiness.api.openapi import openapi_document
from readiness.apidoc import HTML, documented
from readiness.public.responses import cacheable

_METHOD_ORDER = ("get", "post", "put", "patch", "delete")


def _plain_document() -> dict:
    """The document with every text in the request's language (the lazy strings resolved)."""
    return json.loads(current_app.json.dumps(openapi_document(current_app)))


@bp.get("/openapi.json")
@documented(
    _l("This document: OpenAPI 3.1 of the whole API"),
    tag="documentation",
    public=True,
    conditional=True,
    headers=("ETag",),
)
def openapi_json():
    response = cacheable(current_app.json.dumps(_plain_document()))
    response.mimetype = "application/json"
    response.vary.add("Accept-Language")  # its texts follow the request's language
    return response


@bp.get("/docs")
@documented(
    _l("The API documentation as a web page (Swedish; English with ?lang=en)"),
    tag="documentation",
    public=True,
    media_type=HTML,
    conditional=True,
    headers=("ETag",),
)
def docs_page():
    # Swedish first, English with ?lang=en: the URL alone decides, as on the public pages, so
    # a shared cache never hands one reader's language to another.
    lang = request.args.get("lang")
    with force_locale(lang if lang in current_app.config["LANGUAGES"] else "sv"):
        document = _plain_document()
        page = render_template("api/docs.html", **docs_context(document))
    response = cacheable(page)
    response.mimetype = "text/html"
    return response


PUBLIC_API_ENDPOINTS.update({"api.openapi_json", "api.docs_page"})


def _resolve(document: dict, item: dict) -> dict:
    while "$ref" in item:
        node = document
        for part in item["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        item = node
    return item


def _ref_name(schema: dict) -> str | None:
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else None


def _limit_words() -> tuple[tuple[str, str], ...]:
    return (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("minLength", _("length ≥")),
        ("maxLength", _("length ≤")),
        ("minItems", _("items ≥")),
        ("maxItems", _("items ≤")),
        ("x-minimum", _("from")),
        ("x-maximum", _("to")),
    )


def type_text(schema: dict) -> Markup:
    """A schema in a few words, schema names linked: "string (length ≤ 120)", "array of Contact"."""
    name = _ref_name(schema)
    if name:
        return Markup('<a href="#schema-{0}">{0}</a>').format(name)
    for combined in ("anyOf", "oneOf"):
        if combined in schema:
            return Markup(" | ").join(type_text(part) for part in schema[combined])
    kinds = schema.get("type", "")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    words = []
    for kind in kinds:
        if kind == "array":
            words.append(
                Markup(_("array of %(items)s")) % {"items": type_text(schema.get("items", {}))}
            )
        elif kind:
            words.append(escape(kind))
    text = Markup(" | ").join(words) or Markup("any")
    details = []
    if "format" in schema:
        details.append(schema["format"])
    if "enum" in schema:
        details.append(", ".join("null" if v is None else str(v) for v in schema["enum"]))
    for key, sign in _limit_words():
        if key in schema:
            details.append(f"{sign} {schema[key]}")
    if isinstance(schema.get("additionalProperties"), dict):
        details.append(
            Markup(_("values: %(type)s")) % {"type": type_text(schema["additionalProperties"])}
        )
    if not details:
        return text
    return text + Markup(" (") + Markup("; ").join(details) + Markup(")")


def _properties(schema: dict) -> list[dict]:
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": type_text(prop),
            "required": name in required,
            "read_only": prop.get("readOnly", False),
            "write_only": prop.get("writeOnly", False),
            "description": prop.get("description", ""),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def _content_rows(document: dict, content: dict) -> list[dict]:
    rows = []
    for media_type, media in content.items():
        schema = media.get("schema", {})
        inline = _properties(schema) if "properties" in schema else []
        rows.append({"media_type": media_type, "type": type_text(schema), "inline": inline})
    return rows


def docs_context(document: dict) -> dict:
    """What the page shows, read from the document alone (never from the routes)."""
    tags: dict[str, list[dict]] = {}
    for path, operations in document["paths"].items():
        for method in _METHOD_ORDER:
            if method not in operations:
                continue
            op = operations[method]
            body = op.get("requestBody")
            responses = []
            for status, response in op["responses"].items():
                response = _resolve(document, response)
                responses.append(
                    {
                        "status": status,
                        "description": response.get("description", ""),
                        "content": _content_rows(document, response.get("content", {})),
                    }
                )
            tags.setdefault(op["tags"][0], []).append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "public": op.get("security") == [],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": type_text(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": (
                        {
                            "required": body.get("required", False),
                            "content": _content_rows(document, body["content"]),
                        }
                        if body
                        else None
                    ),
                    "responses": responses,
                }
            )
    schemas = [
        {"name": name, "type": type_text(schema), "properties": _properties(schema)}
        for name, schema in sorted(document["components"]["schemas"].items())
    ]
    return {
        "info": document["info"],
        "openapi_version": document["openapi"],
        "tags": sorted(tags.items()),
        "schemas": schemas,
    }
