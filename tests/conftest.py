"""Fixtures: an app per test on a clean database, on SQLite and (when TEST_DATABASE_URL is set)
on PostgreSQL. The schema is built once per backend with the real Alembic migrations.

Under pytest-xdist (`pytest -n 2`) each worker process has its own databases: SQLite files under
its own tmp path, and on PostgreSQL a database named after the worker beside the one in
TEST_DATABASE_URL (`test` -> `test_gw0`, `test_gw1`), created when missing."""

from __future__ import annotations

import os
import re
import secrets
import threading
import time
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from werkzeug.serving import make_server

from readiness import create_app
from readiness.extensions import db
from tests.factories import TEST_PASSWORD_HASH_METHOD, ApiClient, make_user

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def xdist_worker() -> str:
    """This process's pytest-xdist worker ("gw0", "gw1", ...), or "" when not run with -n."""
    return os.environ.get("PYTEST_XDIST_WORKER", "")


def xdist_worker_index() -> int:
    worker = xdist_worker()
    return int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0


def worker_postgres_url(url: str) -> str:
    """The PostgreSQL database of this xdist worker: `<database>_<worker>` on the server of
    `url`, created when missing (through `url`'s own database). Without xdist: `url` itself."""
    worker = xdist_worker()
    if not worker:
        return url
    base = make_url(url)
    own = base.set(database=f"{base.database or base.username or 'postgres'}_{worker}")
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        for attempt in range(5):
            try:
                with engine.connect() as connection:
                    found = connection.scalar(
                        text("SELECT 1 FROM pg_database WHERE datname = :name"),
                        {"name": own.database},
                    )
                    if not found:
                        connection.execute(text(f'CREATE DATABASE "{own.database}"'))
                break
            except DBAPIError as error:
                # 42P04: created meanwhile by another run; 55006: template1 busy with another
                # CREATE DATABASE (workers start together): wait a moment and look again.
                code = getattr(error.orig, "sqlstate", None)
                if code == "42P04":
                    break
                if code != "55006" or attempt == 4:
                    raise
                time.sleep(0.5 * (attempt + 1))
    finally:
        engine.dispose()
    return own.render_as_string(hide_password=False)


def reset_postgres_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class TemplateCodeCache(BytecodeCache):
    """Jinja's compiled templates, kept for the whole test process: each test's app has its
    own Jinja environment, which would otherwise parse and compile every template it renders
    again (a fifth of a page test's time). A template whose source changed compiles anew."""

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


TEMPLATE_CODE = TemplateCodeCache()


def share_url_builders() -> None:
    """Werkzeug generates and compiles Python source for two URL builders of every rule of
    every new app: with the two apps of a test, most of the test's set-up time. A rule without
    defaults gets the same builders from the same parsed parts (its `_trace`), so they are
    made once per test process and shared; a rule with defaults builds its own as before."""
    from werkzeug.routing.rules import Rule

    original = getattr(Rule, "_compile_builder", None)
    if original is None or getattr(original, "shared", False):
        return
    builders: dict = {}

    def compile_builder(self, append_unknown: bool = True):
        trace = getattr(self, "_trace", None)
        if self.defaults or not trace:
            return original(self, append_unknown)
        key = (self.rule, tuple(trace), append_unknown)
        if key not in builders:
            builders[key] = original(self, append_unknown)
        return builders[key]

    compile_builder.shared = True
    Rule._compile_builder = compile_builder


share_url_builders()


def make_app(url: str, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": secrets.token_hex(16),
        "SQLALCHEMY_DATABASE_URI": url,
        "PUBLIC_BASE_URL": "https://tp.example.se",
        "SERVER_NAME": None,
        # Each app counts failed logins on its own, even when REDIS_URL is set in the environment.
        "RATELIMIT_STORAGE_URI": "memory://",
        # Each app caches public pages on its own too (tests/public/test_shared_cache.py shares).
        "CACHE_TYPE": "SimpleCache",
        # No public pages written into a folder the environment names (tests/public/static_site.py).
        "PUBLIC_STATIC_DIR": None,
        # scrypt at full strength costs ~0.15 s a hash and a check: most tests log someone in.
        "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH_METHOD,
    }
    config.update(overrides)
    app = create_app(config)
    app.jinja_env.bytecode_cache = TEMPLATE_CODE  # every app's environment is set up alike
    return app


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items) -> None:
    """With `-n 2 --dist loadgroup` (as `make test` runs) the tests of a module that share a
    module- or class-scoped fixture (the HTML validator's run over every page) go to one worker,
    so that fixture is set up once instead of once a worker. Other tests go where there is room."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        scopes = {
            fixture.scope
            for fixtures in (info.name2fixturedefs.values() if info else ())
            for fixture in fixtures
        }
        if scopes & {"module", "class"}:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> str:
    """A migrated, empty database for one backend, shared by the tests of this session."""
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    else:
        url = worker_postgres_url(os.environ["TEST_DATABASE_URL"])
        reset_postgres_schema(url)
    app = make_app(url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture
def app(database_url):
    app = make_app(database_url)
    # Each test starts from an empty database (tables kept, rows gone).
    with app.app_context(), db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def session(app, database_url):
    """The test's own database session, in a twin app's context: requests made by the test
    client then get a fresh app context each (as in production) instead of sharing this one."""
    twin = make_app(database_url)
    with twin.app_context():
        yield db.session
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def live_server(app):
    """The app served over real HTTP in a thread (threaded: requests run concurrently)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client) -> str:
    html = client.get("/login", follow_redirects=True).get_data(as_text=True)  # any page has one
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class WebUser:
    """Logs a test client in through the real login form (CSRF included)."""

    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = "correct horse battery"):
        return self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": csrf_token(self.client)},
        )

    def csrf(self) -> str:
        return csrf_token(self.client)

    def post(self, url: str, data: dict | None = None, **kwargs):
        """Submit a form as the browser would, CSRF token included."""
        return self.client.post(url, data={**(data or {}), "csrf_token": self.csrf()}, **kwargs)


@pytest.fixture
def web(client):
    return WebUser(client)


@pytest.fixture
def api(app, session):
    """`api("auditor")` -> a JSON client with a fresh token for a new user of that role."""

    def for_role(role: str, points=()) -> ApiClient:
        user = make_user(session, role, points=points)
        return ApiClient(app.test_client(), session, user)

    return for_role


@pytest.fixture
def count_queries():
    """`with count_queries() as statements:` records the SQL the app runs inside the block."""

    @contextmanager
    def counter():
        statements: list[str] = []

        def record(_conn, _cursor, statement, *_args):
            statements.append(statement)

        # Every engine: requests use the app's, the test's own session uses its twin's.
        event.listen(Engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(Engine, "before_cursor_execute", record)

    return counter


@pytest.fixture
def count_loads():
    """`with count_loads(PointChange) as loaded:` records the rows of a model the ORM builds
    into objects inside the block (in any session): a page that reads a whole history to show
    its last entry loads them all, however few queries it takes."""

    @contextmanager
    def counter(model):
        loaded: list = []

        def record(target, _context):
            loaded.append(target)

        event.listen(model, "load", record)
        try:
            yield loaded
        finally:
            event.remove(model, "load", record)

    return counter
