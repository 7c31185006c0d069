"""Checks a real response against what the OpenAPI document says of its route and status."""

from __future__ import annotations

from jsonschema import Draft202012Validator


def _resolve(document: dict, item: dict) -> dict:
    while "$ref" in item:
        node = document
        for part in item["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        item = node
    return item


def response_problems(document: dict, method: str, template: str, response) -> list[str]:
    """What is wrong with `response` to `method template` by the document (empty: nothing)."""
    operation = document["paths"][template][method.lower()]
    documented = operation["responses"].get(str(response.status_code))
    if documented is None:
        return [f"status {response.status_code} is not documented"]
    documented = _resolve(document, documented)
    content = documented.get("content", {})
    if not content:
        return [] if not response.get_data() else ["a body where none is documented"]
    if response.mimetype not in content:
        return [f"content type {response.mimetype} is not one of {sorted(content)}"]
    schema = content[response.mimetype]["schema"]
    if not (response.mimetype.endswith("json")):
        return []
    validator = Draft202012Validator(
        {**schema, "components": document["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(response.get_json())
    ]
