"""The OpenStreetMap tags of a point (readiness/public/osm.py): what a mapper comparing the
register with OSM reads in properties["osm"] of the GeoJSON and in the .osm file."""

from __future__ import annotations

import pytest

from readiness.public.data import find_public_point
from readiness.public.osm import address_tags, osm_tags, phone_tag, valid_opening_hours
from tests.factories import make_point


def tags_of(session, **overrides) -> dict[str, str]:
    point = make_point(session, **overrides)
    return osm_tags(find_public_point(session, point.code))


def test_osm_tags_of_a_shop_with_a_generator(session):
    tags = tags_of(
        session,
        opening_hours="Mo-Fr 09:00-18:00; Sa 10:00-14:00",
        crisis_hours="24/7",
    )
    assert tags == {
        "shop": "yes",
        "emergency:emergency": "disaster_help_point",
        "backup_generator": "yes",
        "name": "Handlar'n Föllinge",
        "addr:street": "Byvägen",
        "addr:housenumber": "12",
        "addr:postcode": "835 61",
        "addr:city": "Föllinge",
        "phone": "+46701740605",
        "opening_hours": "Mo-Fr 09:00-18:00; Sa 10:00-14:00",
        "emergency:opening_hours": "24/7",
    }


@pytest.mark.parametrize(
    "source, expected",
    [
        ("fixed_generator", "yes"),
        ("mobile_generator", "yes"),
        ("connection_only", "no"),  # a prepared connection is not a generator
        ("none", "no"),
    ],
)
def test_osm_backup_generator_only_for_a_generator_on_site(session, source, expected):
    assert tags_of(session, power={"source": source})["backup_generator"] == expected


def test_osm_point_without_power_details_has_no_backup_generator(session):
    assert tags_of(session, power=None)["backup_generator"] == "no"


def test_osm_dedicated_point_is_tagged_as_a_help_point_itself(session):
    tags = tags_of(session, kind="other", name="Trygghetspunkt Rönnöfors")
    assert tags["emergency"] == "disaster_help_point"
    assert "emergency:emergency" not in tags
    assert not {"shop", "amenity", "leisure"} & tags.keys()


@pytest.mark.parametrize(
    "kind, key, value",
    [
        ("village_hall", "amenity", "community_centre"),
        ("school", "amenity", "school"),
        ("church", "amenity", "place_of_worship"),
        ("fire_station", "amenity", "fire_station"),
        ("library", "amenity", "library"),
        ("sports_hall", "leisure", "sports_hall"),
    ],
)
def test_osm_host_keeps_its_primary_use_and_serves_as_a_help_point(session, kind, key, value):
    tags = tags_of(session, kind=kind)
    assert tags[key] == value
    assert tags["emergency:emergency"] == "disaster_help_point"
    assert "emergency" not in tags


def test_osm_free_text_hours_are_left_out(session):
    # The factory's hours are Swedish free text ("Mån–fre 9–18", "Dygnet runt vid kris").
    tags = tags_of(session)
    assert "opening_hours" not in tags
    assert "emergency:opening_hours" not in tags


def test_osm_phone_lists_public_contacts_only(session):
    contacts = [
        {"name": "Anna Berg", "phone": "070-174 06 05", "public": True},
        {"name": "Bo Ek", "phone": "0640-123 45", "public": True, "alt_phone": "070-174 06 77"},
        {"name": "Privat Person", "phone": "070-174 06 99", "public": False},
        {"name": "Samma Nummer", "phone": "070-174 06 05", "public": True},
    ]
    assert tags_of(session, contacts=contacts)["phone"] == "+46701740605;+4664012345"


def test_osm_point_without_public_contacts_has_no_phone(session):
    contacts = [{"name": "Privat Person", "phone": "070-174 06 99", "public": False}]
    assert "phone" not in tags_of(session, contacts=contacts)


@pytest.mark.parametrize(
    "address, street, number",
    [
        ("Byvägen 12", "Byvägen", "12"),
        ("Storgatan 12A", "Storgatan", "12A"),
        ("Storgatan 12 B", "Storgatan", "12 B"),
        ("Storgatan 12–14", "Storgatan", "12-14"),
        ("Stora Torget 3", "Stora Torget", "3"),
        ("1:a Långgatan 5", "1:a Långgatan", "5"),
    ],
)
def test_osm_address_is_split_into_street_and_house_number(address, street, number):
    tags = address_tags(address, None, None)
    assert (tags["addr:street"], tags["addr:housenumber"]) == (street, number)


@pytest.mark.parametrize(
    "address",
    [
        "Box 123",  # a postal box, not a street
        "Storgatan 12, 2 tr",
        "Storgatan 12 lgh 1101",  # 1101 is a flat, not the house
        "Föllinge skola",
        "Storgatan",
        "12",
        None,
    ],
)
def test_osm_address_that_is_not_street_and_number_gives_no_street(address):
    tags = address_tags(address, None, None)
    assert "addr:street" not in tags
    assert "addr:housenumber" not in tags


@pytest.mark.parametrize(
    "postcode, expected",
    [("835 61", "835 61"), ("83561", "835 61"), ("8356", None), ("SE-835 61", None)],
)
def test_osm_postcode_written_as_postnord_does(postcode, expected):
    assert address_tags(None, postcode, None).get("addr:postcode") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mo-Fr 09:00-18:00; Sa 10:00-14:00", "Mo-Fr 09:00-18:00; Sa 10:00-14:00"),
        ("24/7", "24/7"),
        ("Mo-Fr 9:00-18:00", "Mo-Fr 09:00-18:00"),  # valid, written the usual way
        ("Mån–fre 9–18, lör 10–14", None),
        ("Dygnet runt vid kris", None),
        ("Mo-Fr 09:00-18:00;", None),
        ("", None),
        (None, None),
    ],
)
def test_osm_opening_hours_only_in_osm_syntax(text, expected):
    assert valid_opening_hours(text) == expected


def test_osm_phone_tag_keeps_whole_numbers_within_the_tag_limit():
    numbers = [f"+4670174{n:04d}" for n in range(30)]  # 12 characters each
    value = phone_tag(numbers)
    assert len(value) <= 255
    assert value.split(";") == numbers[:19]  # 19 numbers and 18 separators: 246 characters
