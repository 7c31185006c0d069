"""New passwords follow NIST SP 800-63B: at least 12 characters, not blank, repeated,
sequential, the e-mail, or a common/leaked password; no composition rules."""

from __future__ import annotations

import pytest
from werkzeug.security import generate_password_hash

from readiness.auth import services
from readiness.auth.models import User
from readiness.auth.passwords import password_problems
from readiness.auth.services import set_password
from readiness.config import ConfigError, load_config
from tests.factories import PASSWORD, TEST_PASSWORD_HASH_METHOD, make_user

EMAIL = "anna.berg@krokom.se"


@pytest.mark.parametrize(
    "password,message",
    [
        ("            ", "bara mellanslag"),
        ("elva tecken", "Minst 12 tecken"),
        ("aaaaaaaaaaaa", "upprepas"),
        ("abababababab", "upprepas"),
        ("123456789012", "enkel följd"),
        ("abcdefghijkl", "enkel följd"),
        ("lkjhgfdsapoiu", "enkel följd"),
        ("anna.berg@krokom.se", "e-postadress"),
        ("annaberg-hemma-2024", "e-postadress"),
        ("qwerty123456", "vanliga eller läckta"),
        ("Password2024!", "vanliga eller läckta"),
        ("lösenord1234", "vanliga eller läckta"),
        ("x" * 257, "Högst 256 tecken"),
    ],
)
def test_password_problems_for_weak_password_name_the_reason(app, password, message):
    with app.test_request_context():
        problems = password_problems(password, EMAIL)
    assert problems and message in " ".join(problems)


@pytest.mark.parametrize(
    "password",
    [PASSWORD, "tre trötta tranor i snön", "Fjällbjörk och kaffe!", "a long enough secret"],
)
def test_password_problems_for_a_good_passphrase_are_none(app, password):
    with app.test_request_context():
        assert password_problems(password, EMAIL) == []


def test_demo_passwords_pass_the_rules(app, session):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert session.query(User).count() == 3


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "123456789012", "anna@test.example"])
def test_create_user_cli_with_a_weak_password_names_the_field_and_fails(app, session, password):
    result = app.test_cli_runner().invoke(
        args=["create-user", "anna@test.example", "--role", "staff", "--password-stdin"],
        input=password + "\n",
    )
    assert result.exit_code == 1
    assert "password:" in result.output
    assert session.query(User).count() == 0


def test_admin_page_with_a_common_password_shows_why_beside_the_field(web, session):
    make_user(session, "admin", email="admin@test.example")
    web.login("admin@test.example")
    response = web.post(
        "/admin/users",
        {"email": "butik@test.example", "role": "staff", "password": "iloveyou1234"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="password-error"' in html and "vanliga eller läckta lösenord" in html
    assert "Minst 12 tecken" in html  # the hint says the rule before anyone fails it


def test_account_page_new_password_with_the_email_is_refused(web, session):
    make_user(session, "staff", email="butiken@test.example")
    web.login("butiken@test.example")
    response = web.post(
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "butiken@test.example!",
            "confirm_password": "butiken@test.example!",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="new_password-error"' in html and "e-postadress" in html


def test_account_page_new_passwords_that_differ_are_refused(web, session):
    make_user(session, "staff", email="butiken@test.example")
    web.login("butiken@test.example")
    response = web.post(
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "tre trötta tranor i snön",
            "confirm_password": "tre trötta tranor i snö",
        },
    )
    assert response.status_code == 422
    assert 'id="confirm_password-error"' in response.get_data(as_text=True)


def test_set_password_cli_with_a_weak_password_fails(app, session):
    make_user(session, "staff", email="anna@test.example")
    result = app.test_cli_runner().invoke(
        args=["set-password", "anna@test.example", "--password-stdin"], input="abcdefghijkl\n"
    )
    assert result.exit_code == 1 and "password:" in result.output


def test_set_password_cli_sets_a_password_that_logs_in(app, web, session):
    make_user(session, "staff", email="anna@test.example")
    result = app.test_cli_runner().invoke(
        args=["set-password", "anna@test.example", "--password-stdin"],
        input="tre trötta tranor i snön\n",
    )
    assert result.exit_code == 0, result.output
    assert web.login("anna@test.example", "tre trötta tranor i snön").status_code == 302


def test_existing_account_with_an_old_short_password_still_logs_in(web, session):
    session.add(
        User(
            email="gammal@test.example",
            role="staff",
            password_hash=generate_password_hash("kort10tkn!", method=TEST_PASSWORD_HASH_METHOD),
        )
    )
    session.commit()
    assert web.login("gammal@test.example", "kort10tkn!").status_code == 302


def test_load_config_without_override_hashes_passwords_with_scrypt(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    assert load_config(str(tmp_path))["PASSWORD_HASH_METHOD"] == "scrypt"


def test_load_config_with_a_cheap_hash_method_outside_testing_fails(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    with pytest.raises(ConfigError, match="PASSWORD_HASH_METHOD"):
        load_config(str(tmp_path), {"PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH_METHOD})


def test_set_password_without_a_hash_method_stores_scrypt():
    user = User(email="anna@test.example", role="staff")
    set_password(user, "tre trötta tranor i snön")
    assert user.password_hash.startswith("scrypt:")


def test_admin_page_new_account_under_testing_gets_the_cheap_hash_and_logs_in(web, session):
    make_user(session, "admin", email="admin@test.example")
    web.login("admin@test.example")
    response = web.post(
        "/admin/users",
        {"email": "butik@test.example", "role": "staff", "password": "tre trötta tranor i snön"},
    )
    assert response.status_code == 302
    created = session.query(User).filter_by(email="butik@test.example").one()
    assert created.password_hash.startswith(TEST_PASSWORD_HASH_METHOD + "$")
    web.client.post("/logout", data={"csrf_token": web.csrf()})
    assert web.login("butik@test.example", "tre trötta tranor i snön").status_code == 302


def test_login_with_an_unknown_email_checks_a_dummy_of_the_apps_hash_method(
    web, session, monkeypatch
):
    make_user(session, "staff", email="anna@test.example")
    checked = []
    real_check = services.check_password_hash

    def recording_check(stored, given):
        checked.append(stored)
        return real_check(stored, given)

    monkeypatch.setattr(services, "check_password_hash", recording_check)
    assert web.login("nobody@test.example").status_code == 401
    assert web.login("anna@test.example").status_code == 302
    unknown, known = checked
    assert known.split("$")[0] == unknown.split("$")[0] == TEST_PASSWORD_HASH_METHOD
