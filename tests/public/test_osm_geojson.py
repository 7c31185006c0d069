"""The public GeoJSON read by GIS tools: valid RFC 7946, lon/lat order, OSM tags per feature,
and every property it had before unchanged."""

from __future__ import annotations

import json
import re
import subprocess

import geojson

from tests.factories import make_point

URL = "/api/v1/public/points.geojson"

# The properties the GeoJSON had before the OSM tags: a client reading them must not break.
PROPERTIES = {
    "code",
    "name",
    "kind",
    "municipality",
    "area",
    "address",
    "postcode",
    "locality",
    "services",
    "crisis_hours",
    "activation",
    "accessibility",
    "public_contacts",
    "has_reserve_power",
    "crisis",
    "url",
}


def three_points(session):
    """A shop with a generator in Föllinge, a school with only a connection in Östersund, and a
    point not yet placed on the map."""
    make_point(session, lat=63.667, lon=14.619)
    make_point(
        session,
        name="Storsjöskolan",
        kind="school",
        municipality="Östersund",
        area="Centrum",
        address="Storgatan 12",
        postcode="831 30",
        locality="Östersund",
        lat=63.1792,
        lon=14.6357,
        power={"source": "connection_only"},
    )
    make_point(session, name="Byastugan Ås", kind="village_hall", lat=None, lon=None)


def features_by_name(body: dict) -> dict[str, dict]:
    return {f["properties"]["name"]: f for f in body["features"]}


def test_geojson_is_valid_rfc7946(client, session):
    three_points(session)
    response = client.get(URL)
    assert response.mimetype == "application/geo+json"
    body = response.get_json()
    assert geojson.loads(response.get_data(as_text=True)).is_valid
    assert body["type"] == "FeatureCollection"
    assert "crs" not in body  # RFC 7946 drops crs: WGS 84 only
    for feature in body["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert feature["geometry"] is None or feature["geometry"]["type"] == "Point"


def test_geojson_coordinates_are_longitude_then_latitude(client, session):
    three_points(session)
    features = features_by_name(client.get(URL).get_json())
    assert features["Handlar'n Föllinge"]["geometry"]["coordinates"] == [14.619, 63.667]
    assert features["Storsjöskolan"]["geometry"]["coordinates"] == [14.6357, 63.1792]
    assert features["Byastugan Ås"]["geometry"] is None  # unlocated: a null geometry


def test_geojson_keeps_its_properties_and_adds_osm_tags(client, session):
    three_points(session)
    for feature in client.get(URL).get_json()["features"]:
        assert set(feature["properties"]) == PROPERTIES | {"osm"}
    shop = features_by_name(client.get(URL).get_json())["Handlar'n Föllinge"]["properties"]
    assert shop["address"] == "Byvägen 12"
    assert shop["public_contacts"] == [{"name": "Anna Berg", "phone": "+46701740605"}]
    assert shop["has_reserve_power"] is True


def test_geojson_osm_tags_of_a_generator_point_and_a_connection_only_point(client, session):
    three_points(session)
    features = features_by_name(client.get(URL).get_json())
    shop = features["Handlar'n Föllinge"]["properties"]["osm"]
    assert shop["backup_generator"] == "yes"
    assert shop["emergency:emergency"] == "disaster_help_point"
    assert (shop["addr:street"], shop["addr:housenumber"]) == ("Byvägen", "12")
    assert shop["phone"] == "+46701740605"
    school = features["Storsjöskolan"]["properties"]
    assert school["has_reserve_power"] is False
    assert school["osm"]["backup_generator"] == "no"  # a prepared connection only
    assert school["osm"]["amenity"] == "school"
    assert school["osm"]["addr:city"] == "Östersund"
    # Not placed on the map, but its tags are there for the register's own users.
    assert features["Byastugan Ås"]["properties"]["osm"]["name"] == "Byastugan Ås"


def test_geojson_municipality_filter_applies_to_osm_tags(client, session):
    three_points(session)
    body = client.get(URL + "?municipality=Östersund").get_json()
    assert [f["properties"]["osm"]["name"] for f in body["features"]] == ["Storsjöskolan"]


def test_geojson_read_by_ogr(client, session, tmp_path):
    """GDAL, which QGIS uses to open the layer, reads every point with lon/lat in place."""
    three_points(session)
    path = tmp_path / "points.geojson"
    path.write_bytes(client.get(URL).data)
    summary = _ogrinfo("-so", path)
    assert re.search(r"^Feature Count: 3$", summary, re.MULTILINE)
    assert re.search(r"^Geometry: Point$", summary, re.MULTILINE)
    assert "WGS 84" in summary
    features = _ogrinfo(path)
    assert "POINT (14.619 63.667)" in features
    assert "POINT (14.6357 63.1792)" in features


def test_geojson_osm_tags_survive_a_round_trip_through_ogr(client, session, tmp_path):
    three_points(session)
    source = tmp_path / "points.geojson"
    source.write_bytes(client.get(URL + "?municipality=Östersund").data)
    target = tmp_path / "copy.geojson"
    subprocess.run(
        ["ogr2ogr", "-f", "GeoJSON", str(target), str(source)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    [feature] = json.loads(target.read_text(encoding="utf-8"))["features"]
    assert feature["geometry"]["coordinates"] == [14.6357, 63.1792]
    assert feature["properties"]["osm"]["backup_generator"] == "no"


def _ogrinfo(*args) -> str:
    result = subprocess.run(
        ["ogrinfo", "-ro", "-al", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout
