"""Public API (no token): the points as GeoJSON and as OSM XML, public fields only."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l

from readiness.api import bp
from readiness.api.auth import PUBLIC_API_ENDPOINTS
from readiness.apidoc import GEOJSON, OSM_XML, documented
from readiness.extensions import db
from readiness.public.cache import cached_page, geojson_key
from readiness.public.data import public_points
from readiness.public.geojson import points_geojson
from readiness.public.osm import osm_xml
from readiness.public.responses import cacheable
from readiness.public.schemas import FeatureCollectionSchema, PublicArgsSchema


@bp.get("/public/points.geojson")
@documented(
    _l("The public points as GeoJSON: public fields only, with OpenStreetMap-style tags"),
    tag="public",
    query=PublicArgsSchema,
    response=FeatureCollectionSchema,
    media_type=GEOJSON,
    public=True,
    conditional=True,
    headers=("ETag",),
)
def public_geojson():
    municipality = request.args.get("municipality") or None
    # A region's collection takes seconds to build: it is kept (with its ETag) with the public
    # pages, shared by the workers and cleared by any commit of public data (public/cache.py).
    body, status, etag = cached_page(
        geojson_key(municipality),
        lambda: (points_geojson(db.session, municipality), 200),
    )
    response = cacheable(body, status, etag)
    response.mimetype = "application/geo+json"
    return response


PUBLIC_API_ENDPOINTS.add("api.public_geojson")


@bp.get("/public/points.osm")
@documented(
    _l("The public points as OSM XML for JOSM, to compare with OpenStreetMap (never uploaded)"),
    tag="public",
    description=_l(
        'OSM XML 0.6 with upload="never": one node per point with coordinates (negative '
        "ids), tagged as properties.osm of the GeoJSON. Points without coordinates are left out."
    ),
    query=PublicArgsSchema,
    media_type=OSM_XML,
    public=True,
    conditional=True,
    headers=("ETag",),
)
def public_osm():
    """The same points as OSM XML 0.6 for JOSM: to compare with OpenStreetMap, never uploaded."""
    points = public_points(db.session, request.args.get("municipality") or None)
    response = cacheable(osm_xml(points))
    # As the OSM API serves its XML; JOSM reads the body whatever the type.
    response.mimetype = "application/xml"
    return response


PUBLIC_API_ENDPOINTS.add("api.public_osm")
