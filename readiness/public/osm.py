"""OpenStreetMap tags of a public point, and the points as OSM XML for JOSM.

Built only from a PublicPoint (the allow-list in points/public.py), so nothing private can reach
an export. The register only offers its data for comparison: the XML is marked upload="never"
(JOSM file format, wiki.openstreetmap.org/wiki/JOSM_file_format) and nothing is ever uploaded.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import opening_hours

from readiness.points.public import PublicPoint

GENERATOR = "Trygghetspunktsregistret"

# OSM limits every tag value to 255 characters; a longer value is left out, never cut.
MAX_VALUE = 255

# The primary use of a host that serves as a help point only in a crisis. `other` has no known
# primary use: the point itself is the help point.
PRIMARY_TAGS: dict[str, tuple[str, str]] = {
    "shop": ("shop", "yes"),
    "village_hall": ("amenity", "community_centre"),
    "school": ("amenity", "school"),
    "church": ("amenity", "place_of_worship"),
    "fire_station": ("amenity", "fire_station"),
    "library": ("amenity", "library"),
    "sports_hall": ("leisure", "sports_hall"),
}

HELP_POINT = "disaster_help_point"  # wiki.openstreetmap.org/wiki/Tag:emergency=disaster_help_point

# "Storgatan 12", "Storgatan 12A", "Storgatan 12 B", "Storgatan 12-14": a street and, last, a
# house number (digits, an optional letter, an optional range).
_NUMBER = r"\d{1,5}(?: ?[A-Za-zÅÄÖåäö])?"
_ADDRESS = re.compile(rf"(?P<street>.+?)\s+(?P<number>{_NUMBER}(?:\s?[-–]\s?{_NUMBER})?)")
_POSTCODE = re.compile(r"(\d{3}) ?(\d{2})")
# Not a street: a postal box ("Box 123").
_NOT_STREETS = {"box", "pl", "postbox", "fack"}


def osm_tags(point: PublicPoint) -> dict[str, str]:
    """The point as OSM tags, each from a public field; a value that would be wrong is left out."""
    tags: dict[str, str] = {}
    primary = PRIMARY_TAGS.get(point.kind)
    if primary:
        # A shop or hall that becomes a help point in a crisis: its primary use as usual, the
        # emergency use under the emergency:* namespace ("prefix the keys of those facts which
        # apply during emergency activation", wiki.openstreetmap.org/wiki/Key:emergency:*).
        tags[primary[0]] = primary[1]
        tags["emergency:emergency"] = HELP_POINT
    else:
        tags["emergency"] = HELP_POINT
    # yes only for a generator kept on site (points/power.py): a prepared connection is not one.
    tags["backup_generator"] = "yes" if point.has_reserve_power else "no"
    tags["name"] = point.name
    tags.update(address_tags(point.address, point.postcode, point.locality))
    phone = phone_tag(c.phone for c in point.contacts)
    if phone:
        tags["phone"] = phone
    hours = valid_opening_hours(point.opening_hours)
    if hours:
        tags["opening_hours"] = hours
    crisis_hours = valid_opening_hours(point.crisis_hours)
    if crisis_hours:
        # The hours during activation, under the same namespace (as its emergency:phone example).
        tags["emergency:opening_hours"] = crisis_hours
    return {key: value for key, value in tags.items() if value and len(value) <= MAX_VALUE}


def address_tags(address: str | None, postcode: str | None, locality: str | None) -> dict:
    """addr:* from a Swedish address line ("Storgatan 12"), postcode and postal town.

    The line is split only when it is a street followed by a house number; anything else
    ("Box 12", "Storgatan 12, 2 tr", "Storgatan 12 lgh 1101", a place name) gives no street."""
    tags: dict[str, str] = {}
    match = _ADDRESS.fullmatch(" ".join((address or "").split()))
    if match:
        street, number = match["street"], match["number"]
        words = street.split()
        is_street = (
            re.search(r"[^\W\d_]", street)
            and "," not in street
            and words[0].lower() not in _NOT_STREETS
            and not any(word.isdigit() for word in words)
        )
        if is_street:
            tags["addr:street"] = street
            tags["addr:housenumber"] = re.sub(r"\s*[-–]\s*", "-", number)
    code = _POSTCODE.fullmatch((postcode or "").strip())
    if code:
        tags["addr:postcode"] = f"{code[1]} {code[2]}"  # as Postnord writes it: "835 61"
    if locality:
        tags["addr:city"] = locality
    return tags


def phone_tag(phones) -> str | None:
    """The public numbers, stored in E.164 ("+46701740605"), ";"-separated as OSM lists values;
    only as many whole numbers as fit in one tag value."""
    numbers: list[str] = []
    for phone in phones:
        if phone and phone not in numbers and len(";".join([*numbers, phone])) <= MAX_VALUE:
            numbers.append(phone)
    return ";".join(numbers) or None


def valid_opening_hours(text: str | None) -> str | None:
    """The value in OSM opening_hours syntax when it is one, as the parser writes it
    ("Mo-Fr 9:00-18:00" -> "Mo-Fr 09:00-18:00"); free text ("Mån–fre 9–18") gives None.

    Checked with opening-hours-py, the Python binding of opening-hours-rs, which implements
    wiki.openstreetmap.org/wiki/Key:opening_hours/specification."""
    if not text or not opening_hours.validate(text):
        return None
    written = str(opening_hours.OpeningHours(text))
    return written if opening_hours.validate(written) else None


def osm_xml(points: list[PublicPoint]) -> str:
    """OSM XML 0.6 for JOSM: a node per point with coordinates, negative ids (new objects, not
    the register's ids) and upload="never". A point without coordinates has no place on the map
    and is left out (it is still in the GeoJSON, with a null geometry)."""
    root = ET.Element("osm", version="0.6", generator=GENERATOR, upload="never")
    located = [p for p in points if p.lat is not None and p.lon is not None]
    for number, point in enumerate(located, start=1):
        node = ET.SubElement(
            root, "node", id=str(-number), lat=f"{point.lat:.7f}", lon=f"{point.lon:.7f}"
        )
        for key, value in osm_tags(point).items():
            ET.SubElement(node, "tag", k=key, v=value)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
