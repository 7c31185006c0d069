"""Generated hostile input (Hypothesis) against the write, list and public endpoints: never a
5xx, errors in the contract's shape, and a refused request changes nothing. Runs on every
backend of the suite (NUL and huge numbers fail differently on SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
import json
from datetime import date
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from readiness.points.models import Point
from readiness.points.schemas import ChannelSchema, ContactSchema, PointSchema, PowerSchema
from tests.factories import make_point, point_input

# Few examples, no example database in the project folder: `make test` stays quick and clean.
QUICK = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD_CHARACTERS = "\x00\x01\x1b\x7f\x85\ud800\udfff\n\r\t²١/.\\%&=?#\u202e"
TEXT = st.text(st.one_of(st.characters(), st.sampled_from(ODD_CHARACTERS)), max_size=40)
NUMBERS = st.one_of(
    st.integers(),
    st.sampled_from([2**31 - 1, 2**31, -(2**31) - 1, 2**63, 10**30, -1, 0]),
    st.floats(),  # NaN and infinities included: json.dumps writes them and Flask reads them
)
DATES = st.one_of(
    st.dates().map(date.isoformat), st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30"])
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT, DATES)
# Values a field may well accept (odd but storable text, numbers near the limits), so that
# accepted requests also meet both databases.
PLAUSIBLE = st.one_of(
    st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=30),
    st.integers(0, 100_001),
    st.floats(-181, 100_001),
    st.dates(date(2000, 1, 1), date(2031, 12, 31)).map(date.isoformat),
    st.builds("{}@{}.se".format, TEXT, TEXT),  # e-mail addresses with odd characters
)
FIELD_NAMES = st.sampled_from(sorted(PointSchema().fields))
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(FIELD_NAMES, TEXT), inner, max_size=4),
    ),
    max_leaves=12,
)

# Where a value may be swapped into an otherwise valid point (so validation goes deep).
PATHS = (
    [(name,) for name in PointSchema().fields]
    + [("power", name) for name in PowerSchema().fields]
    + [("contacts", 0, name) for name in ContactSchema().fields]
    + [("channels", 0, name) for name in ChannelSchema().fields]
    + [("agreement", name) for name in ("counterparty", "valid_from", "valid_until")]
    + [("crisis", name) for name in ("state", "message", "since")]
)
LONG_LISTS = st.integers(0, 40).flatmap(
    lambda n: st.sampled_from(
        [
            ("contacts", point_input()["contacts"] * n),
            ("channels", point_input()["channels"] * n),
            ("services", ["heat"] * n),
        ]
    )
)


def _set(document: dict, path: tuple, value) -> None:
    """document[a][b]... = value, making the objects and first list items on the way."""
    target = document
    for step, following in zip(path[:-1], path[1:], strict=True):
        empty = [{}] if isinstance(following, int) else {}
        if isinstance(step, int):
            if not target:
                target.append(empty)
            if not isinstance(target[step], type(empty)):
                target[step] = empty
        elif not isinstance(target.get(step), type(empty)) or not target[step]:
            target[step] = empty
        target = target[step]
    target[path[-1]] = value


@st.composite
def altered_points(draw) -> dict:
    """A valid point with one to three values replaced by generated ones."""
    document = copy.deepcopy(point_input())
    for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=3)):
        _set(document, path, draw(st.one_of(PLAUSIBLE, JSON)))
    if draw(st.integers(0, 3)) == 0:
        name, value = draw(LONG_LISTS)
        document[name] = value
    return document


def _nested(depth: int) -> str:
    return '{"name": ' + "[" * depth + "]" * depth + "}"


GARBAGE = st.one_of(
    JSON.map(json.dumps),
    st.integers(1, 200_000).map(_nested),
    altered_points().map(json.dumps).map(lambda raw: raw[: len(raw) // 2]),  # cut off
    # As bytes: a lone surrogate is no str the test client can send, but its bytes are a body.
    TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
)
# Mostly points with a few values swapped, some bodies that are no point at all.
RAW_BODIES = st.integers(0, 3).flatmap(
    lambda n: GARBAGE if n == 0 else altered_points().map(json.dumps)
)

QUERY_KEYS = st.one_of(
    st.sampled_from(
        ["municipality", "area", "level", "q", "page", "per_page", "kind", "as_of", "lang", "sort"]
    ),
    TEXT,
)
QUERY_VALUES = st.one_of(
    TEXT, NUMBERS.map(str), DATES, st.sampled_from(["²", "١٢", str(10**23), "Krokom", "ready"])
)
QUERIES = st.lists(st.tuples(QUERY_KEYS, QUERY_VALUES), max_size=4).map(
    lambda pairs: urlencode(pairs, errors="surrogatepass")
)
LIST_URLS = st.sampled_from(["/api/v1/points", "/api/v1/readiness", "/p/"])
CODES = st.one_of(TEXT, st.just("")).map(lambda c: quote(c, safe="", errors="surrogatepass"))


def stored(session, point_id: int) -> tuple[int, int]:
    """(number of points, the point's version), read fresh."""
    session.expire_all()
    result = (
        session.scalar(select(func.count()).select_from(Point)),
        session.scalar(select(Point.version).where(Point.id == point_id)),
    )
    session.rollback()  # no transaction left open between requests
    return result


def assert_refusal_in_contract_shape(response) -> None:
    assert response.status_code < 500, (response.status_code, response.get_data(as_text=True))
    if response.status_code >= 400 and response.request.path.startswith("/api/"):
        errors = response.get_json()["errors"]
        assert errors and all(
            isinstance(k, str) and isinstance(m, list) and all(isinstance(s, str) for s in m)
            for k, m in errors.items()
        )


def test_point_create_with_generated_bodies_never_fails_and_refusals_save_nothing(api, session):
    client = api("auditor")
    point_id = make_point(session).id

    @QUICK
    @given(raw=RAW_BODIES)
    def create(raw: str) -> None:
        count, version = stored(session, point_id)
        response = client.post("/api/v1/points", raw=raw)
        assert_refusal_in_contract_shape(response)
        if response.status_code != 201:
            assert stored(session, point_id) == (count, version)

    create()


def test_point_patch_with_generated_bodies_never_fails_and_refusals_change_nothing(api, session):
    client = api("auditor")
    point_id = make_point(session).id
    changes = st.dictionaries(st.sampled_from(sorted(PointSchema().fields)), JSON, max_size=4)

    @QUICK
    @given(patch=st.one_of(changes, altered_points()), version=st.one_of(st.none(), JSON))
    def update(patch: dict, version) -> None:
        count, current = stored(session, point_id)
        body = {**patch, "version": current if version is None else version}
        response = client.patch(f"/api/v1/points/{point_id}", raw=json.dumps(body))
        assert_refusal_in_contract_shape(response)
        if response.status_code == 200:
            assert stored(session, point_id) == (count, current + 1)
        else:
            assert stored(session, point_id) == (count, current)

    update()


def test_lists_and_public_pages_with_generated_queries_never_fail_or_write(api, session):
    client = api("staff")
    point_id = make_point(session).id
    before = stored(session, point_id)

    @QUICK
    @given(url=st.one_of(LIST_URLS, CODES.map(lambda code: f"/p/{code}")), query=QUERIES)
    def read(url: str, query: str) -> None:
        response = client.get(f"{url}?{query}")
        assert_refusal_in_contract_shape(response)
        assert stored(session, point_id) == before

    read()
