"""Schemathesis against the app in-process, as a client generated from the OpenAPI document
would call it: an admin's real token, the demo data, a few examples per operation in valid and
invalid shapes. Never a 5xx, and every answer is one the document describes (status, content
type, headers, body). On every backend of the suite."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from readiness.actions.models import Action
from readiness.auth.services import create_token
from readiness.crisis.models import CrisisEvent
from readiness.demo import load_demo
from readiness.points.models import Area, Municipality, Point
from readiness.yearwheel.models import MunicipalTask
from tests.factories import TEST_PASSWORD_HASH_METHOD, days_ago, make_user

# A few examples per operation keep the run near a minute on both backends; no example database
# in the project folder.
QUICK = settings(
    max_examples=10,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Ids in paths and municipality names: mostly real ones, so that answers other than 404 and
# empty lists are checked too; the generated value picks which, and a quarter stay as made.
REAL_IDS = {
    "point_id": Point.id,
    "action_id": Action.id,
    "area_id": Area.id,
    "event_id": CrisisEvent.id,
    "task_id": MunicipalTask.id,
}


@pytest.fixture
def demo_register(app, session, tmp_path):
    """The demo data, an admin's token, an activation and an action, and the real ids."""
    load_demo(session, tmp_path, hash_method=TEST_PASSWORD_HASH_METHOD)
    admin = make_user(session, "admin")
    token = create_token(session, admin.email)
    session.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    krokom_codes = [p.code for p in session.scalars(select(Point).limit(2))]
    client.post(
        "/api/v1/crisis/activate",
        json={"state": "open", "codes": krokom_codes, "event": "Storm", "message": "Öppet"},
        headers=headers,
    )
    point_id = session.scalars(select(Point.id)).first()
    client.post(
        "/api/v1/actions",
        json={
            "title": "Köp elverk",
            "point_id": point_id,
            "responsible": "Anna",
            "deadline": days_ago(-30),
        },
        headers=headers,
    )
    ids = {name: list(session.scalars(select(column))) for name, column in REAL_IDS.items()}
    municipalities = list(session.scalars(select(Municipality.name)))
    session.rollback()
    return {"token": token, "ids": ids, "municipalities": municipalities}


def _towards_real_data(case, register) -> None:
    for name, value in (case.path_parameters or {}).items():
        real = register["ids"].get(name)
        if real and isinstance(value, int) and value % 4:
            case.path_parameters[name] = real[value % len(real)]
    names = register["municipalities"]
    for values in (case.query, case.body):
        if not isinstance(values, dict):
            continue
        name = values.get("municipality")
        if isinstance(name, str) and len(name) % 4:
            values["municipality"] = names[len(name) % len(names)]
        if isinstance(values.get("year"), int) and values["year"] % 4:
            values["year"] = 2024 + values["year"] % 4


def _failure_text(operation, error: BaseException) -> str:
    # The checks' own words, without the long request and response dumps around them.
    text = "\n".join(
        line for line in str(error).splitlines() if line.strip() and "Output truncated" not in line
    )
    return f"{operation.method.upper()} {operation.path}: {text[:1500]}"


def test_api_answers_as_documented(app, demo_register):
    config = SchemathesisConfig.from_dict({"cache": {"enabled": False}})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=config)
    # Uncompressed: the in-process client does not undo a Content-Encoding as HTTP clients do.
    headers = {"Authorization": f"Bearer {demo_register['token']}", "Accept-Encoding": "identity"}
    failures: list[str] = []
    examples = 0
    # Deletions last, so the other operations meet the points and tasks they would remove.
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda operation: operation.method.upper() == "DELETE",
    )
    for operation in operations:
        # Valid input (as far as a schema can tell) and input that breaks the schema.
        # Valid cases are steered towards real ids; invalid ones must stay invalid.
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE).map(lambda case: (case, True)),
            operation.as_strategy(GenerationMode.NEGATIVE).map(lambda case: (case, False)),
        )

        @given(pair=cases)
        @QUICK
        def call(pair):
            nonlocal examples
            examples += 1
            case, valid = pair
            if valid:
                _towards_real_data(case, demo_register)
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            call()
        except (Exception, BaseExceptionGroup) as error:  # every operation's failure is reported
            failures.append(_failure_text(operation, error))
    assert len(operations) >= 40 and examples >= 4 * len(operations)
    assert not failures, "\n\n".join(failures)
