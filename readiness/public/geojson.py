"""The public points as GeoJSON: the body of `GET /api/v1/public/points.geojson`, also kept
written in PUBLIC_STATIC_DIR (static.py). Public fields only, with OpenStreetMap-style tags."""

from __future__ import annotations

from flask import current_app
from sqlalchemy.orm import Session

from readiness.points.public import PublicPoint, public_url
from readiness.public.data import public_points
from readiness.public.osm import osm_tags


def feature(point: PublicPoint, base_url: str) -> dict:
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
            "osm": osm_tags(point),
        },
    }


def feature_collection(points: list[PublicPoint]) -> str:
    base_url = current_app.config["PUBLIC_BASE_URL"]
    return feature_collection_of([feature(p, base_url) for p in points])


def feature_collection_of(features: list[dict]) -> str:
    return current_app.json.dumps({"type": "FeatureCollection", "features": features})


def points_geojson(session: Session, municipality: str | None = None) -> str:
    """Every public point (of one municipality, whatever its case), ordered by name."""
    return feature_collection(public_points(session, municipality))
