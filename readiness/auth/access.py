"""Deny by default: every page needs a login unless its blueprint is on the public list."""

from __future__ import annotations

from functools import wraps

from flask import Flask, request, session
from flask_login import current_user

from readiness.auth.permissions import ensure_role, is_coordinator
from readiness.extensions import db, login_manager

# Blueprints that authenticate on their own (API tokens) or are open to residents.
SELF_AUTHENTICATED_BLUEPRINTS = {"api", "public"}
# A calendar feed is opened by calendar apps: its secret token is the key (yearwheel/views.py).
# /healthz answers monitoring without a login and says nothing but "ok" or "down" (health.py).
PUBLIC_ENDPOINTS = {"static", "auth.login", "yearwheel.calendar_feed", "health.healthz"}
# The account's session version at login, kept in the signed session cookie.
SESSION_VERSION_KEY = "session_version"


def bind_session(user) -> None:
    """Tie this browser's session to the account's current session version (at login and after
    the holder's own password change): raising the version ends every other session."""
    session[SESSION_VERSION_KEY] = user.session_version


def roles_required(*roles: str):
    """Route decorator: the logged-in user must hold one of these roles (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            ensure_role(current_user, *roles)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def register(app: Flask) -> None:
    from readiness.auth.models import User

    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        if not (user_id.isascii() and user_id.isdigit()):
            return None
        user = db.session.get(User, int(user_id))
        # A cookie from before a logout, a lock or a password change carries an older version.
        if user is None or session.get(SESSION_VERSION_KEY) != user.session_version:
            return None
        return user

    # Templates ask the same rule the server enforces, never a role list of their own.
    app.jinja_env.globals["is_coordinator"] = is_coordinator

    @app.before_request
    def require_login():
        if request.endpoint is None:
            return None  # 404: let the error handler answer
        if (
            request.blueprint in SELF_AUTHENTICATED_BLUEPRINTS
            or request.endpoint in PUBLIC_ENDPOINTS
        ):
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return None

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if app.config["PUBLIC_BASE_URL"].startswith("https://"):
            # Served over HTTPS: browsers must never fall back to plain HTTP for a year.
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "frame-ancestors 'none'",
        )
        return response
