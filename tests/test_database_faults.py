"""A database that refuses writes for a while: reads and printing go on, writes answer 503 with
a clear message and save nothing, and writing works again afterwards without a restart."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, func, select

from readiness.extensions import db
from readiness.points.models import Point
from tests.factories import make_point, point_input


@contextmanager
def database_refuses_writes(app):
    """Every connection handed out meanwhile is read-only, as after `chmod a-w` on the SQLite
    file (root ignores file modes, so the test asks the database itself) or a PostgreSQL
    standby. Such connections stay read-only afterwards, like the real thing."""
    with app.app_context():
        engine = db.engine

    def read_only(dbapi_connection, _record, _proxy):
        cursor = dbapi_connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_connection.commit()  # the next transaction, the request's, is read-only
        cursor.close()

    event.listen(engine, "checkout", read_only)
    try:
        yield
    finally:
        event.remove(engine, "checkout", read_only)


def count_points(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Point))


def test_writes_answer_503_while_the_database_is_read_only_and_reads_go_on(
    app, api, client, session
):
    point = make_point(session)
    writer = api("auditor")
    with database_refuses_writes(app):
        created = writer.post("/api/v1/points", point_input(name="Ny punkt"))
        assert created.status_code == 503
        message = created.get_json()["errors"]["_request"][0]
        assert "kan inte skrivas" in message and "Inget sparades" in message
        edited = writer.patch(f"/api/v1/points/{point.id}", {"version": 1, "name": "Nytt"})
        assert edited.status_code == 503
        assert writer.get("/api/v1/points").status_code == 200
        assert writer.get(f"/api/v1/points/{point.id}").get_json()["name"] == point.name
        assert client.get(f"/p/{point.code}").status_code == 200
        sheet = writer.get(f"/api/v1/points/{point.id}/notice.pdf")
        assert sheet.status_code == 200 and sheet.mimetype == "application/pdf"
    assert count_points(session) == 1


def test_writing_works_again_after_the_fault_without_a_restart(app, api, session):
    make_point(session)
    writer = api("auditor")
    with database_refuses_writes(app):
        assert writer.post("/api/v1/points", point_input(name="Under felet")).status_code == 503
        assert writer.get("/api/v1/points").status_code == 200
    # A connection opened during the fault fails its first write and is thrown away, so at
    # most one more attempt is refused (and saves nothing) before writing works again.
    statuses = [writer.post("/api/v1/points", point_input(name="Efter felet")).status_code]
    if statuses[0] == 503:
        statuses.append(writer.post("/api/v1/points", point_input(name="Efter felet")).status_code)
    assert statuses[-1] == 201
    assert count_points(session) == 2
    assert writer.get("/api/v1/points").status_code == 200


def test_web_form_while_read_only_shows_the_database_message(app, web, client, session):
    from tests.factories import make_user
    from tests.points.test_web import new_point_form

    make_user(session, "auditor", email="samordnare@test.example")
    web.login("samordnare@test.example")
    form = new_point_form(client)
    with database_refuses_writes(app):
        response = client.post("/points/new", data=form)
        assert response.status_code == 503
        assert "Databasen kan inte skrivas just nu" in response.get_data(as_text=True)
    assert count_points(session) == 0
