"""A GET never writes: every page and API route, read as admin, leaves every table unchanged."""

from __future__ import annotations

from sqlalchemy import delete, select

from readiness.criteria.models import ReadinessSnapshot
from readiness.extensions import db
from readiness.points.models import Point
from tests.factories import make_user


def snapshot(session) -> dict[str, list]:
    session.expire_all()
    return {
        table.name: session.execute(select(table).order_by(*table.primary_key.columns)).all()
        for table in db.metadata.sorted_tables
    }


def get_urls(app, values: dict[str, str]) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        args = {name: values.get(name, "1") for name in rule.arguments}
        urls.append(rule.build(args, append_unknown=False)[1])
    return sorted(set(urls))


def test_every_get_route_leaves_every_table_unchanged(app, api, web, client, session):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    # An empty trend log: a page that stored "today's result" on GET would fill it.
    session.execute(delete(ReadinessSnapshot))
    session.commit()
    point = session.scalars(select(Point).order_by(Point.id)).first()
    admin = make_user(session, "admin", email="admin@test.example")
    reader = api("admin")
    web.login("admin@test.example")
    reader.get("/api/v1/points")  # a token's first use stamps last_used_at (once a minute)
    values = {"point_id": str(point.id), "code": point.code, "user_id": str(admin.id)}
    urls = get_urls(app, values)
    assert len(urls) > 20
    before = snapshot(session)
    for url in urls:
        for query in ("", "?lang=en", "?municipality=Krokom&as_of=2026-01-15"):
            response = (reader if url.startswith("/api/") else client).get(url + query)
            assert response.status_code < 500, url + query
    assert snapshot(session) == before
