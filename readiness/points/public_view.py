"""What residents see of a point: an explicit allow-list, never a filtered copy of everything."""

from __future__ import annotations

# Top-level point fields that appear on the notice sheet and the resident page.
PUBLIC_POINT_FIELDS = (
    "code",
    "name",
    "kind",
    "municipality",
    "area",
    "address",
    "postcode",
    "locality",
    "lat",
    "lon",
    "services",
    "opening_hours",
    "crisis_hours",
    "public_info",
    "accessibility",
    "activation",
)


def public_projection(document: dict) -> dict:
    """The public part of a point document (as PointSchema dumps it)."""
    projection = {field: document.get(field) for field in PUBLIC_POINT_FIELDS}
    projection["contacts"] = [
        {"name": c["name"], "phone": c["phone"]}
        for c in document.get("contacts") or []
        if c.get("public") and c.get("phone")
    ]
    projection["channels"] = [
        {"kind": ch["kind"], "detail": ch.get("detail")} for ch in document.get("channels") or []
    ]
    power = document.get("power") or {}
    projection["has_reserve_power"] = power.get("source", "none") not in ("none", None)
    return projection
