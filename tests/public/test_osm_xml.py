"""GET /api/v1/public/points.osm: the points as OSM XML for JOSM, read back with pyosmium
(libosmium, the reader behind osmium-tool and many OSM pipelines)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import osmium

from tests.factories import make_point

URL = "/api/v1/public/points.osm"


def read_nodes(data: bytes, tmp_path) -> dict[str, osmium.osm.mutable.Node]:
    """The file's nodes by name, as an OSM reader sees them."""
    path = tmp_path / "points.osm"
    path.write_bytes(data)
    nodes = {}
    for entity in osmium.FileProcessor(str(path)):
        assert isinstance(entity, osmium.osm.Node), "only nodes"
        nodes[entity.tags["name"]] = entity.replace(tags=dict(entity.tags))
    return nodes


def two_points_and_one_unplaced(session):
    make_point(session, lat=63.667, lon=14.619)
    make_point(
        session,
        name="Storsjöskolan",
        kind="school",
        municipality="Östersund",
        address="Storgatan 12",
        postcode="831 30",
        locality="Östersund",
        lat=63.1792,
        lon=14.6357,
        opening_hours="Mo-Fr 08:00-16:00",
        power={"source": "connection_only"},
        contacts=[],
    )
    make_point(session, name="Byastugan Ås", kind="village_hall", lat=None, lon=None)


def test_osm_file_is_public_cacheable_osm_xml(client, session):
    make_point(session)
    response = client.get(URL)  # no token
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.mimetype_params == {"charset": "utf-8"}
    assert "public" in response.headers["Cache-Control"]
    again = client.get(URL, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_osm_file_is_never_uploaded_from_josm(client, session):
    make_point(session)
    root = ET.fromstring(client.get(URL).data)
    assert root.tag == "osm"
    assert root.attrib == {
        "version": "0.6",
        "generator": "Trygghetspunktsregistret",
        "upload": "never",  # JOSM refuses to upload this layer
    }


def test_osm_file_nodes_have_negative_ids_positions_and_tags(client, session, tmp_path):
    two_points_and_one_unplaced(session)
    nodes = read_nodes(client.get(URL).data, tmp_path)
    assert set(nodes) == {"Handlar'n Föllinge", "Storsjöskolan"}
    assert sorted(n.id for n in nodes.values()) == [-2, -1]  # new objects, never OSM ids

    shop = nodes["Handlar'n Föllinge"]
    assert (shop.location.lat, shop.location.lon) == (63.667, 14.619)
    assert shop.tags == {
        "shop": "yes",
        "emergency:emergency": "disaster_help_point",
        "backup_generator": "yes",
        "name": "Handlar'n Föllinge",
        "addr:street": "Byvägen",
        "addr:housenumber": "12",
        "addr:postcode": "835 61",
        "addr:city": "Föllinge",
        "phone": "+46701740605",
    }

    school = nodes["Storsjöskolan"]
    assert (school.location.lat, school.location.lon) == (63.1792, 14.6357)
    assert school.tags["backup_generator"] == "no"  # only a prepared connection
    assert school.tags["opening_hours"] == "Mo-Fr 08:00-16:00"
    assert "phone" not in school.tags


def test_osm_file_has_the_same_tags_as_the_geojson(client, session, tmp_path):
    two_points_and_one_unplaced(session)
    nodes = read_nodes(client.get(URL).data, tmp_path)
    features = client.get("/api/v1/public/points.geojson").get_json()["features"]
    placed = {f["properties"]["name"]: f["properties"]["osm"] for f in features if f["geometry"]}
    assert {name: node.tags for name, node in nodes.items()} == placed


def test_osm_file_municipality_filter(client, session, tmp_path):
    two_points_and_one_unplaced(session)
    nodes = read_nodes(client.get(URL + "?municipality=Östersund").data, tmp_path)
    assert set(nodes) == {"Storsjöskolan"}
    assert read_nodes(client.get(URL + "?municipality=Ingenstans").data, tmp_path) == {}


def test_osm_file_escapes_what_xml_would_break_on(client, session, tmp_path):
    make_point(session, name='Kiosken "Hörnet" <&> Co')
    [node] = read_nodes(client.get(URL).data, tmp_path).values()
    assert node.tags["name"] == 'Kiosken "Hörnet" <&> Co'


def test_osm_file_query_argument_with_nul_is_400(client, session):
    response = client.get(URL + "?municipality=%00")
    assert response.status_code == 400
    assert "errors" in response.get_json()
