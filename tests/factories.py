"""Test builders with sensible defaults (`make_*`) and a small JSON API client."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta

from readiness.auth.actors import SYSTEM
from readiness.auth.services import assign_points, create_token, create_user
from readiness.points.writes import create_point
from readiness.timeutil import today_in_sweden

PASSWORD = "correct horse battery"
# One round of PBKDF2: hashing stays real (salted, checked) but costs nothing. The app under
# test uses it too (tests/conftest.py `make_app`); production stays on scrypt.
TEST_PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
_counter = itertools.count(1)


def days_ago(days: int) -> str:
    return (today_in_sweden() - timedelta(days=days)).isoformat()


def point_input(**overrides) -> dict:
    """A complete, valid point as the API accepts it."""
    data = {
        "name": "Handlar'n Föllinge",
        "kind": "shop",
        "municipality": "Krokom",
        "area": "Föllinge",
        "address": "Byvägen 12",
        "postcode": "835 61",
        "locality": "Föllinge",
        "lat": 63.667,
        "lon": 14.619,
        "capacity": 40,
        "services": ["heat", "water", "charging", "information"],
        "opening_hours": "Mån–fre 9–18",
        "crisis_hours": "Dygnet runt vid kris",
        "public_info": "Ingång från parkeringen.",
        "accessibility": "Ramp vid entrén.",
        "activation": ["power_outage"],
        "power": {
            "source": "fixed_generator",
            "generator_kw": 20.0,
            "fuel": "diesel",
            "tank_litres": 400,
            "consumption_lph": 5.0,
            "covers": ["heat", "lighting", "charging", "water"],
            "last_test_run": days_ago(10),
            "last_load_test": days_ago(100),
            "fuel_checked": days_ago(20),
            "refuel_plan": "Avtal med leverantör",
        },
        "contacts": [
            {
                "name": "Anna Berg",
                "organisation": "Handlar'n",
                "phone": "070-174 06 05",
                "alt_phone": None,
                "email": None,
                "public": True,
                "roles": ["point_manager"],
            },
        ],
        "contacts_reviewed": days_ago(30),
        "channels": [{"kind": "rakel", "detail": "Talgrupp KROKOM-TP", "last_tested": days_ago(5)}],
        "agreement": {
            "counterparty": "Handlar'n AB",
            "valid_from": "2025-01-01",
            "valid_until": "2030-12-31",
        },
        "last_exercise": days_ago(60),
    }
    data.update(overrides)
    return data


def make_point(session, **overrides):
    point = create_point(session, point_input(**overrides), SYSTEM)
    session.commit()
    return point


def make_user(session, role: str = "auditor", *, email: str | None = None, points=()):
    email = email or f"{role}{next(_counter)}@test.example"
    user = create_user(session, email, role, PASSWORD, hash_method=TEST_PASSWORD_HASH_METHOD)
    assign_points(user, list(points))
    session.commit()
    return user


class ApiClient:
    """JSON requests with the user's bearer token."""

    def __init__(self, client, session, user):
        self.client = client
        self.user = user
        self.token = create_token(session, user.email)
        session.commit()

    def _call(self, method: str, url: str, body=None, raw: str | None = None, **kwargs):
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        return self.client.open(
            url,
            method=method,
            data=data,
            headers=headers,
            content_type="application/json",
            **kwargs,
        )

    def get(self, url, **kw):
        return self._call("GET", url, **kw)

    def post(self, url, body=None, **kw):
        return self._call("POST", url, body, **kw)

    def patch(self, url, body=None, **kw):
        return self._call("PATCH", url, body, **kw)

    def put(self, url, body=None, **kw):
        return self._call("PUT", url, body, **kw)

    def delete(self, url, **kw):
        return self._call("DELETE", url, **kw)


def full_crew() -> list[dict]:
    """Contacts holding every required role twice, one of them public."""
    roles = ["point_manager", "power_responsible", "communications_responsible"]
    return [
        {"name": "Anna Berg", "phone": "070-174 06 05", "public": True, "roles": roles},
        {"name": "Bo Ek", "phone": "070-174 06 06", "public": False, "roles": roles},
    ]


def complete_point_input(**overrides) -> dict:
    """A point that meets every criterion except the print log and the audit."""
    channels = point_input()["channels"] + [{"kind": "notice_board", "detail": "Entrén"}]
    return point_input(contacts=full_crew(), channels=channels, **overrides)


def long_text(length: int, word: str = "WÅGMÖ") -> str:
    """Text of exactly `length` characters of wide capitals: worse than any real name."""
    return ((word + " ") * length)[:length].rstrip().ljust(length, "W")


def maximal_point_input(**overrides) -> dict:
    """The longest content the register accepts in every field a resident reads."""
    from readiness.points import enums
    from readiness.points.schemas import PointSchema

    fields = PointSchema().fields

    def longest(name: str, schema_fields=fields) -> str:
        return long_text(schema_fields[name].max_length)

    contact_fields = fields["contacts"].inner.schema.fields
    channel_fields = fields["channels"].inner.schema.fields
    contacts = [
        {
            "name": longest("name", contact_fields),
            "phone": f"+46 70 174 06 {n:02d}",
            "public": True,
            "roles": list(enums.CONTACT_ROLES),
        }
        for n in range(20)
    ]
    channels = [
        {"kind": kind, "detail": longest("detail", channel_fields)}
        for kind in ("local_radio", "notice_board", "sms_list", "loudspeaker", "website")
        for _ in range(4)
    ]
    maximal = dict(
        name=longest("name"),
        address=longest("address"),
        postcode="835 61",
        locality=longest("locality"),
        crisis_hours=longest("crisis_hours"),
        opening_hours=longest("opening_hours"),
        public_info=longest("public_info"),
        accessibility=longest("accessibility"),
        services=list(enums.SERVICES),
        activation=list(enums.ACTIVATIONS),
        contacts=contacts,
        channels=channels,
    )
    return point_input(**{**maximal, **overrides})


def full_area_staff() -> list[dict]:
    """An area's crisis staff with every area role, two coordinators (AREA-STAFF passes)."""
    return [
        {"name": "Maria Sjöberg", "phone": "070-174 06 55", "roles": ["area_coordinator"]},
        {
            "name": "Johan Lindqvist",
            "phone": "070-174 06 56",
            "roles": ["area_coordinator", "power_responsible"],
        },
        {
            "name": "Eva Strand",
            "phone": "070-174 06 57",
            "roles": ["communications_responsible", "information_responsible"],
        },
    ]


def make_area_staff(session, municipality="Krokom", area="Föllinge", staff=None, **fields):
    """Give an area (made with a point) its crisis staff; `staff` defaults to a full one."""
    from readiness.areas.queries import find_area
    from readiness.areas.writes import update_staff

    found = find_area(session, municipality, area)
    data = {"staff": full_area_staff() if staff is None else staff, **fields}
    update_staff(session, found, {**data, "version": found.staff_version}, SYSTEM)
    session.commit()
    return found
