"""Human labels for the contract's enumeration values, translated through the catalogue."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

LABELS: dict[str, dict[str, object]] = {
    "kind": {
        "shop": _l("Shop"),
        "village_hall": _l("Village hall"),
        "school": _l("School"),
        "church": _l("Church"),
        "fire_station": _l("Fire station"),
        "library": _l("Library"),
        "sports_hall": _l("Sports hall"),
        "other": _l("Other"),
    },
    "service": {
        "heat": _l("Heat"),
        "water": _l("Water"),
        "charging": _l("Charging"),
        "information": _l("Information"),
        "first_aid": _l("First aid"),
        "toilet": _l("Toilet"),
        "food": _l("Food"),
        "fuel": _l("Fuel"),
        "payments": _l("Payments"),
        "shelter": _l("Shelter"),
        "wifi": _l("Wi-Fi"),
    },
    "power_source": {
        "none": _l("No reserve power"),
        "connection_only": _l("Connection for a generator only"),
        "mobile_generator": _l("Mobile generator"),
        "fixed_generator": _l("Fixed generator"),
    },
    "fuel": {"diesel": _l("Diesel"), "hvo": _l("HVO"), "petrol": _l("Petrol"), "gas": _l("Gas")},
    "covers": {
        "heat": _l("Heat"),
        "lighting": _l("Lighting"),
        "payments": _l("Payments"),
        "charging": _l("Charging"),
        "communications": _l("Communications"),
        "water": _l("Water"),
        "refrigeration": _l("Refrigeration"),
        "fuel_pump": _l("Fuel pump"),
        "wifi": _l("Wi-Fi"),
    },
    "role": {
        "point_manager": _l("Point manager"),
        "power_responsible": _l("Reserve power"),
        "communications_responsible": _l("Communications"),
        "information_responsible": _l("Information to residents"),
        "first_aid": _l("First aid"),
    },
    "area_role": {
        "area_coordinator": _l("Area coordinator"),
        "power_responsible": _l("Reserve power"),
        "communications_responsible": _l("Communications"),
        "information_responsible": _l("Information to residents"),
    },
    "channel": {
        "rakel": _l("RAKEL"),
        "satellite_phone": _l("Satellite phone"),
        "vhf_radio": _l("VHF radio"),
        "landline": _l("Landline"),
        "mobile": _l("Mobile phone"),
        "local_radio": _l("Local radio"),
        "notice_board": _l("Notice board"),
        "sms_list": _l("SMS list"),
        "loudspeaker": _l("Loudspeaker"),
        "website": _l("Website"),
        "social_media": _l("Social media"),
    },
    "activation": {
        "power_outage": _l("Power outage"),
        "telecom_outage": _l("Telecom outage"),
        "heat_crisis": _l("Heat crisis"),
        "water_outage": _l("Water outage"),
        "evacuation": _l("Evacuation"),
        "other": _l("Other events"),
    },
    "field": {"address": _l("Address"), "lat": _l("Latitude"), "lon": _l("Longitude")},
    "severity": {"critical": _l("Critical"), "major": _l("Major"), "minor": _l("Minor")},
    "level": {"ready": _l("Ready"), "gaps": _l("Gaps"), "not_ready": _l("Not ready")},
    "crisis_state": {"normal": _l("Normal"), "open": _l("Open"), "closed": _l("Closed")},
    "user_role": {
        "admin": _l("Administrator"),
        "auditor": _l("Coordinator (auditor)"),
        "staff": _l("Point staff"),
    },
    "action_status": {
        "planned": _l("Planned"),
        "in_progress": _l("In progress"),
        "done": _l("Done"),
        "cancelled": _l("Cancelled"),
    },
    "token_state": {
        "active": _l("Active"),
        "expired": _l("Expired"),
        "revoked": _l("Revoked"),
    },
    # An audit's checklist: what the auditor observed for each criterion.
    "observed": {
        "ok": _l("Fulfilled"),
        "gap": _l("Gap"),
        "na": _l("Not applicable"),
    },
    # Facts an audit visit confirms and sets on the point (points/writes.py AUDIT_FACTS).
    "audit_fact": {
        "test_run": _l("Generator test run seen at the visit (sets the last test run)"),
        "contacts_reviewed": _l("Contacts checked with the staff (sets contacts reviewed)"),
        "channels_tested": _l("Channels tested at the visit (sets each channel's last test)"),
    },
    "action": {
        "create": _l("Created"),
        "update": _l("Changed"),
        "archive": _l("Archived"),
        "restore": _l("Restored"),
        "crisis": _l("Crisis state changed"),
        "exercise": _l("Exercise recorded"),
        "confirm": _l("Confirmed as still correct"),
        "audit": _l("Confirmed at an audit"),
    },
}


def label(group: str, value: str | None) -> str:
    if value is None:
        return ""
    return str(LABELS[group].get(value, value))


def labels_for(group: str) -> list[tuple[str, str]]:
    return [(value, str(text)) for value, text in LABELS[group].items()]


def choose_one_of(group: str) -> str:
    """A form's message for a value outside `group`: the choices in words, as the form lists
    them (the API's message names the stored keys instead)."""
    choices = ", ".join(text for _value, text in labels_for(group))
    return str(_l("Not one of the choices. Choose one of: %(choices)s.", choices=choices))
