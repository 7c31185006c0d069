"""Readable names for point fields, for the change history and the conflict page.

A path like `power.tank_litres` or `contacts.0.phone` reads "Reservkraft › Tank (liter)" or
"Kontaktperson 1 › Telefon": the same words as the edit form."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

_TOP = {
    "name": _l("Name"),
    "kind": _l("Kind"),
    "municipality": _l("Municipality"),
    "area": _l("Area"),
    "address": _l("Address"),
    "postcode": _l("Postcode"),
    "locality": _l("Locality"),
    "lat": _l("Latitude"),
    "lon": _l("Longitude"),
    "capacity": _l("Capacity (people)"),
    "services": _l("Services"),
    "opening_hours": _l("Normal opening hours"),
    "crisis_hours": _l("Crisis opening hours"),
    "public_info": _l("Information to residents"),
    "accessibility": _l("Accessibility"),
    "activation": _l("Opens at"),
    "contacts_reviewed": _l("Contacts reviewed"),
    "last_exercise": _l("Last exercise"),
    "power": _l("Reserve power"),
    "agreement": _l("Agreement"),
    "crisis": _l("Crisis state"),
    "archived": _l("Archived"),
    "contacts": _l("Contacts and roles"),
    "channels": _l("Information channels"),
    # An area's crisis staff (areas/): its history uses the same words.
    "staff": _l("Area crisis staff"),
    "staff_reviewed": _l("Staff reviewed"),
}
_NESTED = {
    "power": {
        "source": _l("Source"),
        "generator_kw": _l("Generator power (kW)"),
        "fuel": _l("Fuel"),
        "tank_litres": _l("Tank (litres)"),
        "consumption_lph": _l("Consumption (litres per hour)"),
        "covers": _l("The generator powers"),
        "last_test_run": _l("Last test run"),
        "last_load_test": _l("Last load test"),
        "fuel_checked": _l("Fuel checked"),
        "refuel_plan": _l("Refuelling plan"),
    },
    "agreement": {
        "counterparty": _l("Counterparty"),
        "valid_from": _l("Valid from"),
        "valid_until": _l("Valid until"),
    },
    "crisis": {"state": _l("Crisis state"), "message": _l("Crisis message")},
    "contacts": {
        "name": _l("Name"),
        "organisation": _l("Organisation"),
        "phone": _l("Phone"),
        "alt_phone": _l("Other phone"),
        "email": _l("E-mail"),
        "public": _l("Show name and phone to residents"),
        "roles": _l("Roles"),
    },
    "channels": {"kind": _l("Kind"), "detail": _l("Detail"), "last_tested": _l("Last tested")},
    "staff": {
        "name": _l("Name"),
        "organisation": _l("Organisation"),
        "phone": _l("Phone"),
        "alt_phone": _l("Other phone"),
        "email": _l("E-mail"),
        "public": _l("May be shown to residents"),
        "roles": _l("Roles"),
    },
}
# The same msgids as the edit forms' row headings (extracted from templates/points/form.html
# and templates/areas/form.html).
_ROW = {"contacts": "Contact %(n)s", "channels": "Channel %(n)s", "staff": "Person %(n)s"}


def field_label(path: str) -> str:
    """`contacts.0.phone` -> "Contact 1 › Phone" in the user's language; unknown parts kept."""
    head, *rest = path.split(".")
    words = [str(_TOP.get(head, head))]
    if rest and rest[0].isascii() and rest[0].isdigit() and head in _ROW:
        words = [gettext(_ROW[head], n=int(rest[0]) + 1)]
        rest = rest[1:]
    if rest:
        word = str(_NESTED.get(head, {}).get(rest[0], rest[0]))
        if word != words[0]:  # "Krisläge › Krisläge" reads as just "Krisläge"
            words.append(word)
    return " › ".join(words)
