"""The contract's CLI commands."""

from __future__ import annotations

import pytest

from readiness.config import ConfigError, load_config


def test_create_user_reads_the_password_from_stdin_and_the_user_can_log_in(app, web):
    result = app.test_cli_runner().invoke(
        args=["create-user", "Anna@Test.Example", "--role", "auditor", "--password-stdin"],
        input="a long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    assert web.login("anna@test.example", "a long enough secret").status_code == 302


@pytest.mark.parametrize(
    "args,stdin,field",
    [
        (
            ["create-user", "not-an-email", "--role", "staff", "--password-stdin"],
            "long enough pw\n",
            "email",
        ),
        (
            ["create-user", "a@test.example", "--role", "staff", "--password-stdin"],
            "short\n",
            "password",
        ),
    ],
)
def test_create_user_with_bad_input_names_the_field_and_fails(app, args, stdin, field):
    result = app.test_cli_runner().invoke(args=args, input=stdin)
    assert result.exit_code == 1
    assert f"{field}:" in result.output


def test_create_token_prints_a_token_that_authenticates_the_api(app, client):
    runner = app.test_cli_runner()
    runner.invoke(
        args=["create-user", "api@test.example", "--role", "staff", "--password-stdin"],
        input="long enough pw\n",
    )
    result = runner.invoke(args=["create-token", "api@test.example"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    response = client.get("/api/v1/points", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_create_token_for_unknown_user_fails(app):
    result = app.test_cli_runner().invoke(args=["create-token", "nobody@test.example"])
    assert result.exit_code == 1


def test_seed_demo_loads_once_and_refuses_a_non_empty_database(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "admin@demo.example" in first.output
    assert runner.invoke(args=["seed-demo"]).exit_code == 1
    assert runner.invoke(args=["seed-demo", "--if-empty"]).exit_code == 0
    count = runner.invoke(args=["count-points"]).output.strip()
    assert 10 <= int(count) <= 15
    assert runner.invoke(args=["seed-demo", "--force"]).exit_code == 0
    assert int(runner.invoke(args=["count-points"]).output.strip()) == 2 * int(count)


def test_demo_points_cover_both_municipalities_and_realistic_gaps(app, session):
    from readiness.points.queries import PointFilters, list_points

    app.test_cli_runner().invoke(args=["seed-demo"])
    points, _ = list_points(session, PointFilters(per_page=100))
    assert {p.municipality.name for p in points} == {"Krokom", "Vilhelmina"}
    sources = {p.power.source for p in points}
    assert {"none", "connection_only", "fixed_generator", "mobile_generator"} <= sources
    assert any(not any(c.kind == "rakel" for c in p.channels) for p in points)


def test_missing_secret_key_outside_testing_is_a_clear_startup_error(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(str(tmp_path))


def test_secure_cookie_flags_follow_an_https_base_url(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://tp.krokom.se")
    config = load_config(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
