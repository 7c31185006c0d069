"""Public API (no token): the points as GeoJSON, public fields only."""

from __future__ import annotations

from flask import current_app, request

from readiness.api import bp
from readiness.api.auth import PUBLIC_API_ENDPOINTS
from readiness.extensions import db
from readiness.points.public import PublicPoint, public_url
from readiness.public.data import public_points
from readiness.public.responses import cacheable


def _feature(point: PublicPoint, base_url: str) -> dict:
    geometry = (
        {"type": "Point", "coordinates": [point.lon, point.lat]}
        if point.lat is not None and point.lon is not None
        else None
    )
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "code": point.code,
            "name": point.name,
            "kind": point.kind,
            "municipality": point.municipality,
            "area": point.area,
            "address": point.address,
            "postcode": point.postcode,
            "locality": point.locality,
            "services": list(point.services),
            "crisis_hours": point.crisis_hours,
            "activation": list(point.activation),
            "accessibility": point.accessibility,
            "public_contacts": [{"name": c.name, "phone": c.phone} for c in point.contacts],
            "has_reserve_power": point.has_reserve_power,
            "crisis": {
                "state": point.crisis_state,
                "message": point.crisis_message,
                "since": point.crisis_since.isoformat() if point.crisis_since else None,
                "exercise": point.crisis_exercise,
            },
            "url": public_url(base_url, point.code),
        },
    }


@bp.get("/public/points.geojson")
def public_geojson():
    points = public_points(db.session, request.args.get("municipality") or None)
    base_url = current_app.config["PUBLIC_BASE_URL"]
    body = current_app.json.dumps(
        {"type": "FeatureCollection", "features": [_feature(p, base_url) for p in points]}
    )
    response = cacheable(body)
    response.mimetype = "application/geo+json"
    return response


PUBLIC_API_ENDPOINTS.add("api.public_geojson")
