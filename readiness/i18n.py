"""Language choice and the display helpers templates use (Swedish first)."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode

import phonenumbers
from flask import Flask, current_app, has_request_context, request
from flask_babel import format_date, format_datetime, format_decimal, get_locale, gettext
from markupsafe import Markup

from readiness import labels
from readiness.auth.actors import SYSTEM
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


def plural_count(number: float) -> int:
    """The count that picks an amount's plural form: 1.0 reads "1 litre", 1.5 "1.5 litres"
    (a number with decimals takes the plural in English and Swedish alike)."""
    return int(number) if float(number).is_integer() else 2


def display_actor(email: str | None) -> str:
    """Who did something, in words: an account's e-mail, or the register itself (the demo data
    loader and other work done by no account, recorded as "system")."""
    if not email:
        return "–"
    if email == SYSTEM.email:
        return gettext("The system (demo data)")
    return email


def user_text(value):
    """Text people typed into the register, which is Swedish: on a page in another language it is
    marked `lang="sv"` so a screen reader reads it with Swedish pronunciation (WCAG 3.1.2)."""
    data_language = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not value or str(get_locale()) == data_language:
        return value
    return Markup('<span lang="{}">{}</span>').format(data_language, value)


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
        user_text=user_text,
        actor=display_actor,
    )
    app.jinja_env.globals.update(
        label=labels.label, labels_for=labels.labels_for, current_locale=lambda: str(get_locale())
    )
