"""Enumerations exactly as contract.md lists them (stored as these strings)."""

KINDS = (
    "shop",
    "village_hall",
    "school",
    "church",
    "fire_station",
    "library",
    "sports_hall",
    "other",
)
SERVICES = (
    "heat",
    "water",
    "charging",
    "information",
    "first_aid",
    "toilet",
    "food",
    "fuel",
    "payments",
    "shelter",
    "wifi",
)
POWER_SOURCES = ("none", "connection_only", "mobile_generator", "fixed_generator")
FUELS = ("diesel", "hvo", "petrol", "gas")
POWER_COVERS = (
    "heat",
    "lighting",
    "payments",
    "charging",
    "communications",
    "water",
    "refrigeration",
    "fuel_pump",
    "wifi",
)
CONTACT_ROLES = (
    "point_manager",
    "power_responsible",
    "communications_responsible",
    "information_responsible",
    "first_aid",
)
# The roles of an area's crisis staff (criteria.md 2026.2, AREA-STAFF): a coordinator for the
# area, and the area's people for reserve power, communications and information to residents.
AREA_COORDINATOR = "area_coordinator"
AREA_ROLES = (
    AREA_COORDINATOR,
    "power_responsible",
    "communications_responsible",
    "information_responsible",
)
CHANNEL_KINDS = (
    "rakel",
    "satellite_phone",
    "vhf_radio",
    "landline",
    "mobile",
    "local_radio",
    "notice_board",
    "sms_list",
    "loudspeaker",
    "website",
    "social_media",
)
ACTIVATIONS = (
    "power_outage",
    "telecom_outage",
    "heat_crisis",
    "water_outage",
    "evacuation",
    "other",
)
CRISIS_STATES = ("normal", "open", "closed")
GENERATOR_SOURCES = ("mobile_generator", "fixed_generator")
