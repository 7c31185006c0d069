"""Demo data: two municipalities with points of mixed completeness, and demo accounts.

People are fictional; phone numbers come from the ranges PTS reserves for fiction
(070-174 06 05 to 070-174 06 99 and 08-465 004 00 to 08-465 004 99).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from readiness.audits.services import record_audit
from readiness.auth.services import assign_points, create_user, find_user, set_password
from readiness.config import DEFAULT_PASSWORD_HASH_METHOD
from readiness.notices.services import record_posting
from readiness.points.models import Point
from readiness.points.services import SYSTEM, create_point
from readiness.timeutil import today_in_sweden

DEMO_ACCOUNTS = (
    ("admin@demo.example", "admin"),
    ("samordnare@demo.example", "auditor"),
    ("personal@demo.example", "staff"),
)
_phones = iter(())


def has_points(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(Point)) or 0) > 0


def _ago(days: int) -> str:
    return (today_in_sweden() - timedelta(days=days)).isoformat()


def _contact(
    name: str,
    roles: list[str],
    *,
    public: bool = False,
    org: str | None = None,
    email: str | None = None,
) -> dict:
    return {
        "name": name,
        "organisation": org,
        "phone": next(_phones),
        "public": public,
        "roles": roles,
        "email": email,
    }


def _crew(org: str, *, deputies: bool) -> list[dict]:
    """A point manager (public) and holders of the other required roles."""
    crew = [
        _contact(
            f"{org} – kassan", ["point_manager", "information_responsible"], public=True, org=org
        ),
        _contact("Karin Holm", ["power_responsible"], org=org, email="karin.holm@demo.example"),
        _contact("Erik Lund", ["communications_responsible", "first_aid"], org=org),
    ]
    if deputies:
        crew += [
            _contact("Sara Nyström", ["point_manager", "communications_responsible"], org=org),
            _contact("Olof Persson", ["power_responsible"], org=org),
        ]
    return crew


def _generator(
    tank: float,
    lph: float,
    *,
    test_days: int = 12,
    load_days: int = 150,
    fuel_days: int = 40,
    refuel: str | None = "Avtal med bränsleleverantör om leverans vid elavbrott",
    source: str = "fixed_generator",
) -> dict:
    return {
        "source": source,
        "generator_kw": 20.0,
        "fuel": "diesel",
        "tank_litres": tank,
        "consumption_lph": lph,
        "covers": ["heat", "lighting", "payments", "charging", "communications", "water"],
        "last_test_run": _ago(test_days),
        "last_load_test": _ago(load_days),
        "fuel_checked": _ago(fuel_days),
        "refuel_plan": refuel,
    }


def _agreement(org: str, *, until: date | None = None) -> dict:
    today = today_in_sweden()
    return {
        "counterparty": org,
        "valid_from": date(today.year - 1, 1, 1).isoformat(),
        "valid_until": (until or date(today.year + 1, 12, 31)).isoformat(),
    }


SHOP_SERVICES = [
    "heat",
    "water",
    "charging",
    "information",
    "first_aid",
    "toilet",
    "food",
    "payments",
]
HALL_SERVICES = ["heat", "water", "charging", "information", "first_aid", "toilet", "shelter"]


def _rakel(days: int, group: str) -> dict:
    return {"kind": "rakel", "detail": f"Talgrupp {group}", "last_tested": _ago(days)}


def demo_points() -> list[dict]:
    global _phones
    _phones = iter(f"+467017406{n:02d}" for n in range(5, 100))
    board = {"kind": "notice_board", "detail": "Anslagstavla vid entrén", "last_tested": None}
    radio = {
        "kind": "local_radio",
        "detail": "Sveriges Radio Jämtland 103,5 MHz",
        "last_tested": None,
    }
    radio_vb = {
        "kind": "local_radio",
        "detail": "Sveriges Radio Västerbotten 101,2 MHz",
        "last_tested": None,
    }
    base_k = {
        "municipality": "Krokom",
        "activation": ["power_outage", "telecom_outage", "heat_crisis"],
    }
    base_v = {
        "municipality": "Vilhelmina",
        "activation": ["power_outage", "telecom_outage", "heat_crisis", "water_outage"],
    }
    return [
        {
            **base_k,
            "name": "Handlar'n Föllinge",
            "kind": "shop",
            "area": "Föllinge",
            "address": "Byvägen 12",
            "postcode": "835 61",
            "locality": "Föllinge",
            "lat": 63.667,
            "lon": 14.619,
            "capacity": 40,
            "services": SHOP_SERVICES,
            "opening_hours": "Mån–fre 9–18, lör 10–14",
            "crisis_hours": "Dygnet runt vid kris",
            "public_info": "Ingång från parkeringen. Kaffe och laddning av telefoner.",
            "accessibility": "Ramp vid entrén, handikapptoalett.",
            "power": _generator(400, 5.0),
            "contacts": _crew("Handlar'n", deputies=True),
            "contacts_reviewed": _ago(60),
            "channels": [_rakel(20, "KROKOM-TP"), board, radio],
            "agreement": _agreement("Handlar'n Föllinge AB"),
            "last_exercise": _ago(120),
        },
        {
            **base_k,
            "name": "Hotagens bygdegård",
            "kind": "village_hall",
            "area": "Hotagen",
            "address": "Bygdegårdsvägen 3",
            "postcode": "835 95",
            "locality": "Rötviken",
            "lat": 64.189,
            "lon": 14.233,
            "capacity": 60,
            "services": HALL_SERVICES,
            "crisis_hours": "Öppnar inom två timmar vid långvarigt elavbrott",
            "power": _generator(500, 6.0, test_days=52),
            "contacts": _crew("Bygdegårdsföreningen", deputies=False),
            "contacts_reviewed": _ago(250),
            "channels": [_rakel(40, "KROKOM-TP"), board],
            "agreement": _agreement("Hotagens bygdegårdsförening"),
            "last_exercise": _ago(400),
        },
        {
            **base_k,
            "name": "Offerdals skola",
            "kind": "school",
            "area": "Offerdal",
            "address": "Skolvägen 5",
            "postcode": "835 31",
            "locality": "Änge",
            "lat": 63.484,
            "lon": 14.067,
            "capacity": 120,
            "services": HALL_SERVICES,
            "crisis_hours": "Vardagar 8–20 vid kris",
            "power": {
                "source": "connection_only",
                "covers": ["heat", "lighting"],
                "refuel_plan": None,
            },
            "contacts": _crew("Offerdals skola", deputies=True),
            "contacts_reviewed": _ago(30),
            "channels": [
                {"kind": "mobile", "detail": "Rektors mobil", "last_tested": _ago(5)},
                board,
            ],
            "agreement": _agreement("Krokoms kommun, barn och utbildning"),
            "last_exercise": _ago(200),
        },
        {
            **base_k,
            "name": "Ås Lanthandel",
            "kind": "shop",
            "area": "Ås",
            "address": "Åsvägen 40",
            "postcode": "835 32",
            "locality": "Ås",
            "lat": 63.251,
            "lon": 14.563,
            "capacity": 30,
            "services": SHOP_SERVICES,
            "opening_hours": "Mån–lör 8–20",
            "crisis_hours": "Ordinarie öppettider, förlängt vid behov",
            "power": _generator(300, 5.0, refuel=None),
            "contacts": _crew("Ås Lanthandel", deputies=True),
            "contacts_reviewed": _ago(100),
            "channels": [_rakel(70, "KROKOM-TP"), radio],
            "agreement": _agreement("Ås Lanthandel HB"),
            "last_exercise": _ago(300),
        },
        {
            **base_k,
            "name": "Föllinge kyrka",
            "kind": "church",
            "area": "Föllinge",
            "address": "Kyrkvägen 1",
            "postcode": "835 61",
            "locality": "Föllinge",
            "lat": 63.671,
            "lon": 14.611,
            "capacity": 150,
            "services": ["information", "shelter"],
            "crisis_hours": "Vid behov, meddelas via lokalradion",
            "power": {"source": "none"},
            "contacts": [
                _contact(
                    "Församlingsexpeditionen",
                    ["point_manager"],
                    public=True,
                    org="Föllinge församling",
                )
            ],
            "channels": [board],
        },
        {
            **base_k,
            "name": "Laxsjö bystuga",
            "kind": "village_hall",
            "area": "Föllinge",
            "address": "Laxsjövägen 8",
            "postcode": "835 92",
            "locality": "Laxsjö",
            "lat": 63.812,
            "lon": 14.476,
            "capacity": 25,
            "services": HALL_SERVICES,
            "crisis_hours": "Dygnet runt vid kris",
            "power": _generator(200, 2.5, source="mobile_generator", test_days=31),
            "contacts": _crew("Laxsjö byalag", deputies=True),
            "contacts_reviewed": _ago(20),
            "channels": [
                {
                    "kind": "satellite_phone",
                    "detail": "Iridium, förvaras i köket",
                    "last_tested": _ago(60),
                },
                board,
                {"kind": "sms_list", "detail": "Byalagets SMS-lista", "last_tested": None},
            ],
            "agreement": _agreement("Laxsjö byalag"),
            "last_exercise": _ago(90),
        },
        {
            **base_k,
            "name": "Räddningsstation Föllinge",
            "kind": "fire_station",
            "area": "Föllinge",
            "address": "Industrivägen 2",
            "postcode": "835 61",
            "locality": "Föllinge",
            "lat": 63.664,
            "lon": 14.628,
            "services": ["heat", "charging", "information", "first_aid", "water", "toilet"],
            "crisis_hours": "Dygnet runt när räddningstjänsten larmar ut",
            "power": _generator(1000, 8.0),
            "contacts": _crew("Räddningstjänsten Jämtland", deputies=True),
            "contacts_reviewed": _ago(10),
            "channels": [
                _rakel(15, "RTJ-FÖLLINGE"),
                {"kind": "vhf_radio", "detail": "Kanal 7", "last_tested": _ago(15)},
                {"kind": "loudspeaker", "detail": "Högtalarbil", "last_tested": None},
            ],
            "agreement": _agreement("Räddningstjänsten Jämtland"),
            "last_exercise": _ago(45),
        },
        {
            **base_v,
            "name": "Dikanäs Handel",
            "kind": "shop",
            "area": "Dikanäs",
            "address": "Dikanäsvägen 21",
            "postcode": "912 92",
            "locality": "Dikanäs",
            "lat": 65.235,
            "lon": 15.998,
            "capacity": 35,
            "services": SHOP_SERVICES + ["fuel"],
            "opening_hours": "Mån–fre 10–18, lör 10–13",
            "crisis_hours": "Dygnet runt vid långvarigt elavbrott",
            "power": {
                **_generator(600, 6.0),
                "covers": [
                    "heat",
                    "lighting",
                    "payments",
                    "charging",
                    "communications",
                    "water",
                    "fuel_pump",
                    "refrigeration",
                ],
            },
            "contacts": _crew("Dikanäs Handel", deputies=True),
            "contacts_reviewed": _ago(45),
            "channels": [_rakel(30, "VILHELMINA-TP"), board, radio_vb],
            "agreement": _agreement("Dikanäs Handel AB"),
            "last_exercise": _ago(150),
        },
        {
            **base_v,
            "name": "Saxnäs byagård",
            "kind": "village_hall",
            "area": "Saxnäs",
            "address": "Saxnäsvägen 4",
            "postcode": "912 99",
            "locality": "Saxnäs",
            "lat": 64.972,
            "lon": 15.345,
            "capacity": 50,
            "services": HALL_SERVICES,
            "crisis_hours": "Öppnar när kommunen larmar",
            "power": _generator(250, 5.0, fuel_days=140),
            "contacts": _crew("Saxnäs byaförening", deputies=False),
            "contacts_reviewed": _ago(90),
            "channels": [_rakel(100, "VILHELMINA-TP"), radio_vb],
            "agreement": _agreement("Saxnäs byaförening"),
            "last_exercise": _ago(330),
        },
        {
            **base_v,
            "name": "Kittelfjäll Service",
            "kind": "shop",
            "area": "Kittelfjäll",
            "address": "Fjällvägen 2",
            "postcode": "912 95",
            "locality": "Kittelfjäll",
            "lat": 65.247,
            "lon": 15.507,
            "capacity": 20,
            "services": SHOP_SERVICES,
            "crisis_hours": "Mån–sön 9–21 vid kris",
            "power": _generator(400, 5.0),
            "contacts": _crew("Kittelfjäll Service", deputies=True),
            "contacts_reviewed": _ago(150),
            "channels": [_rakel(50, "VILHELMINA-TP"), board],
            "agreement": _agreement(
                "Kittelfjäll Service AB", until=today_in_sweden() - timedelta(days=40)
            ),
            "last_exercise": _ago(500),
        },
        {
            **base_v,
            "name": "Malgoviks skola",
            "kind": "school",
            "area": "Malgovik",
            "address": "Skolbacken 1",
            "postcode": "912 93",
            "locality": "Malgovik",
            "lat": 64.802,
            "lon": 16.073,
            "capacity": 80,
            "services": ["heat", "information", "toilet", "shelter"],
            "power": {"source": "connection_only", "covers": ["lighting"]},
            "contacts": [_contact("Lena Vikström", ["point_manager"], org="Vilhelmina kommun")],
            "channels": [{"kind": "landline", "detail": "Expeditionen", "last_tested": _ago(200)}],
        },
        {
            **base_v,
            "name": "Vilhelmina bibliotek",
            "kind": "library",
            "area": "Vilhelmina",
            "address": "Storgatan 11",
            "postcode": "912 31",
            "locality": "Vilhelmina",
            "lat": 64.624,
            "lon": 16.655,
            "capacity": 100,
            "services": ["heat", "charging", "information", "wifi", "toilet"],
            "opening_hours": "Mån–tor 10–19, fre 10–16",
            "crisis_hours": "Mån–fre 8–20 vid kris",
            "power": {
                **_generator(800, 7.0),
                "covers": ["heat", "lighting", "charging", "communications"],
            },
            "contacts": _crew("Vilhelmina bibliotek", deputies=True)
            + [
                _contact(
                    "Informationsdisken",
                    ["information_responsible"],
                    public=True,
                    org="Vilhelmina kommun",
                )
            ],
            "contacts_reviewed": _ago(30),
            "channels": [
                _rakel(10, "VILHELMINA-TP"),
                radio_vb,
                {"kind": "website", "detail": "vilhelmina.se/kris", "last_tested": None},
            ],
            "agreement": _agreement("Vilhelmina kommun, kultur"),
            "last_exercise": _ago(60),
        },
        {
            **base_v,
            "name": "Latikbergs bygdegård",
            "kind": "village_hall",
            "area": "Latikberg",
            "locality": "Latikberg",
            "services": ["heat", "shelter"],
            "power": {"source": "none"},
            "contacts": [
                _contact(
                    "Nils Ek",
                    ["point_manager", "power_responsible"],
                    org="Latikbergs bygdeförening",
                )
            ],
        },
    ]


READY_IN_DEMO = {
    "Dikanäs Handel",
    "Handlar'n Föllinge",
    "Laxsjö bystuga",
    "Räddningsstation Föllinge",
}
AUDITED_IN_DEMO = {"Hotagens bygdegård", "Ås Lanthandel", "Vilhelmina bibliotek"}


def load_demo(
    session: Session, instance_dir: Path, *, hash_method: str = DEFAULT_PASSWORD_HASH_METHOD
) -> list[str]:
    """Create the demo points and accounts (passwords hashed with `hash_method`, the app's
    PASSWORD_HASH_METHOD); return the lines that tell the demo login."""
    points = [create_point(session, data, SYSTEM) for data in demo_points()]
    # Sheets posted and audits done at the well-kept points, so every readiness level shows.
    for point in points:
        if point.name in READY_IN_DEMO:
            record_posting(session, point, SYSTEM)
            record_audit(
                session,
                point,
                SYSTEM,
                today_in_sweden() - timedelta(days=75),
                "Genomgång på plats med personalen.",
            )
        elif point.name in AUDITED_IN_DEMO:
            record_audit(session, point, SYSTEM, today_in_sweden() - timedelta(days=200))
    password_file = instance_dir / "demo-login.txt"
    password = secrets.token_urlsafe(9)
    lines = [f"Demo login at /login (password for all three: {password})"]
    for email, role in DEMO_ACCOUNTS:
        user = find_user(session, email)
        if user is None:
            user = create_user(session, email, role, password, hash_method=hash_method)
        else:  # --force on a database that has the demo accounts: reset their password
            set_password(user, password, hash_method=hash_method)
        if role == "staff":
            assign_points(user, points[:2])
        lines.append(f"  {email}  ({role})")
    instance_dir.mkdir(parents=True, exist_ok=True)
    password_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    password_file.chmod(0o600)
    return lines
