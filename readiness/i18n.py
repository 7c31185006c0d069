"""Language choice and the display helpers templates use (Swedish first)."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode

import phonenumbers
from flask import Flask, current_app, has_request_context, request
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from readiness import labels
from readiness.timeutil import as_utc

LANG_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI, background work: Swedish first
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.args.get("lang")
    if chosen in languages:
        return chosen
    if request.path.startswith("/p/"):
        return current_app.config["BABEL_DEFAULT_LOCALE"]  # public pages depend on the URL only
    if request.cookies.get(LANG_COOKIE) in languages:
        return request.cookies[LANG_COOKIE]
    if request.path.startswith("/api/"):
        return request.accept_languages.best_match(languages) or "sv"
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def display_phone(e164: str | None) -> str:
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "SE")
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 46
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def display_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(as_utc(value), "yyyy-MM-dd HH:mm")
    return format_date(value, "yyyy-MM-dd")


def display_number(value, digits: int = 1) -> str:
    if value is None:
        return ""
    return format_decimal(round(value, digits), format="#,##0." + "#" * digits)


def combine_args(args: dict, **changes) -> str:
    """Query string of the current arguments with some replaced (for links that keep filters)."""
    merged = {**args, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def register(app: Flask) -> None:
    @app.after_request
    def remember_language(response):
        # Public pages stay cookie-free so HTTP caches can share them.
        chosen = request.args.get("lang")
        if (
            chosen in app.config["LANGUAGES"]
            and not request.path.startswith(("/p/", "/api/"))
            and request.cookies.get(LANG_COOKIE) != chosen
        ):
            response.set_cookie(
                LANG_COOKIE,
                chosen,
                max_age=365 * 86400,
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        return response

    app.jinja_env.filters.update(
        phone=display_phone,
        date=display_date,
        number=display_number,
        combine_args=combine_args,
    )
    app.jinja_env.globals.update(
        label=labels.label, labels_for=labels.labels_for, current_locale=lambda: str(get_locale())
    )
