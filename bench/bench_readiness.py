"""Benchmark: evaluate readiness for 10,000 generated points (issue: target under 1 s).

Run on demand: `.venv/bin/python bench/bench_readiness.py [--points N] [--database URL]`.
Generates points straight into a fresh database with bulk inserts, then times
1. loading the facts (a fixed 7 queries) and 2. the pure evaluation, and prints both.
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert

from readiness import create_app
from readiness.criteria.catalog import catalog_for
from readiness.criteria.engine import evaluate
from readiness.criteria.facts import load_facts
from readiness.extensions import db
from readiness.points.codes import CODE_ALPHABET
from readiness.points.enums import CHANNEL_KINDS, CONTACT_ROLES, POWER_SOURCES, SERVICES
from readiness.points.models import Agreement, Area, Channel, Contact, Municipality, Point, Power
from readiness.timeutil import today_in_sweden, utcnow


def unique_code(n: int) -> str:
    """A distinct 6-character code per number, in the register's alphabet."""
    digits = []
    for _ in range(6):
        n, digit = divmod(n, len(CODE_ALPHABET))
        digits.append(CODE_ALPHABET[digit])
    return "".join(reversed(digits))


def generate(session, count: int, rng: random.Random) -> None:
    today, now = today_in_sweden(), utcnow()
    municipalities = [Municipality(id=i + 1, name=f"Kommun {i + 1}") for i in range(10)]
    session.add_all(municipalities)
    areas = [Area(id=i + 1, municipality_id=i % 10 + 1, name=f"Område {i + 1}") for i in range(100)]
    session.add_all(areas)
    session.flush()
    points, powers, contacts, channels, agreements = [], [], [], [], []
    for n in range(1, count + 1):
        area = areas[n % 100]
        points.append(
            {
                "id": n,
                "code": unique_code(n),
                "version": 1,
                "name": f"Punkt {n}",
                "kind": "shop",
                "municipality_id": area.municipality_id,
                "area_id": area.id,
                "address": f"Byvägen {n}" if rng.random() > 0.1 else None,
                "lat": 63.0 + rng.random(),
                "lon": 14.0 + rng.random(),
                "services": rng.sample(SERVICES, 5),
                "activation": ["power_outage"],
                "crisis_hours": "Dygnet runt" if rng.random() > 0.2 else None,
                "contacts_reviewed": today - timedelta(days=rng.randint(0, 400)),
                "last_exercise": today - timedelta(days=rng.randint(0, 500)),
                "crisis_state": "normal",
                "created_at": now,
                "updated_at": now,
                "public_changed_at": now,
            }
        )
        powers.append(
            {
                "point_id": n,
                "source": rng.choice(POWER_SOURCES),
                "tank_litres": rng.choice([200.0, 300.0, 400.0, 600.0]),
                "consumption_lph": 5.0,
                "covers": ["heat", "lighting", "charging"],
                "last_test_run": today - timedelta(days=rng.randint(0, 60)),
                "last_load_test": today - timedelta(days=rng.randint(0, 500)),
                "fuel_checked": today - timedelta(days=rng.randint(0, 150)),
                "refuel_plan": "Avtal" if rng.random() > 0.3 else None,
            }
        )
        for position in range(3):
            contacts.append(
                {
                    "point_id": n,
                    "position": position,
                    "name": f"Person {position}",
                    "phone": "+46701740605",
                    "public": position == 0,
                    "roles": rng.sample(CONTACT_ROLES, 2),
                }
            )
        for position in range(2):
            channels.append(
                {
                    "point_id": n,
                    "position": position,
                    "kind": rng.choice(CHANNEL_KINDS),
                    "last_tested": today - timedelta(days=rng.randint(0, 200)),
                }
            )
        agreements.append(
            {
                "point_id": n,
                "valid_from": today - timedelta(days=400),
                "valid_until": today + timedelta(days=rng.randint(-60, 700)),
            }
        )
    for model, rows in (
        (Point, points),
        (Power, powers),
        (Contact, contacts),
        (Channel, channels),
        (Agreement, agreements),
    ):
        session.execute(insert(model), rows)
    session.commit()


def report(what: str, seconds: list[float]) -> None:
    print(f"{what} median {statistics.median(seconds):.3f} s, best {min(seconds):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--database", help="SQLAlchemy URL of an EMPTY database (default: temp SQLite)"
    )
    args = parser.parse_args()
    url = args.database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    app = create_app(
        {"TESTING": True, "SECRET_KEY": secrets.token_hex(8), "SQLALCHEMY_DATABASE_URI": url}
    )
    with app.app_context():
        upgrade()
        generate(db.session, args.points, random.Random(2026))
        as_of = today_in_sweden()
        load_times, eval_times, levels = [], [], {}
        for _ in range(args.runs):
            db.session.expire_all()
            started = time.perf_counter()
            facts = load_facts(db.session, as_of)
            loaded = time.perf_counter()
            results = [evaluate(f, catalog_for(f.municipality, {}), as_of) for f in facts]
            done = time.perf_counter()
            load_times.append(loaded - started)
            eval_times.append(done - loaded)
            levels = {
                lvl: sum(r.level == lvl for r in results) for lvl in ("ready", "gaps", "not_ready")
            }
        print(f"points: {len(facts)}  database: {db.engine.dialect.name}  levels: {levels}")
        report("load facts (7 queries):", load_times)
        report("evaluate (pure):       ", eval_times)
        total = [a + b for a, b in zip(load_times, eval_times, strict=True)]
        report("load + evaluate:       ", total)


if __name__ == "__main__":
    main()
